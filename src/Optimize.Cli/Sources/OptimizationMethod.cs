using Optimize.Oracles;
using Optimize.Solvers;

namespace Optimize.Cli.Sources;

/// <summary>
/// One minimization method, as the command line names it: the oracle capability it needs and a function
/// that runs it (a fresh minimizer per run, so that runs share no state).
/// </summary>
/// <param name="Name">The name used by <c>--method</c> and in tables (e.g. <c>lbfgs</c>).</param>
/// <param name="Description">One line saying what the method does.</param>
/// <param name="Needs">The weakest oracle contract the method asks for.</param>
/// <param name="Minimize">Runs the method on an objective that has <paramref name="Needs"/> from a start, with driver options and Ctrl-C.</param>
public sealed record OptimizationMethod(
    string Name, string Description, OracleCapability Needs,
    Func<IObjective, double[], DriverOptions, CancellationToken, MinimizationResult> Minimize)
{
    /// <summary>A registry entry for a minimizer asking for <typeparamref name="TObjective"/>.</summary>
    /// <typeparam name="TObjective">The oracle interface the minimizer needs.</typeparam>
    /// <typeparam name="TState">The minimizer's state.</typeparam>
    /// <param name="name">The command-line name.</param>
    /// <param name="description">One line.</param>
    /// <param name="create">Creates a minimizer with the options the command line uses.</param>
    public static OptimizationMethod For<TObjective, TState>(string name, string description, Func<Minimizer<TObjective, TState>> create)
        where TObjective : class, IObjective
        where TState : MinimizerState
    {
        ArgumentNullException.ThrowIfNull(create);
        return new(name, description, OracleCapabilities.Required<TObjective>(),
            (objective, start, options, cancellationToken) =>
                create().Minimize(objective as TObjective ?? throw new ArgumentException(
                    $"objective gives {OracleCapabilities.Of(objective).Describe()}; method '{name}' needs {OracleCapabilities.Required<TObjective>().Describe()}.",
                    nameof(objective)), start, options, cancellationToken));
    }

    /// <summary>Whether <paramref name="source"/> gives what this method needs.</summary>
    /// <param name="source">The derivative source.</param>
    public bool Accepts(DerivativeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Provides >= Needs;
    }
}
