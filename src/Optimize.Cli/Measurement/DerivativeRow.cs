using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Cli.Measurement;

/// <summary>One derivative source on one problem: accuracy against the hand-coded gradient and cost.</summary>
/// <param name="Problem">The problem's name.</param>
/// <param name="Dimension">n.</param>
/// <param name="Source">The derivative source's name.</param>
/// <param name="GradientError">
/// max over the check points of ‖g − g*‖∞ / max(1, ‖g*‖∞), with g* the hand-coded gradient (0 for the reference itself).
/// </param>
/// <param name="CallsPerGradient">Evaluations of f (over any scalar type) made by one value-and-gradient call; 0 for hand-coded derivatives.</param>
/// <param name="ValueSeconds">Time of one f(x), in seconds (fastest of the timed batches).</param>
/// <param name="GradientSeconds">Time of one value-and-gradient call, in seconds (fastest of the timed batches).</param>
/// <param name="CostRatio">time(f and ∇f) / time(f).</param>
public sealed record DerivativeRow(
    string Problem, int Dimension, string Source, double GradientError, double CallsPerGradient,
    double ValueSeconds, double GradientSeconds, double CostRatio);
