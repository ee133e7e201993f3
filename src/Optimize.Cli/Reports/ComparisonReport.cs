using Optimize.Cli.Measurement;

namespace Optimize.Cli.Reports;

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
