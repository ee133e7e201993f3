using Optimize.Cli.Reports;
using Optimize.Constraints;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Measurement;

/// <summary>Runs a method with a derivative source on a problem.</summary>
public static class MethodRunner
{
    /// <summary>The source column of value-only methods, which take no derivative source.</summary>
    public const string ValuesOnly = "values";

    /// <summary>The relative distance to f* within which a run counts as solved.</summary>
    public const double SolvedTolerance = 1e-8;

    /// <summary>
    /// Builds the oracle (the source's, or the counted values for a value-only method) and minimizes from
    /// <paramref name="start"/>, or from the standard start when null.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method.</param>
    /// <param name="source">The derivative source; ignored (may be null) for value-only methods.</param>
    /// <param name="options">Driver options.</param>
    /// <param name="start">x₀, or null for the problem's standard start.</param>
    /// <param name="bounds">Bounds on the variables (the method must support them), or null for an unconstrained run.</param>
    /// <param name="cancellationToken">Ctrl-C; the run then returns its current iterate.</param>
    /// <exception cref="ArgumentException">The source does not give what the method needs (check with <see cref="Commands.ProblemCatalog.Incompatibility"/> first), or the method does not support bounds.</exception>
    public static MethodRun Run(TestProblem problem, MinimizationMethod method, DerivativeSource? source, DriverOptions options,
        double[]? start, Bounds? bounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        var function = new CountedFunction(problem);
        IObjective objective;
        string sourceName;
        if (method.Needs == OracleCapability.Value)
        {
            objective = function;
            sourceName = ValuesOnly;
        }
        else
        {
            ArgumentNullException.ThrowIfNull(source);
            objective = source.Create(function);
            sourceName = source.Name;
        }
        var x0 = start ?? problem.StartingPoint;
        var result = bounds is null
            ? method.Minimize(objective, x0, options, cancellationToken)
            : method.Minimize(objective, x0, bounds, options, cancellationToken);
        return new MethodRun(problem, method, sourceName, result, function.Calls);
    }
}
