using Optimize.Solvers;

namespace Optimize.Distributed;

/// <summary>How one start of a distributed multi-start ended, as every process learns it.</summary>
/// <param name="Start">The start's index in the list of starts.</param>
/// <param name="Rank">The process that ran it.</param>
/// <param name="Minimum">The final objective value.</param>
/// <param name="Reason">Why the run stopped.</param>
/// <param name="Iterations">The iterations the run took.</param>
public readonly record struct StartOutcome(int Start, int Rank, double Minimum, TerminationReason Reason, int Iterations);
