using System.Numerics;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Cli.Sources;

/// <summary>
/// A test problem's objective as a derivative source sees it: the generic f (<see cref="IScalarFunction"/>)
/// and the value oracle (<see cref="IObjective"/>), each call counted, so that a table can say how many
/// evaluations of f one gradient costs. The hand-coded derivatives stay reachable through <see cref="Problem"/>.
/// </summary>
public sealed class CountedFunction : IScalarFunction, IObjective
{
    private readonly bool counting;
    private long calls;

    /// <summary>Wraps <paramref name="problem"/>.</summary>
    /// <param name="problem">The test problem.</param>
    /// <param name="counting">
    /// Whether to count calls; timing runs pass false so that the atomic increment is not charged to the
    /// derivative source being timed.
    /// </param>
    public CountedFunction(TestProblem problem, bool counting = true)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        this.counting = counting;
    }

    /// <summary>The test problem, with its hand-coded derivatives.</summary>
    public TestProblem Problem { get; }

    /// <inheritdoc/>
    public int Dimension => Problem.Dimension;

    /// <summary>Evaluations of f so far, over every scalar type (double, dual numbers, tape variables …); 0 when not counting.</summary>
    public long Calls => Interlocked.Read(ref calls);

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        if (counting) Interlocked.Increment(ref calls);
        return Problem.Evaluate(x);
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        if (counting) Interlocked.Increment(ref calls);
        return Problem.Value(x);
    }
}
