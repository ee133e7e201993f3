using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Problems;
using static Optimize.Core.Tests.FiniteDifferences.TestFunctions;

namespace Optimize.Core.Tests.FiniteDifferences;

/// <summary>Parallel evaluation gives bit-identical results to the serial path.</summary>
public class ParallelTests
{
    // MinimumParallelWork = 0 forces the parallel path even for these cheap functions.
    private static FiniteDifferenceOptions Parallel(FiniteDifferenceOptions serial)
        => serial with { ThreadSafe = true, MaxDegreeOfParallelism = 4, MinimumParallelWork = TimeSpan.Zero };

    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward)]
    [InlineData(FiniteDifferenceMethod.Backward)]
    [InlineData(FiniteDifferenceMethod.Central)]
    [InlineData(FiniteDifferenceMethod.Ridders)]
    public void ParallelGradientIsBitIdenticalToSerial(FiniteDifferenceMethod method)
    {
        var problem = ProblemLibrary.ExtendedRosenbrock(200);
        var x = ProblemLibraryAgreementTests.Points(problem).Last();
        var serial = new double[200];
        var parallel = new double[200];
        var serialErrors = new double[200];
        var parallelErrors = new double[200];
        FiniteDifference.GradientWithErrors(problem.Value, x, serial, serialErrors, With(method));
        FiniteDifference.GradientWithErrors(problem.Value, x, parallel, parallelErrors, Parallel(With(method)));
        Assert.Equal(serial, parallel);
        Assert.Equal(serialErrors, parallelErrors);
    }

    [Fact]
    public void ParallelDenseAndSparseJacobiansAreBitIdenticalToSerial()
    {
        const int n = 300;
        var x = Spread(n);
        foreach (var sparsity in new[] { null, SparsityPattern.Banded(n, n, 1, 1) })
        {
            var options = new FiniteDifferenceOptions { Sparsity = sparsity };
            var serial = Matrix<double>.Build.Dense(n, n);
            var parallel = Matrix<double>.Build.Dense(n, n);
            new FiniteDifferenceVectorFunction(n, n, BroydenTridiagonal, options).Jacobian(x, serial);
            new FiniteDifferenceVectorFunction(n, n, BroydenTridiagonal, Parallel(options)).Jacobian(x, parallel);
            Assert.Equal(serial.ToColumnMajorArray(), parallel.ToColumnMajorArray());
        }
    }

    [Fact]
    public void ParallelHessiansAreBitIdenticalToSerial()
    {
        var problem = ProblemLibrary.ShallowNetwork();
        int n = problem.Dimension;
        var x = problem.StartingPoint;
        var serial = Matrix<double>.Build.Dense(n, n);
        var parallel = Matrix<double>.Build.Dense(n, n);
        FiniteDifference.Hessian(problem, x, serial);
        FiniteDifference.Hessian(problem, x, parallel, Parallel(FiniteDifferenceOptions.Default));
        Assert.Equal(serial.ToColumnMajorArray(), parallel.ToColumnMajorArray());

        var small = ProblemLibrary.Wood();
        var fromValuesSerial = Matrix<double>.Build.Dense(4, 4);
        var fromValuesParallel = Matrix<double>.Build.Dense(4, 4);
        FiniteDifference.HessianFromValues(small.Value, small.StartingPoint, fromValuesSerial);
        FiniteDifference.HessianFromValues(small.Value, small.StartingPoint, fromValuesParallel, Parallel(FiniteDifferenceOptions.Default));
        Assert.Equal(fromValuesSerial.ToColumnMajorArray(), fromValuesParallel.ToColumnMajorArray());

        var chained = Chained(40);
        var sparse = new FiniteDifferenceOptions { Sparsity = SparsityPattern.Banded(40, 40, 1, 1) };
        var sparseSerial = Matrix<double>.Build.Dense(40, 40);
        var sparseParallel = Matrix<double>.Build.Dense(40, 40);
        FiniteDifference.Hessian(chained, Spread(40), sparseSerial, sparse);
        FiniteDifference.Hessian(chained, Spread(40), sparseParallel, Parallel(sparse));
        Assert.Equal(sparseSerial.ToColumnMajorArray(), sparseParallel.ToColumnMajorArray());
    }

    [Fact]
    public void ParallelFailureReportsTheSameCoordinateAsTheSerialPath()
    {
        // Coordinates 17 and 60 both leave the domain of the logarithm; the serial loop meets 17 first.
        double[] x = Enumerable.Repeat(1.0, 80).ToArray();
        x[17] = 1e-9;
        x[60] = 1e-9;
        Optimize.Oracles.ValueFunction f = y =>
        {
            double s = 0;
            foreach (double v in y) s += Math.Log(v);
            return s;
        };
        var serial = Assert.Throws<NonFiniteValueException>(() => FiniteDifference.Gradient(f, x, new double[80]));
        var parallel = Assert.Throws<NonFiniteValueException>(() =>
            FiniteDifference.Gradient(f, x, new double[80], Parallel(FiniteDifferenceOptions.Default)));
        Assert.Equal(17, serial.Coordinate);
        Assert.Equal(serial.Coordinate, parallel.Coordinate);
        Assert.Equal(serial.Message, parallel.Message);
    }

    [Fact]
    public void ParallelAdapterGradientsAreBitIdenticalToSerial()
    {
        var problem = ProblemLibrary.LeastSquares(100, 30);
        var x = ProblemLibraryAgreementTests.Points(problem).Last();
        var serial = new double[30];
        var parallel = new double[30];
        FiniteDifferenceObjective.Create(problem).ValueAndGradient(x, serial);
        FiniteDifferenceObjective.Create(problem, Parallel(FiniteDifferenceOptions.Default)).ValueAndGradient(x, parallel);
        Assert.Equal(serial, parallel);
    }
}
