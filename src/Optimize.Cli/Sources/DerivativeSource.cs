using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Cli.Sources;

/// <summary>
/// One way of computing derivatives, as the command line names it: a factory that builds an oracle
/// for a test problem, and the strongest contract that oracle implements.
/// </summary>
/// <param name="Name">The name used by <c>--derivatives</c> and in tables (e.g. <c>central-diff</c>).</param>
/// <param name="Description">One line saying what the source does.</param>
/// <param name="Provides">The strongest oracle contract the built objective implements.</param>
/// <param name="Create">
/// Builds the oracle from the problem's counted function (generic f and values) or, for the
/// hand-coded source, from the derivatives of <see cref="CountedFunction.Problem"/>.
/// </param>
public sealed record DerivativeSource(
    string Name, string Description, OracleCapability Provides, Func<CountedFunction, IGradientObjective> Create)
{
    /// <summary>
    /// Which problems the source applies to (all when null); symbolic differentiation, for one, needs a
    /// closed-form expression.
    /// </summary>
    public Func<TestProblem, bool>? Applies { get; init; }

    /// <summary>Whether the source applies to <paramref name="problem"/>.</summary>
    /// <param name="problem">The problem.</param>
    public bool Supports(TestProblem problem) => Applies?.Invoke(problem) ?? true;

    /// <summary>Whether this source is the hand-coded reference the others are compared against.</summary>
    public bool IsReference => Name == DerivativeSources.ReferenceName;
}
