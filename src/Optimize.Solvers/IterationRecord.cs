using Optimize.Oracles;

namespace Optimize.Solvers;

/// <summary>One iteration as seen by the trace and by the per-iteration callback.</summary>
/// <param name="Iteration">The iteration number; 0 is the starting point.</param>
/// <param name="Value">f(xₖ).</param>
/// <param name="GradientNorm">‖∇f(xₖ)‖₂, or NaN for derivative-free methods.</param>
/// <param name="StepLength">The step length accepted in this iteration (α of a line search, ‖p‖₂ of a trust-region step, NaN at iteration 0).</param>
/// <param name="Evaluations">Oracle calls made so far.</param>
/// <param name="Elapsed">Wall time since the start of the run.</param>
public readonly record struct IterationRecord(
    int Iteration, double Value, double GradientNorm, double StepLength, EvaluationCounts Evaluations, TimeSpan Elapsed)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Iteration,6} {Value,24:G16} {GradientNorm,12:E3} {StepLength,12:E3} {Evaluations.Values,8} {Evaluations.Gradients,8}";
}
