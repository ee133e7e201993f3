using System.Globalization;
using System.Reflection;
using Optimize.Distributed.Mpi;

namespace Optimize.Distributed.MpiChecks;

/// <summary>Runs every check on every process and counts a check as passed only when it passed on every process.</summary>
internal static class Checks
{
    public static int RunAll(MpiCommunicator world)
    {
        var checks = typeof(DistributedChecks).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.ReturnType == typeof(void) && method.GetParameters() is [{ ParameterType: var type }] && type == typeof(ICommunicator))
            .OrderBy(method => method.Name, StringComparer.Ordinal)
            .ToArray();
        int passed = 0, failed = 0;
        foreach (var check in checks)
        {
            string? error = null;
            try
            {
                check.Invoke(null, [world]);
            }
            catch (TargetInvocationException e) when (e.InnerException is CheckFailedException or DistributedEvaluationException)
            {
                error = e.InnerException.Message;
            }
            Span<double> flags = [error is null ? 0 : 1];
            world.AllreduceSum(flags);
            bool ok = flags[0] == 0;
            if (ok) passed++; else failed++;
            if (world.Rank == 0)
                Console.WriteLine(ok ? $"  passed  {check.Name}" : $"  FAILED  {check.Name}: {error ?? "failed on another rank"}");
            else if (error is not null)
                Console.Error.WriteLine($"  rank {world.Rank}: {check.Name}: {error}");
        }
        if (world.Rank == 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"distributed (n={world.Size}): {passed} passed, {failed} failed"));
        return failed == 0 ? 0 : 1;
    }
}
