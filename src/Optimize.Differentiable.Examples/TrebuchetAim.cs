using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Differentiable.Examples;

/// <summary>The outcome of aiming a trebuchet at one target.</summary>
/// <param name="ReleaseAngle">θ_r (rad).</param>
/// <param name="CounterweightMass">M (kg).</param>
/// <param name="Distance">The distance reached with them (m).</param>
/// <param name="DistanceError">|distance − target| (m).</param>
/// <param name="Minimization">The L-BFGS run.</param>
public sealed record TrebuchetAim(double ReleaseAngle, double CounterweightMass, double Distance, double DistanceError, MinimizationResult Minimization);
