using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.FirstOrder;

/// <summary>
/// Steepest descent xₖ₊₁ = xₖ − αₖ∇f(xₖ) with a fixed step or a line search (Nocedal &amp; Wright, §3.1).
/// Converges linearly at a rate set by the condition number; the baseline for the other methods.
/// </summary>
public sealed class GradientDescent : Minimizer<IGradientObjective, DescentState>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public GradientDescent(GradientDescentOptions? options = null)
    {
        Options = options ?? new GradientDescentOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public GradientDescentOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => Options.LineSearch is null ? "Gradient descent (fixed step)" : "Gradient descent";

    /// <inheritdoc/>
    protected override DescentState CreateState(IGradientObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(DescentState state)
    {
        state.EvaluateStart();
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(DescentState state)
    {
        TensorPrimitives.Negate(state.Gradient, state.Direction);
        return Options.LineSearch is { } search
            ? state.SearchAndMove(search, Options.InitialStep)
            : state.MoveAlong(Options.StepSize);
    }
}
