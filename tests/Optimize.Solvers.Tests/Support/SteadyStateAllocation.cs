namespace Optimize.Solvers.Tests.Support;

/// <summary>
/// Bytes a run allocates between two iterations, read by the callback (an <see cref="IterationRecord"/> is a struct,
/// so reading it allocates nothing): zero means no allocation per iteration in steady state.
/// </summary>
internal static class SteadyStateAllocation
{
    public static long Between(int first, int last, Func<DriverOptions, MinimizationResult> run)
    {
        long atFirst = -1, atLast = -1;
        var options = new DriverOptions
        {
            MaximumIterations = last, GradientTolerance = 0, ScaledGradientTolerance = 0,
            Callback = record =>
            {
                if (record.Iteration == first) atFirst = GC.GetAllocatedBytesForCurrentThread();
                if (record.Iteration == last) atLast = GC.GetAllocatedBytesForCurrentThread();
                return false;
            },
        };
        var result = run(options);
        Assert.Equal(TerminationReason.IterationLimit, result.Reason);
        return atLast - atFirst;
    }
}
