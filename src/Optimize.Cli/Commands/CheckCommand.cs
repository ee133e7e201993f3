using System.CommandLine;
using Optimize.Cli.Reports;
using Optimize.FSharp.Symbolic;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize check</c>: runs the gradient checker (and, with <c>--hessian</c>, the Hessian checker) on a
/// derivative source's oracle for one problem, at the standard start or a given point, and prints its report.
/// </summary>
public static class CheckCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var problem = new Argument<string>("problem") { Description = "The problem (see 'optimize problems')." };
        var derivatives = new Option<string>("--derivatives") { Description = "The derivative source to check.", DefaultValueFactory = _ => DerivativeSources.ReferenceName };
        var dimension = new Option<int?>("--n") { Description = "Dimension of a scalable problem." };
        var at = new Option<string?>("--at") { Description = "The point, comma-separated (default: the standard start)." };
        var hessian = new Option<bool>("--hessian") { Description = "Also check the Hessian against differences of the gradient." };
        var command = new Command("check", "Check a derivative source's gradient against finite differences.")
        {
            problem, derivatives, dimension, at, hessian,
        };
        command.SetAction(parsed => OptimizeCommandLine.Guarded(environment, () =>
        {
            var testProblem = ProblemCatalog.Problem(parsed.GetRequiredValue(problem), parsed.GetValue(dimension));
            var source = ProblemCatalog.Source(parsed.GetRequiredValue(derivatives), testProblem);
            var point = PointParser.Parse(parsed.GetValue(at), testProblem.Dimension) ?? testProblem.StartingPoint;
            return Run(environment, source, source.Create(new CountedFunction(testProblem)), testProblem.Name, point, parsed.GetValue(hessian));
        }));
        return command;
    }

    /// <summary>Checks the oracle and prints the reports.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="source">The source the oracle came from.</param>
    /// <param name="oracle">The oracle to check.</param>
    /// <param name="problemName">The problem's name, for the header.</param>
    /// <param name="point">Where to check.</param>
    /// <param name="hessian">Whether to check the Hessian too.</param>
    /// <returns><see cref="ExitCodes.Success"/> when every check passed, else <see cref="ExitCodes.NotConverged"/>.</returns>
    public static int Run(CommandEnvironment environment, DerivativeSource source, IGradientObjective oracle, string problemName,
        double[] point, bool hessian)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(oracle);
        if (hessian && oracle is not IHessianObjective)
            throw new UsageException(
                $"Source '{source.Name}' gives {source.Provides.Describe()}, not Hessians; choose one of: " +
                $"{string.Join(", ", SymbolicSource.All.Where(s => s.Provides >= OracleCapability.Hessian).Select(s => s.Name))}.");
        environment.OutputWriter.WriteLine($"{problemName} with {source.Name} derivatives at {Format.Point(point)}");
        var reports = new List<DerivativeCheckReport> { GradientChecker.CheckGradient(oracle, point) };
        if (hessian) reports.Add(GradientChecker.CheckHessian((IHessianObjective)oracle, point));
        foreach (var report in reports) Write(environment.Output, report);
        return reports.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.NotConverged;
    }

    private static void Write(IAnsiConsole console, DerivativeCheckReport report)
    {
        int failures = report.Failures.Count();
        string verdict = report.Passed ? "PASSED" : $"FAILED in {failures} of {report.Comparisons.Count} components";
        var table = new TextTable(
            $"{report.Kind} check ({report.Options.FiniteDifferences.Method} differences): {verdict}; " +
            $"max abs. error {Format.Scientific(report.MaxAbsoluteError)}, max rel. error {Format.Scientific(report.MaxRelativeError)}",
            ["component", "supplied", "finite differences", "abs. error", "rel. error", "tolerance", "status"],
            report.Worst(report.Options.WorstCount).Select(c => new[]
            {
                c.Label, Format.Value(c.Supplied), Format.Value(c.Estimated), Format.Scientific(c.AbsoluteError),
                Format.Scientific(c.RelativeError), Format.Scientific(c.Tolerance), c.Passed ? "ok" : "FAIL",
            }).ToArray(),
            new HashSet<int> { 1, 2, 3, 4, 5 });
        table.Write(console);
    }
}
