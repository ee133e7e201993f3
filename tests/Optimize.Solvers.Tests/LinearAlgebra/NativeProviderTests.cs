using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;
using Optimize.Problems;
using Optimize.Solvers.Tests.Support;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.TrustRegions;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.LinearAlgebra;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeProviderCollection
{
    public const string Name = "MathNet provider changes";
}

/// <summary>
/// The dense methods with the project's native BLAS/LAPACK provider installed in MathNet (the machine setup
/// installs MKL and OpenBLAS): Cholesky then goes through LAPACK dpotrf. Runs alone, since the provider is
/// process-wide, and restores the previous provider. Extended Rosenbrock uses n = 200 here: dpotrf does the full
/// dense O(n³/3) work, while the managed kernel skips the zero multipliers of its block-diagonal Hessian.
/// </summary>
[Collection(NativeProviderCollection.Name)]
public class NativeProviderTests(ITestOutputHelper output)
{
    [Fact]
    public void DenseNewtonMethodsConvergeThroughLapack()
    {
        var previous = LinearAlgebraControl.Provider;
        try
        {
            var provider = LinearAlgebraBackend.InstallInMathNet();
            var backend = provider.Describe();
            output.WriteLine(backend.Summary);
            Assert.NotEqual(LinearAlgebraBackendKind.Managed, backend.Backend);

            var problem = ProblemLibrary.ExtendedRosenbrock(200);
            var newton = new Newton().Minimize(problem, problem.StartingPoint);
            Convergence.AssertConverged(newton, problem, 1e-8, output);
            var exact = new TrustRegion().Minimize(problem, problem.StartingPoint);
            Convergence.AssertConverged(exact, problem, 1e-8, output);
            var dogleg = new TrustRegion(new TrustRegionNewtonOptions { Subproblem = TrustRegionSubproblem.Dogleg }).Minimize(problem, problem.StartingPoint);
            Convergence.AssertConverged(dogleg, problem, 1e-8, output);
        }
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }
    }

    [Fact]
    public void LapackFactorizationAgreesWithTheManagedKernel()
    {
        var random = new Random(5);
        var a = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.Create(40, 40, (_, _) => random.NextDouble() - 0.5);
        var b = (MathNet.Numerics.LinearAlgebra.Double.DenseMatrix)(a * a.Transpose());
        var rhs = Enumerable.Range(0, 40).Select(i => Math.Cos(i)).ToArray();
        var previous = LinearAlgebraControl.Provider;
        try
        {
            LinearAlgebraControl.Provider = ManagedLinearAlgebraProvider.Instance;
            var managed = new SymmetricFactorization(40);
            Assert.True(managed.FactorWithAddedIdentity(b));
            var x = (double[])rhs.Clone();
            managed.Solve(x);

            LinearAlgebraBackend.InstallInMathNet();
            var native = new SymmetricFactorization(40);
            Assert.True(native.FactorWithAddedIdentity(b));
            var y = (double[])rhs.Clone();
            native.Solve(y);

            Assert.Equal(managed.Shift, native.Shift);
            for (int i = 0; i < 40; i++) Assert.Equal(x[i], y[i], 1e-8 * (1 + Math.Abs(x[i])));
        }
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }
    }
}
