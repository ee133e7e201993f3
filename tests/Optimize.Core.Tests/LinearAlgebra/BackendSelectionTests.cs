using System.Runtime.Intrinsics.X86;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;
using Xunit.Abstractions;
using static Optimize.Core.Tests.LinearAlgebra.Backends;

namespace Optimize.Core.Tests.LinearAlgebra;

/// <summary>Tests that change process-wide state (environment variables, MathNet's provider) run one at a time.</summary>
[CollectionDefinition(nameof(ProcessWideLinearAlgebraState), DisableParallelization = true)]
public class ProcessWideLinearAlgebraState;

[Collection(nameof(ProcessWideLinearAlgebraState))]
public class BackendSelectionTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(Backends))]
    public void NamedBackendReportsItsLibraryKernelAndNativeOperations(LinearAlgebraBackendKind kind)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        var description = provider.Describe();
        output.WriteLine(description.ToString());
        Assert.Equal(kind, description.Backend);
        Assert.Contains(kind == LinearAlgebraBackendKind.Mkl ? "libmkl_rt" : "openblas", description.LibraryPath);
        Assert.True(File.Exists(description.LibraryPath), description.LibraryPath);
        Assert.NotNull(description.LapackPath);
        Assert.False(string.IsNullOrWhiteSpace(description.Configuration));
        Assert.True(description.Threads >= 1);
        Assert.Contains("MatrixMultiplyWithUpdate: cblas_dgemm (cblas_dgemv when one side is a vector)", description.NativeOperations);
        Assert.Contains("CholeskyFactor: LAPACKE_dpotrf", description.NativeOperations);
        Assert.Contains("EigenDecomp (symmetric): LAPACKE_dsyevd", description.NativeOperations);
        Assert.Contains("every single-precision and complex operation", description.ManagedOperations);
        Assert.Contains(kind.ToString(), description.Summary);
        if (kind == LinearAlgebraBackendKind.OpenBlas)
            Assert.False(string.IsNullOrWhiteSpace(description.CpuKernel));
        else
            Assert.Null(description.CpuKernel);
    }

    [Fact]
    public void OpenBlasRunsTheKernelChosenForThisProcessor()
    {
        if (NativeOrAssertFallback(LinearAlgebraBackendKind.OpenBlas) is not { } provider)
            return;
        var description = provider.Describe();
        string? userSetting = description.Notes.SingleOrDefault(n => n.StartsWith("OPENBLAS_CORETYPE=", StringComparison.Ordinal));
        Assert.NotNull(userSetting);
        // "OPENBLAS_CORETYPE=Cooperlake set by Optimize (...)" or "... set by the user": OpenBLAS must report that kernel.
        string chosen = userSetting["OPENBLAS_CORETYPE=".Length..].Split(' ')[0];
        Assert.Equal(chosen, description.CpuKernel, ignoreCase: true);
    }

    [Fact]
    public void ManagedBackendReportsNoNativeOperations()
    {
        var description = LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = LinearAlgebraBackendKind.Managed }).Describe();
        Assert.Equal(LinearAlgebraBackendKind.Managed, description.Backend);
        Assert.Null(description.LibraryPath);
        Assert.Null(description.CpuKernel);
        Assert.Empty(description.NativeOperations);
        Assert.Contains("MatrixMultiplyWithUpdate", description.ManagedOperations);
        Assert.Contains("Managed requested by LinearAlgebraOptions.Backend", description.Selection);
    }

    [Fact]
    public void AutomaticSelectionTakesTheFirstLibraryOfTheProcessorsOrderThatLoads()
    {
        using var _ = new EnvironmentVariable(LinearAlgebraBackend.BackendVariable, null);
        var expected = LinearAlgebraBackend.AutomaticOrder.Cast<LinearAlgebraBackendKind?>()
            .FirstOrDefault(kind => LinearAlgebraBackend.IsAvailable(kind!.Value)) ?? LinearAlgebraBackendKind.Managed;
        var provider = LinearAlgebraBackend.Create(new LinearAlgebraOptions());
        Assert.Equal(expected, provider.Backend);
        Assert.StartsWith("automatic", provider.Selection);
    }

    [Fact]
    public void AutomaticOrderPutsMklFirstOnIntelProcessorsOnlyAndTriesBothLibraries()
    {
        string? vendor = null;
        if (X86Base.IsSupported)
        {
            var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
            vendor = string.Concat(new[] { ebx, edx, ecx }.Select(word => Encoding.ASCII.GetString(BitConverter.GetBytes(word))));
        }
        var first = vendor == "GenuineIntel" ? LinearAlgebraBackendKind.Mkl : LinearAlgebraBackendKind.OpenBlas;
        Assert.Equal(2, LinearAlgebraBackend.AutomaticOrder.Count);
        Assert.Equal(first, LinearAlgebraBackend.AutomaticOrder[0]);
        Assert.Contains(LinearAlgebraBackendKind.Mkl, LinearAlgebraBackend.AutomaticOrder);
        Assert.Contains(LinearAlgebraBackendKind.OpenBlas, LinearAlgebraBackend.AutomaticOrder);
        using var _ = new EnvironmentVariable(LinearAlgebraBackend.BackendVariable, null);
        var provider = LinearAlgebraBackend.Create(new LinearAlgebraOptions());
        if (LinearAlgebraBackend.IsAvailable(first))
            Assert.Contains($"first choice on a {vendor} processor", provider.Selection);
    }

    [Theory]
    [InlineData("managed", LinearAlgebraBackendKind.Managed)]
    [InlineData("OpenBLAS", LinearAlgebraBackendKind.OpenBlas)]
    [InlineData(" mkl ", LinearAlgebraBackendKind.Mkl)]
    public void EnvironmentVariableOverridesAutomaticSelection(string value, LinearAlgebraBackendKind kind)
    {
        using var _ = new EnvironmentVariable(LinearAlgebraBackend.BackendVariable, value);
        var provider = LinearAlgebraBackend.Create(new LinearAlgebraOptions());
        Assert.Equal(LinearAlgebraBackend.IsAvailable(kind) ? kind : LinearAlgebraBackendKind.Managed, provider.Backend);
        Assert.Contains($"requested by {LinearAlgebraBackend.BackendVariable}=", provider.Selection);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(Backends))]
    public void OptionOverridesEnvironmentVariable(LinearAlgebraBackendKind kind)
    {
        using var _ = new EnvironmentVariable(LinearAlgebraBackend.BackendVariable, "managed");
        var provider = LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = kind });
        Assert.Equal(LinearAlgebraBackend.IsAvailable(kind) ? kind : LinearAlgebraBackendKind.Managed, provider.Backend);
        Assert.Contains("requested by LinearAlgebraOptions.Backend", provider.Selection);
    }

    [Fact]
    public void UnknownEnvironmentValueIsRejectedWithTheAllowedValues()
    {
        using var _ = new EnvironmentVariable(LinearAlgebraBackend.BackendVariable, "cuda");
        var error = Assert.Throws<ArgumentException>(() => LinearAlgebraBackend.Create(new LinearAlgebraOptions()));
        Assert.Equal(LinearAlgebraBackend.BackendVariable, error.ParamName);
        Assert.Contains("expected mkl, openblas, managed or auto", error.Message);
    }

    [Fact]
    public void ThreadsVariableAndOptionSetTheThreadCount()
    {
        var kind = LinearAlgebraBackend.Default.Backend;
        using (new EnvironmentVariable(LinearAlgebraBackend.ThreadsVariable, "1"))
            Assert.Equal(1, LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = kind }).Threads);
        Assert.Equal(2, LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = kind, Threads = 2 }).Threads);
        using (new EnvironmentVariable(LinearAlgebraBackend.ThreadsVariable, "zero"))
            Assert.Equal(LinearAlgebraBackend.ThreadsVariable,
                Assert.Throws<ArgumentException>(() => LinearAlgebraBackend.Create(new LinearAlgebraOptions())).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearAlgebraBackend.Create(new LinearAlgebraOptions { Threads = 0 }));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(Backends))]
    public void ThreadCountIsSettableOnEachBackend(LinearAlgebraBackendKind kind)
    {
        var provider = LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = kind });
        int before = provider.Threads;
        try
        {
            provider.Threads = 1;
            Assert.Equal(1, provider.Threads);
            Assert.Equal(1, provider.Describe().Threads);
            provider.Threads = 2;
            Assert.Equal(2, provider.Threads);
        }
        finally
        {
            provider.Threads = before;
        }
    }

    [Fact]
    public void InstalledInMathNetTheProviderServesMatrixOperations()
    {
        var previous = LinearAlgebraControl.Provider;
        try
        {
            var provider = LinearAlgebraBackend.InstallInMathNet();
            Assert.Same(provider, LinearAlgebraControl.Provider);
            Assert.Same(LinearAlgebraBackend.Default, provider);

            var random = new Random(11);
            var a = Matrix<double>.Build.Dense(60, 40, Random(random, 2400));
            var b = Matrix<double>.Build.Dense(40, 30, Random(random, 1200));
            var product = (a * b).ToColumnMajorArray();
            Close(Multiply(a.ToColumnMajorArray(), 60, 40, false, b.ToColumnMajorArray(), 40, 30, false), product, what: "a·b");

            var spd = Matrix<double>.Build.Dense(50, 50, SymmetricPositiveDefinite(random, 50));
            var rhs = Vector<double>.Build.Dense(Random(random, 50));
            var x = spd.Cholesky().Solve(rhs);
            Close(rhs.ToArray(), (spd * x).ToArray(), what: "A·(Cholesky solve)");
            var lu = spd.LU().Solve(rhs);
            Close(x.ToArray(), lu.ToArray(), what: "LU solve vs Cholesky solve");
            var evd = spd.Evd(Symmetricity.Symmetric);
            Close(spd.ToColumnMajorArray(), (evd.EigenVectors * evd.D * evd.EigenVectors.Transpose()).ToColumnMajorArray(), what: "EVD");
        }
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }
    }

    [Fact]
    public void MissingLibraryFallsBackToManagedWithOneLogLinePerProcess()
    {
        var previous = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            foreach (var kind in Native)
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    var provider = LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = kind, LibraryPath = "/nonexistent/libblas-missing.so" });
                    Assert.Equal(LinearAlgebraBackendKind.Managed, provider.Backend);
                    Assert.Contains("/nonexistent/libblas-missing.so could not be loaded; falling back to MathNet's managed provider", provider.Selection);
                    Assert.Equal(32.0, provider.Dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]));
                    var product = new double[1];
                    provider.MatrixMultiply([1.0, 2.0], 1, 2, [3.0, 4.0], 2, 1, product);
                    Assert.Equal(11.0, product[0]);
                }
        }
        finally
        {
            Console.SetError(previous);
        }
        string[] lines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.StartsWith("Optimize linear algebra: ", line));
        // With both libraries installed nothing else in this process falls back, so this test sees the one line.
        if (Native.All(LinearAlgebraBackend.IsAvailable))
            Assert.Single(lines);
        else
            Assert.InRange(lines.Length, 0, 1);
    }

    [Fact]
    public void LibraryPathWithoutANativeBackendIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => LinearAlgebraBackend.Create(new LinearAlgebraOptions { LibraryPath = "libopenblas.so.0" }));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("needs Backend Mkl or OpenBlas", error.Message);
    }

    [Fact]
    public void UseReplacesTheProcessProvider()
    {
        var previous = LinearAlgebraBackend.Default;
        try
        {
            var managed = LinearAlgebraBackend.Use(new LinearAlgebraOptions { Backend = LinearAlgebraBackendKind.Managed });
            Assert.Same(managed, LinearAlgebraBackend.Default);
            Assert.Equal(LinearAlgebraBackendKind.Managed, LinearAlgebraBackend.Describe().Backend);
        }
        finally
        {
            LinearAlgebraBackend.Use(new LinearAlgebraOptions { Backend = previous.Backend });
        }
    }

    /// <summary>Sets an environment variable for the duration of a test and restores it.</summary>
    private sealed class EnvironmentVariable : IDisposable
    {
        private readonly string name;
        private readonly string? previous;

        public EnvironmentVariable(string name, string? value)
        {
            this.name = name;
            previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
    }
}
