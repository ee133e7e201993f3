using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Cli.Measurement;

/// <summary>One run of MINPACK's lmder protocol (<see cref="MinpackProtocol"/>): the instance with MINPACK's published output, and ours.</summary>
/// <param name="Instance">The run of MINPACK's driver, with its published ‖r‖, nfev, njev and info.</param>
/// <param name="Result">Our Levenberg–Marquardt's result from the same start.</param>
/// <param name="MinpackSolved">Whether MINPACK's final ‖r‖ is within the protocol's tolerance of r*.</param>
/// <param name="Solved">Whether ours is.</param>
public sealed record MinpackRun(MinpackLeastSquaresInstance Instance, LeastSquaresResult Result, bool MinpackSolved, bool Solved);
