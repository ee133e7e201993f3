using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Problems.GradBench;
using Optimize.Tests;

namespace Optimize.AutoDiff.Tests.GradBench;

public class GaussianMixtureTests
{
    /// <summary>
    /// log(Πᵢ Σₖ φₖ N(xᵢ; μₖ, Σₖ) · Πₖ W(Σₖ⁻¹; I/γ², D + m + 1)) straight from the densities of GradBench's README:
    /// the precision matrices QₖᵀQₖ are formed, inverted and their determinants taken, with no simplification.
    /// </summary>
    private static double NaiveLogPosterior(GaussianMixture problem, double[] p)
    {
        int d = problem.DataDimension, k = problem.Components, n = problem.Points, m = problem.ExtraDegreesOfFreedom;
        double gamma = problem.Gamma;
        var data = problem.Data;
        var precisions = new Matrix<double>[k];
        for (int c = 0; c < k; c++)
        {
            var q = Matrix<double>.Build.Dense(d, d);
            int index = problem.LOffset + c * d * (d - 1) / 2;
            for (int j = 0; j < d; j++)
            {
                q[j, j] = Math.Exp(p[problem.QOffset + c * d + j]);
                for (int i = j + 1; i < d; i++) q[i, j] = p[index++];
            }
            precisions[c] = q.TransposeThisAndMultiply(q);
        }
        double weightSum = 0;
        for (int c = 0; c < k; c++) weightSum += Math.Exp(p[c]);
        double likelihood = 1;
        for (int i = 0; i < n; i++)
        {
            double factor = 0;
            for (int c = 0; c < k; c++)
            {
                var centered = Vector<double>.Build.Dense(d, j => data[i * d + j] - p[problem.MuOffset + c * d + j]);
                double density = Math.Exp(-0.5 * centered.DotProduct(precisions[c] * centered))
                    / Math.Sqrt(Math.Pow(2 * Math.PI, d) / precisions[c].Determinant());
                factor += Math.Exp(p[c]) / weightSum * density;
            }
            likelihood *= factor;
        }
        int degrees = d + m + 1;
        var v = Matrix<double>.Build.DenseIdentity(d) / (gamma * gamma);
        double multivariateGamma = Math.Pow(Math.PI, d * (d - 1) / 4.0);
        for (int j = 1; j <= d; j++) multivariateGamma *= SpecialFunctions.Gamma(degrees / 2.0 + (1 - j) / 2.0);
        double prior = 1;
        for (int c = 0; c < k; c++)
            prior *= Math.Pow(precisions[c].Determinant(), (degrees - d - 1) / 2.0) * Math.Exp(-(v.Inverse() * precisions[c]).Trace() / 2)
                / (Math.Pow(2, degrees * d / 2.0) * Math.Pow(v.Determinant(), degrees / 2.0) * multivariateGamma);
        return Math.Log(likelihood * prior);
    }

    [Theory]
    [InlineData(2, 3, 5, 0, 1.0)]
    [InlineData(3, 2, 4, 2, 1.3)]
    public void ValueMatchesTheDensitiesOfTheDefinition(int d, int k, int n, int m, double gamma)
    {
        var problem = new GaussianMixture(d, k, n, seed: 7, extraDegreesOfFreedom: m, gamma: gamma);
        var p = Support.Perturbed(problem.StartingPoint, 3, 0.2);
        Agreement.Close(NaiveLogPosterior(problem, p), problem.Value(p), 1e-11, "log posterior");
    }

    [Fact]
    public void ManualGradientMatchesCentralDifferences()
    {
        var problem = new GaussianMixture(4, 3, 20, seed: 5, extraDegreesOfFreedom: 1, gamma: 0.8);
        var p = problem.StartingPoint;
        var gradient = new double[problem.Dimension];
        double value = problem.ValueAndGradient(p, gradient);
        Agreement.Close(problem.Value(p), value, 1e-13, "value");
        Agreement.Close(Agreement.CentralGradient(v => problem.Value(v), p), gradient, 1e-8, "manual gradient");
    }

    [Fact]
    public void ManualGradientMatchesTheTape()
    {
        var problem = new GaussianMixture(10, 5, 50, seed: 11);
        var p = problem.StartingPoint;
        double[] manual = new double[problem.Dimension], tape = new double[problem.Dimension];
        double value = problem.ValueAndGradient(p, manual);
        double taped = Differentiate.Gradient(problem, p, tape);
        Agreement.Close(taped, value, 1e-12, "value");
        Agreement.Close(tape, manual, 1e-12, "gradient");
    }

    [Theory]
    [InlineData(2, 3, 5)]
    [InlineData(10, 25, 100)]
    [InlineData(1, 4, 30)]
    public void TensorVersionMatchesTheScalarOne(int d, int k, int n)
    {
        var problem = new GaussianMixture(d, k, n, seed: 2, extraDegreesOfFreedom: 1, gamma: 1.5);
        var tensor = new GaussianMixtureTensor(problem);
        var p = problem.StartingPoint;
        double[] manual = new double[problem.Dimension], vectorized = new double[problem.Dimension];
        double value = problem.ValueAndGradient(p, manual);
        Agreement.Close(value, tensor.Value(p), 1e-12, "value");
        Agreement.Close(value, tensor.ValueAndGradient(p, vectorized), 1e-12, "value with gradient");
        Agreement.Close(manual, vectorized, 1e-11, "gradient");
    }

    [Fact]
    public void DataAndStartAreSeededAndSizedAsGradBenchDrawsThem()
    {
        var problem = new GaussianMixture(10, 25);
        Assert.Equal(25 * (1 + 20 + 45), problem.Dimension);
        Assert.Equal(1000 * 10, problem.Data.Length);
        Assert.Equal(problem.StartingPoint, new GaussianMixture(10, 25).StartingPoint);
        var means = problem.StartingPoint.AsSpan(problem.MuOffset, 250).ToArray();
        Assert.All(means, v => Assert.InRange(v, 0, 1));
        Assert.NotEqual(problem.StartingPoint, new GaussianMixture(10, 25, seed: 1).StartingPoint);
    }

    [Fact]
    public void BadSizesNameTheArgument()
    {
        Assert.Equal("dimension", Assert.ThrowsAny<ArgumentException>(() => new GaussianMixture(0, 3)).ParamName);
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => new GaussianMixture(2, 3, gamma: 0)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => new GaussianMixture(2, 3).Value(new double[3])).ParamName);
    }
}
