using Optimize.LinearAlgebra;

namespace Optimize.Core.Tests.LinearAlgebra;

/// <summary>Variables meant for native libraries must reach the C runtime's environment, which .NET's own does not.</summary>
[Collection(nameof(ProcessWideLinearAlgebraState))]
public class NativeProcessTests
{
    [Fact]
    public void SetVariableReachesTheNativeEnvironment()
    {
        const string name = "OPTIMIZE_NATIVE_ENVIRONMENT_PROBE";
        NativeProcess.SetVariable(name, "42");
        Assert.Equal("42", NativeProcess.Variable(name));
        Assert.Equal("42", Environment.GetEnvironmentVariable(name));
    }

    [Fact]
    public void ManagedEnvironmentAloneDoesNotReachNativeCodeOnLinux()
    {
        const string name = "OPTIMIZE_MANAGED_ONLY_PROBE";
        Environment.SetEnvironmentVariable(name, "1");
        try
        {
            // This is why OPENBLAS_CORETYPE is written with libc's setenv before OpenBLAS loads.
            if (OperatingSystem.IsLinux())
                Assert.Null(NativeProcess.Variable(name));
            else
                Assert.Equal("1", NativeProcess.Variable(name));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void FileOfAFunctionIsTheLibraryThatHoldsIt()
    {
        foreach (var kind in Backends.Native.Where(LinearAlgebraBackend.IsAvailable))
        {
            string? path = LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = kind }).Describe().LibraryPath;
            Assert.NotNull(path);
            Assert.True(Path.IsPathFullyQualified(path), path);
            Assert.Null(new FileInfo(path).LinkTarget);
        }
    }
}
