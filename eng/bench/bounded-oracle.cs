#:project ../../src/Optimize.Solvers/Optimize.Solvers.csproj
#:project ../../src/Optimize.Problems/Optimize.Problems.csproj

// The C# half of eng/bench/bounded-vs-scipy.py (run by it; not part of the test suite). Three verbs, each writing
// lines of fields separated by '|' (vectors comma-separated, numbers round-trip, ±Infinity for an open side):
//   list                 every problem of BoundedSet: name | n | x0 | lower | upper | f*
//   ours <gtol> <ftol>   our L-BFGS-B on every problem, stopping on ‖x − P(x − ∇f)‖∞ ≤ gtol or a relative f change
//                        ≤ ftol (0: off): name | f evaluations (a value-and-gradient call counts one, as scipy's nfev)
//                        | f | projected gradient ‖x − P(x − ∇f)‖∞ | termination reason
//   serve <name>         the problem's oracle over stdin/stdout for scipy: a line of x in, a line "f g₁ … gₙ" out
using System.Globalization;
using Optimize.Problems.Bounded;
using Optimize.Solvers;
using Optimize.Solvers.Bounded;

var culture = CultureInfo.InvariantCulture;
string Vector(IEnumerable<double> values) => string.Join(',', values.Select(v => v.ToString("R", culture)));

switch (args.FirstOrDefault())
{
    case "list":
        foreach (var p in BoundedSet.Instances)
            Console.WriteLine(string.Join('|', p.Name, p.Dimension.ToString(culture), Vector(p.StartingPoint),
                Vector(p.Bounds.Lower.ToArray()), Vector(p.Bounds.Upper.ToArray()), p.KnownMinimum.ToString("R", culture)));
        break;
    case "ours":
    {
        var options = new DriverOptions
        {
            GradientTolerance = double.Parse(args[1], culture), FunctionChangeTolerance = double.Parse(args[2], culture),
            ScaledGradientTolerance = 0, MaximumIterations = 15000,
        };
        foreach (var p in BoundedSet.Instances)
        {
            var r = new Lbfgsb().Minimize(p.Problem, p.StartingPoint, p.Bounds, options);
            Console.WriteLine(string.Join('|', p.Name, r.Evaluations.Values.ToString(culture), r.Minimum.ToString("R", culture),
                r.ProjectedGradientNorm.ToString("R", culture), r.Reason.ToString()));
        }
        break;
    }
    case "serve":
    {
        var p = BoundedSet.Find(args[1]) ?? throw new ArgumentException($"no problem {args[1]}");
        var g = new double[p.Dimension];
        string? line;
        while ((line = Console.ReadLine()) is not null)
        {
            var x = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, culture)).ToArray();
            double f = p.Problem.ValueAndGradient(x, g);
            Console.WriteLine(string.Join(' ', new[] { f }.Concat(g).Select(v => v.ToString("R", culture))));
        }
        break;
    }
    default:
        Console.Error.WriteLine("usage: dotnet run eng/bench/bounded-oracle.cs -- list | ours <gtol> <ftol> | serve <name>");
        return 2;
}
return 0;
