namespace Optimize.Cli.Measurement;

/// <summary>One solver's curve in a performance or data profile: a non-decreasing step function, given at its steps.</summary>
/// <param name="Solver">The solver (method, or method/source).</param>
/// <param name="X">The abscissae, increasing: performance ratios τ, or budgets κ in simplex gradients.</param>
/// <param name="Y">The fraction of problems solved within each abscissa, from 0 to 1.</param>
public sealed record ProfileCurve(string Solver, IReadOnlyList<double> X, IReadOnlyList<double> Y);
