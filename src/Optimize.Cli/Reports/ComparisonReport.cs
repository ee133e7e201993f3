using Optimize.Cli.Measurement;

namespace Optimize.Cli.Reports;

/// <summary>A problem as the reports list it.</summary>
/// <param name="Name">The problem's name.</param>
/// <param name="Dimension">n.</param>
/// <param name="KnownMinimum">f*, where known.</param>
public sealed record ProblemSummary(string Name, int Dimension, double? KnownMinimum);

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

/// <summary>The convergence history of one run: f − f* (or f − the best f found) against evaluations of f.</summary>
/// <param name="Problem">The problem's name.</param>
/// <param name="Method">The method's name.</param>
/// <param name="Source">The derivative source's name.</param>
/// <param name="Evaluations">Cumulative evaluations of f at each iteration.</param>
/// <param name="Gap">f(xₖ) − f* at each iteration (f* the known minimum, else the best value any run reached).</param>
public sealed record ConvergenceCurve(string Problem, string Method, string Source, long[] Evaluations, double[] Gap);

/// <summary>Everything <c>optimize compare</c> measured, as the table, Markdown, CSV, JSON and HTML writers consume it.</summary>
/// <param name="Problems">The problems, in run order.</param>
/// <param name="Sources">The derivative sources, in run order.</param>
/// <param name="Methods">The methods, in run order.</param>
/// <param name="Derivatives">Accuracy and cost of every source on every problem.</param>
/// <param name="Runs">Every method with every compatible source on every problem.</param>
/// <param name="Curves">The convergence history of every run.</param>
/// <param name="Skipped">Combinations not run, with the reason (a method needing more than a source gives).</param>
/// <param name="Cancelled">Whether Ctrl-C stopped the run early; the rows then cover what was finished.</param>
public sealed record ComparisonReport(
    IReadOnlyList<ProblemSummary> Problems,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Methods,
    IReadOnlyList<DerivativeRow> Derivatives,
    IReadOnlyList<MethodRow> Runs,
    IReadOnlyList<ConvergenceCurve> Curves,
    IReadOnlyList<string> Skipped,
    bool Cancelled);
