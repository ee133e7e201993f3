using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Differentiable.Examples;

/// <summary>One training or test case of a <see cref="TrebuchetPolicy"/>.</summary>
/// <param name="WindSpeed">w (m/s).</param>
/// <param name="Target">The target distance (m).</param>
public readonly record struct TrebuchetShot(double WindSpeed, double Target);
