using Optimize.Cli.Measurement;

namespace Optimize.Cli.Reports;

/// <summary>A problem as the reports list it.</summary>
/// <param name="Name">The problem's name.</param>
/// <param name="Dimension">n.</param>
/// <param name="KnownMinimum">f*, where known.</param>
public sealed record ProblemSummary(string Name, int Dimension, double? KnownMinimum);
