using System.CommandLine;
using Optimize.AutoDiff;
using Optimize.Cli.Reports;
using Optimize.Problems;
using Optimize.AutoDiff.Trace;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize trace</c>: the evaluation trace of a problem's f at a point, as the forward-mode table
/// (every intermediate vᵢ with its tangent v̇ᵢ for a seed direction ẋ) or the reverse-mode table (every vᵢ with
/// its adjoint v̄ᵢ = ∂y/∂vᵢ) of Griewank &amp; Walther, <i>Evaluating Derivatives</i>, Tables 3.2 and 3.4.
/// </summary>
public static class TraceCommand
{
    /// <summary>The trace tables' modes.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["forward", "reverse"];

    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var problem = new Argument<string>("problem") { Description = "The problem (see 'optimize problems'); small ones make readable tables." };
        var mode = new Option<string>("--mode") { Description = "forward (tangents) or reverse (adjoints).", DefaultValueFactory = _ => "forward" };
        mode.AcceptOnlyFromAmong([.. Modes]);
        var dimension = new Option<int?>("--n") { Description = "Dimension of a scalable problem." };
        var at = new Option<string?>("--at") { Description = "The point, comma-separated (default: the standard start)." };
        var direction = new Option<string?>("--direction") { Description = "The tangent seed ẋ for forward mode, comma-separated (default: e₁)." };
        var command = new Command("trace", "Print the AD evaluation trace: intermediates with tangents or adjoints.")
        {
            problem, mode, dimension, at, direction,
        };
        command.SetAction(parsed => OptimizeCommandLine.Guarded(environment, () =>
        {
            var testProblem = ProblemCatalog.Problem(parsed.GetRequiredValue(problem), parsed.GetValue(dimension));
            int n = testProblem.Dimension;
            var point = PointParser.Parse(parsed.GetValue(at), n) ?? testProblem.StartingPoint;
            var seed = PointParser.Parse(parsed.GetValue(direction), n, "--direction") ?? UnitVector(n);
            return Run(environment, testProblem, parsed.GetRequiredValue(mode), point, seed);
        }));
        return command;
    }

    /// <summary>Records the trace and prints the table of <paramref name="mode"/>.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="problem">The problem.</param>
    /// <param name="mode">"forward" or "reverse".</param>
    /// <param name="point">x.</param>
    /// <param name="direction">ẋ (forward mode).</param>
    public static int Run(CommandEnvironment environment, TestProblem problem, string mode, double[] point, double[] direction)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problem);
        bool forward = mode == "forward";
        var trace = EvaluationTrace.Record(problem, point, direction);
        string derivative = forward ? "tangent v̇" : "adjoint v̄";
        environment.OutputWriter.WriteLine($"{problem.Name} at x = {Format.Point(point, point.Length)}" +
            (forward ? $", seed ẋ = {Format.Point(direction, direction.Length)}" : ", seed ȳ = 1"));
        var table = new TextTable(forward ? "Forward mode" : "Reverse mode",
            ["v", "expression", "value", derivative],
            trace.Rows.Select(row => new[] { row.Name, row.Expression, Format.Value(row.Value), Format.Value(forward ? row.Tangent : row.Adjoint) }).ToArray(),
            new HashSet<int> { 2, 3 });
        table.Write(environment.Output);
        environment.OutputWriter.WriteLine(forward
            ? $"y = {trace.Output} = {Format.Value(trace.Value)}, ẏ = ∇f·ẋ = {Format.Value(trace.Tangent)}"
            : $"y = {trace.Output} = {Format.Value(trace.Value)}, ∇f = x̄ = {Format.Point(trace.Gradient, trace.Gradient.Count)}");
        return ExitCodes.Success;
    }

    private static double[] UnitVector(int n)
    {
        var e = new double[n];
        e[0] = 1;
        return e;
    }
}
