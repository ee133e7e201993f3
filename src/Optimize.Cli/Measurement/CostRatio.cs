using System.Diagnostics;
using Optimize.Oracles;

namespace Optimize.Cli.Measurement;

/// <summary>The measured cost of a gradient relative to the cost of the function.</summary>
/// <param name="ValueSeconds">Time of one f(x), in seconds: the fastest batch's time per call.</param>
/// <param name="GradientSeconds">Time of one f(x) and ∇f(x) together, in seconds: the fastest batch's time per call.</param>
/// <param name="Ratio">GradientSeconds / ValueSeconds.</param>
public readonly record struct CostRatio(double ValueSeconds, double GradientSeconds, double Ratio);
