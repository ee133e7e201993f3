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
    private long calls;

    /// <summary>Wraps <paramref name="problem"/>.</summary>
    /// <param name="problem">The test problem.</param>
    public CountedFunction(TestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
    }

    /// <summary>The test problem, with its hand-coded derivatives.</summary>
    public TestProblem Problem { get; }

    /// <inheritdoc/>
    public int Dimension => Problem.Dimension;

    /// <summary>Evaluations of f so far, over every scalar type (double, dual numbers, tape variables …).</summary>
    public long Calls => Interlocked.Read(ref calls);

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        Interlocked.Increment(ref calls);
        return Problem.Evaluate(x);
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Interlocked.Increment(ref calls);
        return Problem.Value(x);
    }
}
