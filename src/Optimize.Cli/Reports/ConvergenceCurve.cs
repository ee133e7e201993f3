using Optimize.Cli.Measurement;

namespace Optimize.Cli.Reports;

/// <summary>The convergence history of one run: f − f* (or f − the best f found) against evaluations of f.</summary>
/// <param name="Problem">The problem's name.</param>
/// <param name="Method">The method's name.</param>
/// <param name="Source">The derivative source's name.</param>
/// <param name="Evaluations">Cumulative evaluations of f at each iteration.</param>
/// <param name="Gap">f(xₖ) − f* at each iteration (f* the known minimum, else the best value any run reached).</param>
public sealed record ConvergenceCurve(string Problem, string Method, string Source, long[] Evaluations, double[] Gap);
