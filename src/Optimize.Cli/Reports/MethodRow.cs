using Optimize.Cli.Measurement;

namespace Optimize.Cli.Reports;

/// <summary>One method with one derivative source on one problem.</summary>
/// <param name="Problem">The problem's name.</param>
/// <param name="Dimension">n.</param>
/// <param name="Method">The method's command-line name.</param>
/// <param name="Source">The derivative source's name.</param>
/// <param name="Solved">Converged, and within 1e-5·(1 + |f*|) of f* where f* is known.</param>
/// <param name="Reason">The termination reason.</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="Values">Evaluations of f (fused value-and-gradient calls included).</param>
/// <param name="Gradients">Evaluations of ∇f.</param>
/// <param name="HessianVectors">Hessian-vector products.</param>
/// <param name="Hessians">Full Hessians.</param>
/// <param name="FunctionCalls">Evaluations of the problem's f underneath the derivative source (differences and AD sweeps included).</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Minimum">The final f.</param>
/// <param name="GradientNorm">The final ‖∇f‖₂.</param>
public sealed record MethodRow(
    string Problem, int Dimension, string Method, string Source, bool Solved, string Reason, int Iterations,
    long Values, long Gradients, long HessianVectors, long Hessians, long FunctionCalls, double Seconds,
    double Minimum, double GradientNorm);
