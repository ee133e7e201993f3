using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Problems;
using static Optimize.Core.Tests.FiniteDifferences.TestFunctions;

namespace Optimize.Core.Tests.FiniteDifferences;

/// <summary>
/// Every problem of the library, at its starting point and at a second point off the standard path:
/// finite differences agree with the hand-coded derivatives. Error = ‖fd − exact‖∞ / max(1, ‖exact‖∞)
/// (entrywise max for matrices).
/// </summary>
public class ProblemLibraryAgreementTests
{
    public static TheoryData<string, FiniteDifferenceMethod, double> GradientCases()
    {
        var data = new TheoryData<string, FiniteDifferenceMethod, double>();
        foreach (string name in ProblemLibrary.Names)
        {
            data.Add(name, FiniteDifferenceMethod.Forward, 1e-6);
            data.Add(name, FiniteDifferenceMethod.Central, 1e-8);
            data.Add(name, FiniteDifferenceMethod.Ridders, 1e-11);
        }
        return data;
    }

    public static TheoryData<string> Names() => new(ProblemLibrary.Names);

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void GradientFromValuesAgreesWithTheHandCodedGradient(string name, FiniteDifferenceMethod method, double tolerance)
    {
        var problem = ProblemLibrary.Create(name);
        foreach (var x in Points(problem))
        {
            var exact = new double[problem.Dimension];
            problem.ValueAndGradient(x, exact);
            var estimate = new double[problem.Dimension];
            FiniteDifference.Gradient(problem, x, estimate, With(method));
            double error = RelativeError(estimate, exact);
            // A one-sided difference carries the round-off 2ε|f|/h ≈ 3e−8·|f| whatever the gradient's size, so its
            // error is measured against max(1, ‖g‖∞, |f|) (least squares at x = 0 has |f| ≈ 50 but ‖g‖∞ < 1).
            if (method == FiniteDifferenceMethod.Forward)
                error *= Math.Max(1, exact.Max(Math.Abs)) / Math.Max(1, Math.Max(exact.Max(Math.Abs), Math.Abs(problem.Value(x))));
            Assert.True(error <= tolerance, $"{name}, {method}: error {error:G3} > {tolerance:G1}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ForwardDifferenceErrorStaysWithinItsTheoreticalBoundInEveryComponent(string name)
    {
        // |D_h − gⱼ| ≤ (h/2)·max|∂²f/∂xⱼ²| + 2ε_f/h, with ε_f the evaluation error of f (a few ulps of |f|).
        var problem = ProblemLibrary.Create(name);
        int n = problem.Dimension;
        var options = With(FiniteDifferenceMethod.Forward);
        foreach (var x in Points(problem))
        {
            var exact = new double[n];
            double f = problem.ValueAndGradient(x, exact);
            var estimate = new double[n];
            FiniteDifference.Gradient(problem, x, estimate, options);
            var hessian = Matrix<double>.Build.Dense(n, n);
            problem.Hessian(x, hessian);
            for (int j = 0; j < n; j++)
            {
                double h = StepSize.For(x[j], options, StepSize.ForwardRelativeStep);
                double bound = 2 * (h / 2 * Math.Abs(hessian[j, j]) + 8 * StepSize.Machine * Math.Max(Math.Abs(f), 1e-300) / h) + 1e-12;
                Assert.True(Math.Abs(estimate[j] - exact[j]) <= bound,
                    $"{name} g[{j}]: error {Math.Abs(estimate[j] - exact[j]):G3} above bound {bound:G3}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void HessianFromCentralGradientDifferencesAgreesWithTheHandCodedHessian(string name)
        => AssertHessianFromGradients(name, FiniteDifferenceMethod.Central, 1e-6);

    [Theory]
    [MemberData(nameof(Names))]
    public void HessianFromForwardGradientDifferencesAgreesWithTheHandCodedHessian(string name)
        => AssertHessianFromGradients(name, FiniteDifferenceMethod.Forward, 1e-5);

    [Theory]
    [MemberData(nameof(Names))]
    public void HessianVectorProductsFromGradientDifferencesAgreeWithTheHandCodedOnes(string name)
    {
        var problem = ProblemLibrary.Create(name);
        foreach (var method in new[] { FiniteDifferenceMethod.Forward, FiniteDifferenceMethod.Central })
        {
            var provider = FiniteDifferenceObjective.FromGradient(problem, With(method));
            foreach (var x in Points(problem))
            {
                var v = Direction(problem.Dimension);
                var exact = new double[problem.Dimension];
                var estimate = new double[problem.Dimension];
                problem.HessianVector(x, v, exact);
                provider.HessianVector(x, v, estimate);
                double error = RelativeError(estimate, exact);
                double tolerance = method == FiniteDifferenceMethod.Central ? 1e-6 : 1e-5;
                Assert.True(error <= tolerance, $"{name}, {method}: Hv error {error:G3}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ValueOnlyProviderGivesGradientsHessiansAndHessianVectorProducts(string name)
    {
        var problem = ProblemLibrary.Create(name);
        if (problem.Dimension > 40) return; // second differences cost 2n² values: kept to the small problems
        var provider = FiniteDifferenceObjective.Create(problem);
        foreach (var x in Points(problem))
        {
            int n = problem.Dimension;
            var exact = new double[n];
            double value = problem.ValueAndGradient(x, exact);
            var estimate = new double[n];
            Assert.Equal(value, provider.ValueAndGradient(x, estimate));
            Assert.True(RelativeError(estimate, exact) <= 1e-8, $"{name}: gradient error {RelativeError(estimate, exact):G3}");

            // Second differences: truncation h²·f⁗ and round-off ε|f|/h² with h ≈ ε^¼, so the error scales with |f|.
            double scale = Math.Max(1, Math.Abs(value));
            var exactHessian = Matrix<double>.Build.Dense(n, n);
            var hessian = Matrix<double>.Build.Dense(n, n);
            problem.Hessian(x, exactHessian);
            provider.Hessian(x, hessian);
            Assert.True(RelativeError(hessian, exactHessian) <= 1e-6 * scale, $"{name}: Hessian error {RelativeError(hessian, exactHessian):G3}");

            var v = Direction(n);
            var exactProduct = new double[n];
            var product = new double[n];
            problem.HessianVector(x, v, exactProduct);
            provider.HessianVector(x, v, product);
            Assert.True(RelativeError(product, exactProduct) <= 1e-6 * scale, $"{name}: Hv error {RelativeError(product, exactProduct):G3}");
        }
    }

    private static void AssertHessianFromGradients(string name, FiniteDifferenceMethod method, double tolerance)
    {
        var problem = ProblemLibrary.Create(name);
        int n = problem.Dimension;
        foreach (var x in Points(problem))
        {
            var exact = Matrix<double>.Build.Dense(n, n);
            problem.Hessian(x, exact);
            var estimate = Matrix<double>.Build.Dense(n, n);
            FiniteDifference.Hessian(problem, x, estimate, With(method));
            Assert.True(estimate.IsSymmetric(), $"{name}: not symmetric");
            double error = RelativeError(estimate, exact);
            Assert.True(error <= tolerance, $"{name}, {method}: Hessian error {error:G3} > {tolerance:G1}");
        }
    }

    /// <summary>The starting point and a deterministic point near it.</summary>
    internal static IEnumerable<double[]> Points(TestProblem problem)
    {
        var start = problem.StartingPoint;
        yield return start;
        var other = (double[])start.Clone();
        for (int i = 0; i < other.Length; i++) other[i] += 0.1 * Math.Sin(1.7 * i + 0.3);
        yield return other;
    }

    private static double[] Direction(int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.Cos(0.9 * i + 0.2);
        return v;
    }
}
