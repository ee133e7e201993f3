using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Core.Tests.FiniteDifferences;

/// <summary>Finite-difference oracles report a failure at a point through <see cref="EvaluationFailure"/>, never by throwing.</summary>
public class FailureChannelTests
{
    private static double SquareRootValley(ReadOnlySpan<double> x) => Math.Sqrt(x[0]) + (x[1] - 1) * (x[1] - 1);

    [Fact]
    public void GradientIsNaNWithTheFiniteValueAndTheReasonReported()
    {
        var objective = FiniteDifferenceObjective.Create(2, SquareRootValley);
        var gradient = new double[2];
        EvaluationFailure.Clear();
        double value = objective.ValueAndGradient([1e-12, 0], gradient);
        Assert.Equal(Math.Sqrt(1e-12) + 1, value, 1e-15);
        Assert.True(double.IsNaN(gradient[0]) && double.IsNaN(gradient[1]));
        string? message = EvaluationFailure.Take();
        Assert.NotNull(message);
        Assert.Contains("perturbed point", message);
        Assert.Null(EvaluationFailure.Take());
    }

    [Fact]
    public void HessianAndProductsAreNaNWithTheReasonReported()
    {
        var objective = FiniteDifferenceObjective.Create(2, SquareRootValley);
        var hessian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 2);
        EvaluationFailure.Clear();
        objective.Hessian([1e-12, 0], hessian);
        Assert.True(double.IsNaN(hessian[0, 0]));
        Assert.NotNull(EvaluationFailure.Take());
        var product = new double[2];
        objective.HessianVector([1e-12, 0], [1, 0], product);
        Assert.True(double.IsNaN(product[0]));
        Assert.NotNull(EvaluationFailure.Take());
    }

    [Fact]
    public void EachThreadSeesOnlyItsOwnFailures()
    {
        EvaluationFailure.Report("on the test thread");
        string? other = "unset";
        var thread = new Thread(() => other = EvaluationFailure.Take());
        thread.Start();
        thread.Join();
        Assert.Null(other);
        Assert.Equal("on the test thread", EvaluationFailure.Take());
        Assert.Throws<ArgumentNullException>(() => EvaluationFailure.Report(null!));
    }
}
