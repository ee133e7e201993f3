using Optimize.Analytic;
using Optimize.AutoDiff;
using Optimize.Cli.Commands;
using Optimize.FSharp.Symbolic;

namespace Optimize.Cli.Tests;

public class CheckCommandTests
{
    [Fact]
    public void HandCodedRosenbrockGradientPassesTheCheck()
    {
        var outcome = CliRunner.Run("check", "rosenbrock", "--derivatives", "analytic");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("gradient check", outcome.Output);
        Assert.Contains("PASSED", outcome.Output);
        Assert.Contains("-215.6", outcome.Output);
    }

    [Fact]
    public void HessianCheckRunsForSourcesThatGiveHessians()
    {
        var outcome = CliRunner.Run("check", "wood", "--derivatives", "analytic", "--hessian", "--at", "0.5,0.5,-0.5,1");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("Hessian check", outcome.Output);
        Assert.Contains("H[", outcome.Output);
    }

    [Fact]
    public void WrongGradientFailsTheCheckWithExitCodeOne()
    {
        // f = x₀² + x₁² with the second gradient component off by a factor of two.
        var wrong = AnalyticObjective.Create(2,
            x => x[0] * x[0] + x[1] * x[1],
            (x, g) => { g[0] = 2 * x[0]; g[1] = 4 * x[1]; });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = CommandEnvironment.ForWriters(output, error, CancellationToken.None);
        int code = CheckCommand.Run(environment, SymbolicSource.All[0], wrong, "wrong-quadratic", [1.0, 1.0], hessian: false);
        Assert.Equal(ExitCodes.NotConverged, code);
        Assert.Contains("FAILED in 1 of 2", output.ToString());
        Assert.Contains("FAIL", output.ToString());
    }
}

public class CheckWithoutVectorInstructionsTests
{
    [Theory]
    [InlineData("reverse-ad")]
    [InlineData("forward-ad")]
    public async Task AutomaticDerivativesPassTheCheckWhenTheRuntimeHasNoVectorInstructions(string source)
    {
        // The tape's input writers and the dual seeding have vector paths; a child process started with
        // DOTNET_EnableAVX=0 runs their scalar fallbacks, gradient and Hessian alike.
        // The host running these tests (dotnet, which runs the test host), or the one on the path.
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new System.Diagnostics.ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "optimize.dll"), "check", "extended-rosenbrock", "--n", "10",
                     "--derivatives", source, "--hessian",
                 })
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_EnableAVX"] = "0";
        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        string output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == ExitCodes.Success, $"exit code {process.ExitCode}: {await error}");
        Assert.Contains("gradient check (Central differences): PASSED", output);
        Assert.Contains("Hessian check (Central differences): PASSED", output);
    }
}
