#:project ../../src/Optimize.Solvers/Optimize.Solvers.csproj
#:project ../../src/Optimize.Problems/Optimize.Problems.csproj

// How far the stopping rules are from the solution, per method, on the 42 Moré–Garbow–Hillstrom instances from x₀
// (default options, 10000 iterations, the problems' hand-coded derivatives; not part of the test suite). For each
// method: the runs solved at the end (f − f* ≤ 1e-6·max(1, |f*|), the standard-set verb's rule), the median f
// evaluations they took, and the median f evaluations at their first iterate that was already solved: no stopping
// rule can end these runs sooner, since the iterates are the same.
//   dotnet run eng/bench/first-solved.cs -- [methods, comma-separated; default bfgs,lbfgs,cg,newton-cg,trust-region-exact]
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

string[] names = (args.FirstOrDefault() ?? "bfgs,lbfgs,cg,newton-cg,trust-region-exact").Split(',');
static double Median(List<long> values)
{
    values.Sort();
    return values.Count == 0 ? double.NaN : (values[(values.Count - 1) / 2] + values[values.Count / 2]) / 2.0;
}

Console.WriteLine($"{"method",-20} {"solved",6} {"median f evals",15} {"at the first solved iterate",28}");
foreach (string name in names)
{
    var method = MinimizationMethods.Find(name) ?? throw new ArgumentException($"Unknown method '{name}'.");
    List<long> final = [], first = [];
    foreach (var instance in MoreGarbowHillstromSet.Instances)
    {
        double fStar = instance.Problem.KnownMinimum ?? double.NaN;
        bool Solved(double f) => double.IsFinite(f) && f - fStar <= 1e-6 * Math.Max(1, Math.Abs(fStar));
        long firstSolved = -1;
        var options = DriverOptions.Default with
        {
            MaximumIterations = 10_000,
            Callback = record =>
            {
                if (firstSolved < 0 && Solved(record.Value)) firstSolved = record.Evaluations.Values;
                return false;
            },
        };
        var result = method.Minimize(instance.Problem, instance.Start(1), options);
        if (!Solved(instance.Problem.Value(result.Minimizer))) continue;
        final.Add(result.Evaluations.Values);
        first.Add(firstSolved);
    }
    Console.WriteLine($"{name,-20} {final.Count,6} {Median(final),15:0.#} {Median(first),28:0.#}");
}
