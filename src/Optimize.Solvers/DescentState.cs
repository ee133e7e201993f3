using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers;

/// <summary>
/// The state shared by line-search methods xₖ₊₁ = xₖ + αₖdₖ: the direction, the previous gradient and the
/// line function φ(α) = f(xₖ + αdₖ), all allocated once.
/// </summary>
public class DescentState : MinimizerState
{
    /// <summary>Allocates the vectors for <paramref name="objective"/>.</summary>
    /// <param name="objective">The counted objective.</param>
    public DescentState(IGradientObjective objective) : base(objective.Dimension, hasGradient: true)
    {
        Objective = objective;
        Direction = new double[objective.Dimension];
        PreviousGradient = new double[objective.Dimension];
        Line = new LineFunction(objective, X, Direction);
        PreviousSlope = double.NaN;
    }

    /// <summary>The counted objective.</summary>
    public IGradientObjective Objective { get; }

    /// <summary>The search direction dₖ.</summary>
    public double[] Direction { get; }

    /// <summary>∇f(xₖ₋₁).</summary>
    public double[] PreviousGradient { get; }

    /// <summary>φ(α) = f(xₖ + α·dₖ).</summary>
    public LineFunction Line { get; }

    /// <summary>φ′ₖ₋₁(0) of the previous search.</summary>
    public double PreviousSlope { get; set; }

    /// <summary>Evaluates f and ∇f at x₀.</summary>
    public void EvaluateStart()
    {
        EvaluateValueAndGradient(Objective);
    }

    /// <summary>
    /// Searches along <see cref="Direction"/> and, when a step is accepted, moves to xₖ + αdₖ keeping xₖ,
    /// f(xₖ) and ∇f(xₖ) as the previous values. Returns the reason to stop when no step can be taken.
    /// </summary>
    /// <param name="search">The line search.</param>
    /// <param name="rule">How the first trial step is chosen.</param>
    /// <param name="maximumInitialStep">
    /// An upper bound on the first trial step (1 for Newton-type directions, 1/‖d‖∞ for a quasi-Newton direction
    /// from an unscaled identity matrix; see <see cref="UnitStepBound"/>).
    /// </param>
    public TerminationReason? SearchAndMove(LineSearch search, InitialStep rule, double maximumInitialStep = double.PositiveInfinity)
    {
        double slope = TensorPrimitives.Dot(Gradient, Direction);
        if (!(slope < 0)) return double.IsFinite(slope) ? TerminationReason.NoProgress : TerminationReason.NonFiniteValue;
        // MaxMagnitude returns the signed entry of largest magnitude: ‖d‖∞ is its absolute value.
        double first = InitialStepRule.Choose(rule, slope, Math.Abs(TensorPrimitives.MaxMagnitude(Direction)), StepLength, PreviousSlope, Value, PreviousValue);
        first = Math.Min(first, maximumInitialStep);
        Line.ResetCount();
        var result = search.Search(Line, Value, slope, first);
        switch (result.Status)
        {
            case LineSearchStatus.MaximumStepReached:
                // Move to the lowest point seen along the ray, so the result shows how far f fell.
                if (result.Step > 0 && double.IsFinite(result.Value)) MoveAlong(result.Step);
                return TerminationReason.Unbounded;
            case LineSearchStatus.NonFinite: return TerminationReason.NonFiniteValue;
            case LineSearchStatus.Failed: return TerminationReason.LineSearchFailed;
        }
        PreviousSlope = slope;
        return MoveAlong(result.Step);
    }

    /// <summary>
    /// min(1, 1/‖d‖∞): the first trial step along a direction that carries the units of ∇f rather than of x, as
    /// −H₀∇f with H₀ = I before any curvature pair scaled it (Nocedal &amp; Wright, §6.1, "Implementation": the first
    /// step needs scaling; here no coordinate moves by more than 1 on the first trial).
    /// </summary>
    public double UnitStepBound()
    {
        double largest = Math.Abs(TensorPrimitives.MaxMagnitude(Direction));
        return largest > 1 ? 1 / largest : 1;
    }

    /// <summary>
    /// Moves to xₖ + α·dₖ and evaluates f and ∇f there, keeping xₖ, f(xₖ) and ∇f(xₖ). When f or ∇f is not finite
    /// there, stays at xₖ and returns <see cref="TerminationReason.NonFiniteValue"/>.
    /// </summary>
    /// <param name="step">α.</param>
    public TerminationReason? MoveAlong(double step)
    {
        Gradient.CopyTo(PreviousGradient, 0);
        double previousNorm = GradientNorm, previousStep = StepLength;
        RememberCurrent();
        TensorPrimitives.MultiplyAdd(Direction, step, PreviousX, X);
        EvaluateValueAndGradient(Objective);
        StepLength = step;
        if (double.IsFinite(Value) && double.IsFinite(GradientNorm)) return null;
        if (double.IsNegativeInfinity(Value)) return TerminationReason.Unbounded;
        PreviousX.CopyTo(X, 0);
        PreviousGradient.CopyTo(Gradient, 0);
        Value = PreviousValue;
        GradientNorm = previousNorm;
        StepLength = previousStep;
        return TerminationReason.NonFiniteValue;
    }
}
