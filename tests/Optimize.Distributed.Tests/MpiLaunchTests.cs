using System.Diagnostics;
using Optimize.Distributed.Mpi;

namespace Optimize.Distributed.Tests;

/// <summary>
/// The loader, the launcher check and the fault scenarios, run as real processes: the check program
/// (Optimize.Distributed.MpiChecks) started with and without mpiexec.
/// </summary>
public class MpiLaunchTests
{
    private static readonly TimeSpan FaultBudget = TimeSpan.FromSeconds(10);

    [Fact]
    public void LoaderFindsMpichAndRefusesALibraryThatDoesNotExist()
    {
        var (handle, name) = MpiLibrary.Load(null);
        Assert.NotEqual(IntPtr.Zero, handle);
        Assert.Contains(name, MpiLibrary.DefaultCandidates);
        var e = Assert.Throws<MpiUnavailableException>(() => MpiLibrary.Load("/nonexistent/libmpi.so.12"));
        Assert.Contains(MpiLibrary.EnvironmentVariable, e.Message);
        Assert.Contains("/nonexistent/libmpi.so.12", e.Message);
        var none = Assert.Throws<MpiUnavailableException>(() => MpiLibrary.Load(null, ["libmpich-absent.so.12"]));
        Assert.StartsWith("No MPI library is installed: none of libmpich-absent.so.12 could be loaded. Install MPICH", none.Message);
    }

    [Fact]
    public void WithoutMpiexecTheProgramSaysSoAndExitsWithCodeTwo()
    {
        var run = Start(mpiexecProcesses: 0, scenario: null, environment: []);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not started by mpiexec", run.Error);
    }

    [Fact]
    public void AMissingLibraryIsOneClearErrorWithCodeTwo()
    {
        var run = Start(mpiexecProcesses: 0, scenario: null, environment: [(MpiLibrary.EnvironmentVariable, "libmpi-missing.so.1")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"The MPI library 'libmpi-missing.so.1' named by {MpiLibrary.EnvironmentVariable} could not be loaded", run.Error);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ExceptionOnOneRankAtIterationFiveEndsEveryProcessWithTheMessageFromRankZero(int processes)
    {
        var run = Start(processes, "fault-exception", []);
        AssertEveryProcessEndedInTime(run, processes);
        Assert.Contains("error: the gradient failed on rank 1: InvalidOperationException: injected failure on rank 1 at iteration 5", run.Error);
        Assert.Single(run.Error.Split('\n'), line => line.StartsWith("error:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void NonFiniteValueOnOneRankEndsEveryProcessWhenTheObjectiveStopsOnThem(int processes)
    {
        var run = Start(processes, "fault-nonfinite", []);
        AssertEveryProcessEndedInTime(run, processes);
        Assert.Contains("error: the gradient failed on rank 1: the local value or gradient is not finite (NaN)", run.Error);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ExceptionOutsideACollectiveCallAbortsEveryProcess(int processes)
    {
        var run = Start(processes, "fault-abort", []);
        AssertEveryProcessEndedInTime(run, processes);
        Assert.Contains($"error on rank 1 of {processes}, ending every process: System.InvalidOperationException: injected failure outside any collective call on rank 1 at iteration 5", run.Error);
    }

    private static void AssertEveryProcessEndedInTime(Run run, int processes)
    {
        Assert.False(run.TimedOut, $"mpiexec still running after {FaultBudget.TotalSeconds} s: {run.Error}");
        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Elapsed < FaultBudget, $"took {run.Elapsed}");
        var pids = run.Error.Split('\n')
            .Where(line => line.StartsWith("rank ", StringComparison.Ordinal) && line.Contains(": process "))
            .Select(line => int.Parse(line[(line.LastIndexOf(' ') + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal(processes, pids.Length);
        // mpiexec may return while the processes it killed are still being torn down: wait for them within the budget.
        var remaining = FaultBudget - run.Elapsed;
        var clock = Stopwatch.StartNew();
        while (pids.Any(Running) && clock.Elapsed < remaining) Thread.Sleep(20);
        Assert.All(pids, pid => Assert.False(Running(pid), $"process {pid} still running {FaultBudget.TotalSeconds} s after the start"));
    }

    /// <summary>Whether the process exists and has not exited (a zombie has exited).</summary>
    private static bool Running(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private sealed record Run(int ExitCode, string Output, string Error, TimeSpan Elapsed, bool TimedOut);

    private static Run Start(int mpiexecProcesses, string? scenario, (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(mpiexecProcesses > 0 ? "mpiexec.mpich" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (mpiexecProcesses > 0)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(mpiexecProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(CheckProgram());
        if (scenario is not null) start.ArgumentList.Add(scenario);
        foreach (var name in new[] { "PMI_RANK", "PMI_FD", "PMI_PORT", "PMIX_RANK", MpiLibrary.EnvironmentVariable }) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        bool finished = process.WaitForExit(TimeSpan.FromSeconds(60));
        var elapsed = clock.Elapsed;
        if (!finished) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return new Run(finished ? process.ExitCode : -1, output.Result, error.Result, elapsed, !finished);
    }

    /// <summary>The check program built beside this test project, in the same configuration.</summary>
    private static string CheckProgram()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));   // …/bin/<configuration>/<framework>
        string framework = output.Name, configuration = output.Parent!.Name;
        var tests = output.Parent!.Parent!.Parent!.Parent!;
        string path = Path.Combine(tests.FullName, "Optimize.Distributed.MpiChecks", "bin", configuration, framework, "Optimize.Distributed.MpiChecks.dll");
        Assert.True(File.Exists(path), $"missing {path}");
        return path;
    }
}
