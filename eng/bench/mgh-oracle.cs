#:project ../../src/Optimize.Problems/Optimize.Problems.csproj

// The C# half of eng/bench/mgh-vs-scipy.py (run by it; not part of the test suite): the 42 instances of the
// Moré–Garbow–Hillstrom set with our hand-coded derivatives. Two verbs, writing fields separated by '|' (vectors
// comma-separated, numbers round-trip):
//   list    every instance: name | n | x₀ | f* (NaN when unknown) | the other documented minima
//   serve   the oracle over stdin/stdout, one request a line: "p <name>" selects an instance (answers "ok"),
//           "g x₁ … xₙ" answers "f g₁ … gₙ", "h x₁ … xₙ" the Hessian row by row, "v x₁ … xₙ v₁ … vₙ" the product ∇²f·v
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;

var culture = CultureInfo.InvariantCulture;
string Numbers(IEnumerable<double> values, char separator) => string.Join(separator, values.Select(v => v.ToString("R", culture)));

switch (args.FirstOrDefault())
{
    case "list":
        foreach (var instance in MoreGarbowHillstromSet.Instances)
            Console.WriteLine(string.Join('|', instance.Name, instance.Problem.Dimension.ToString(culture),
                Numbers(instance.Start(1), ','), (instance.Problem.KnownMinimum ?? double.NaN).ToString("R", culture),
                Numbers(instance.OtherMinima.Select(m => m.Value), ',')));
        break;
    case "serve":
    {
        TestProblem? problem = null;
        string? line;
        while ((line = Console.ReadLine()) is not null)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "p")
            {
                problem = MoreGarbowHillstromSet.Find(fields[1])?.Problem ?? throw new ArgumentException($"Unknown instance '{fields[1]}'.");
                Console.WriteLine("ok");
                continue;
            }
            if (problem is null) throw new InvalidOperationException("Select an instance with 'p <name>' first.");
            int n = problem.Dimension;
            var numbers = fields.Skip(1).Select(v => double.Parse(v, culture)).ToArray();
            var x = numbers.AsSpan(0, n);
            switch (fields[0])
            {
                case "g":
                {
                    var gradient = new double[n];
                    double value = problem.ValueAndGradient(x, gradient);
                    Console.WriteLine(value.ToString("R", culture) + " " + Numbers(gradient, ' '));
                    break;
                }
                case "h":
                {
                    var hessian = Matrix<double>.Build.Dense(n, n);
                    problem.Hessian(x, hessian);
                    Console.WriteLine(Numbers(hessian.ToRowMajorArray(), ' '));
                    break;
                }
                case "v":
                {
                    var product = new double[n];
                    problem.HessianVector(x, numbers.AsSpan(n, n), product);
                    Console.WriteLine(Numbers(product, ' '));
                    break;
                }
                default: throw new ArgumentException($"Unknown request '{fields[0]}'; expected p, g, h or v.");
            }
        }
        break;
    }
    default:
        Console.Error.WriteLine("usage: dotnet run eng/bench/mgh-oracle.cs -- list | serve");
        return 2;
}
return 0;
