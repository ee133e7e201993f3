using Optimize.Solvers;

namespace Optimize.Distributed;

/// <summary>
/// Multi-start minimization with the starts spread over the processes: start i runs on rank i mod P, each
/// process runs its starts one after another with its own (local, not sharded) objective, and one Allreduce
/// gathers every outcome so that every process knows the best — independent restarts, the embarrassingly
/// parallel form of global optimization by multiple local searches (Rinnooy Kan &amp; Timmer, "Stochastic
/// global optimization methods", Math. Programming 39, 1987).
/// </summary>
public static class DistributedMultiStart
{
    private const int Header = 3;   // value, termination reason, iterations

    /// <summary>Runs <paramref name="solve"/> from every start, spread over the processes, and gathers the best. A collective call.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="starts">The starting points, all of one length; the same list on every process.</param>
    /// <param name="solve">Minimizes from one start (e.g. <c>x0 =&gt; new Lbfgs().Minimize(objective, x0)</c>); called only for this process's starts.</param>
    /// <returns>The best start's value and point and every start's outcome, on every process.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There are no starts, or their lengths differ.</exception>
    /// <exception cref="DistributedEvaluationException"><paramref name="solve"/> threw on some process (thrown on every process).</exception>
    public static DistributedMultiStartResult Minimize(
        ICommunicator communicator, IReadOnlyList<double[]> starts, Func<double[], MinimizationResult> solve)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(solve);
        if (starts.Count == 0) throw new ArgumentException("Expected at least one start.", nameof(starts));
        int n = starts[0]?.Length ?? throw new ArgumentException("Start 0 is null.", nameof(starts));
        for (int i = 1; i < starts.Count; i++)
            if (starts[i] is null || starts[i].Length != n)
                throw new ArgumentException($"Start {i} has length {starts[i]?.Length}; expected {n}, the length of start 0.", nameof(starts));

        int stride = Header + n;
        var sums = new double[starts.Count * stride + 1];
        var local = new List<MinimizationResult>();
        string? error = null;
        Exception? exception = null;
        for (int i = communicator.Rank; i < starts.Count && error is null; i += communicator.Size)
        {
            try
            {
                var result = solve((double[])starts[i].Clone());
                local.Add(result);
                var row = sums.AsSpan(i * stride, stride);
                row[0] = result.Minimum;
                row[1] = (double)result.Reason;
                row[2] = result.Iterations;
                result.Minimizer.CopyTo(row[Header..]);
            }
            catch (Exception e)
            {
                exception = e;
                error = $"start {i}: {Agreement.Describe(e)}";
            }
        }
        Agreement.Sum(communicator, sums, sums.Length - 1, error, exception, "the multi-start");

        var outcomes = new StartOutcome[starts.Count];
        int best = 0;
        for (int i = 0; i < starts.Count; i++)
        {
            var row = sums.AsSpan(i * stride, stride);
            outcomes[i] = new StartOutcome(i, i % communicator.Size, row[0], (TerminationReason)(int)row[1], (int)row[2]);
            if (Rank(row[0]) < Rank(outcomes[best].Minimum)) best = i;
        }
        return new DistributedMultiStartResult(best, outcomes[best].Minimum, sums.AsSpan(best * stride + Header, n).ToArray(), outcomes, local);
    }

    private static double Rank(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;
}
