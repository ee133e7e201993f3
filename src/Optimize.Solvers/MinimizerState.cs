using System.Numerics.Tensors;
using Optimize.Constraints;
using Optimize.Oracles;

namespace Optimize.Solvers;

/// <summary>
/// What the shared driver loop reads from every method's state: the current and previous iterate, f, ∇f
/// and the last step. Each method derives its own state from this, allocated once per run (Optim.jl's
/// per-method state); the driver never allocates per iteration.
/// </summary>
public abstract class MinimizerState
{
    /// <summary>Allocates the vectors of an n-dimensional run.</summary>
    /// <param name="dimension">The number of variables n.</param>
    /// <param name="hasGradient">Whether the method keeps ∇f (false for derivative-free methods).</param>
    protected MinimizerState(int dimension, bool hasGradient)
    {
        Guard.Positive(dimension, nameof(dimension));
        X = new double[dimension];
        PreviousX = new double[dimension];
        Gradient = hasGradient ? new double[dimension] : [];
        HasGradient = hasGradient;
        GradientNorm = double.NaN;
        StepLength = double.NaN;
        PreviousValue = double.NaN;
    }

    /// <summary>The current iterate xₖ.</summary>
    public double[] X { get; }

    /// <summary>The previous iterate xₖ₋₁.</summary>
    public double[] PreviousX { get; }

    /// <summary>∇f(xₖ); empty for derivative-free methods.</summary>
    public double[] Gradient { get; }

    /// <summary>Whether <see cref="Gradient"/> is kept.</summary>
    public bool HasGradient { get; }

    /// <summary>f(xₖ).</summary>
    public double Value { get; set; }

    /// <summary>f(xₖ₋₁).</summary>
    public double PreviousValue { get; set; }

    /// <summary>‖∇f(xₖ)‖₂, or NaN for derivative-free methods.</summary>
    public double GradientNorm { get; set; }

    /// <summary>The last accepted step length (α of a line search, ‖p‖₂ of a trust-region step).</summary>
    public double StepLength { get; set; }

    /// <summary>The completed iterations.</summary>
    public int Iteration { get; internal set; }

    /// <summary>The absolute gradient target max(gradient tolerance, relative tolerance·‖∇f(x₀)‖₂) of the run.</summary>
    public double GradientTarget { get; internal set; }

    /// <summary>
    /// The bounds of a bounded run (set by the driver before <c>Initialize</c>, with x₀ already projected into them);
    /// null when the run has none or none is finite. Methods that support bounds keep every iterate inside them.
    /// </summary>
    public Bounds? Bounds { get; internal set; }

    /// <summary>
    /// The counted objective of the run (set by the driver before <c>Initialize</c>), through which the driver's
    /// second-order test (<see cref="StoppingRules.SecondOrderMinimizer"/>) evaluates the Hessian, or ∇f near xₖ.
    /// </summary>
    internal IObjective? Oracle { get; set; }

    /// <summary>Consecutive iterations in which f changed only by rounding.</summary>
    internal int StalledIterations { get; set; }

    /// <summary>Consecutive iterations in which |fₖ₊₁ − fₖ| ≤ 4ε·max(1, |fₖ|).</summary>
    internal int NegligibleChangeIterations { get; set; }

    /// <summary>f at the start of the current window of the slow-progress rule (<see cref="DriverOptions.SlowProgressIterations"/>); NaN before the first.</summary>
    internal double WindowStartValue { get; set; } = double.NaN;

    /// <summary>The window of the slow-progress rule in iterations of this method (0: off), set by the driver.</summary>
    internal int SlowProgressWindow { get; set; }

    /// <summary>The smallest scaled gradient in the current window of the slow-progress rule.</summary>
    internal double WindowSmallestGradient { get; set; } = double.PositiveInfinity;

    /// <summary>The smallest scaled gradient in the previous window of the slow-progress rule (at x₀ for the first).</summary>
    internal double PreviousWindowSmallestGradient { get; set; } = double.NaN;

    /// <summary>The iteration at which the current window of the slow-progress rule began.</summary>
    internal int WindowStartIteration { get; set; }

    /// <summary>
    /// Why the method stopped, in numbers, when it knows better than the driver (e.g. "trust-region radius 1e-17
    /// below its minimum"); the result's message uses it. Null otherwise.
    /// </summary>
    public string? StopDetail { get; set; }

    /// <summary>Copies xₖ and f(xₖ) into <see cref="PreviousX"/> and <see cref="PreviousValue"/> before a step is accepted.</summary>
    public void RememberCurrent()
    {
        X.CopyTo(PreviousX, 0);
        PreviousValue = Value;
    }

    /// <summary>Recomputes <see cref="GradientNorm"/> from <see cref="Gradient"/>.</summary>
    public void UpdateGradientNorm() => GradientNorm = TensorPrimitives.Norm(Gradient);

    /// <summary>Evaluates f and ∇f at <see cref="X"/> into <see cref="Value"/> and <see cref="Gradient"/>, and ‖∇f‖.</summary>
    /// <param name="objective">The counted objective of the run.</param>
    public void EvaluateValueAndGradient(IGradientObjective objective)
    {
        Value = GradientAfterValue(objective, X, Gradient);
        UpdateGradientNorm();
    }

    /// <summary>
    /// f and ∇f at <paramref name="x"/>, where f may have been evaluated already (an accepted trial point): through
    /// the run's counting wrapper, f at that point is then not counted again
    /// (<see cref="CountingGradientObjective.GradientAfterValue"/>).
    /// </summary>
    /// <param name="objective">The counted objective of the run.</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives ∇f(x).</param>
    /// <returns>f(x).</returns>
    internal static double GradientAfterValue(IGradientObjective objective, ReadOnlySpan<double> x, Span<double> gradient) =>
        objective is CountingGradientObjective counted ? counted.GradientAfterValue(x, gradient) : objective.ValueAndGradient(x, gradient);
}
