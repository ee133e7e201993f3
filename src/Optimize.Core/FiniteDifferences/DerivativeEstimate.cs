using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>An estimate of a derivative with its error estimate.</summary>
/// <param name="Value">The derivative estimate.</param>
/// <param name="ErrorEstimate">
/// The estimated absolute error: Ridders' tableau estimate, or for the other methods the change when the
/// step is doubled (scaled by the formula's order) plus the round-off bound.
/// </param>
public readonly record struct DerivativeEstimate(double Value, double ErrorEstimate);
