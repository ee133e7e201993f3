using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.Problems;
using static Optimize.Core.Tests.FiniteDifferences.TestFunctions;

namespace Optimize.Core.Tests.FiniteDifferences;

public class GradientCheckerTests
{
    public static TheoryData<string> Names() => new(ProblemLibrary.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void CorrectGradientOfEveryLibraryProblemPasses(string name)
    {
        var problem = ProblemLibrary.Create(name);
        foreach (var x in ProblemLibraryAgreementTests.Points(problem))
        {
            var report = GradientChecker.CheckGradient(problem, x);
            Assert.True(report.Passed, report.ToString());
        }
    }

    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward)]
    [InlineData(FiniteDifferenceMethod.Central)]
    [InlineData(FiniteDifferenceMethod.Ridders)]
    public void GradientWithASmallBugInOneComponentFailsAndTheReportNamesIt(FiniteDifferenceMethod method)
    {
        // Component 2 is off by one part in 10⁴: invisible to the eye, caught by the error estimate.
        var buggy = AnalyticObjective.Create(4, (x, g) =>
        {
            double f = SmoothValueAndGradient(x, g);
            g[2] *= 1 + 1e-4;
            return f;
        }, Smooth);
        var options = new DerivativeCheckOptions { FiniteDifferences = With(method) };
        var report = GradientChecker.CheckGradient(buggy, Point, options);
        Assert.False(report.Passed);
        Assert.Equal("g[2]", Assert.Single(report.Failures).Label);
        Assert.Equal("g[2]", report.Worst(1)[0].Label);
        Assert.InRange(report.Worst(1)[0].RelativeError, 0.5e-4, 2e-4);
        string text = report.ToString();
        Assert.Contains("FAILED in 1 component", text);
        Assert.Contains("g[2]", text);
        Assert.Contains("FAIL", text.Split('\n').First(l => l.StartsWith("g[2]")));
    }

    [Fact]
    public void PassingReportPrintsTheWorstComponentsWithAbsoluteAndRelativeErrors()
    {
        var report = GradientChecker.CheckGradient(SmoothObjective(), Point, new DerivativeCheckOptions { WorstCount = 2 });
        Assert.True(report.Passed);
        Assert.Equal(4, report.Comparisons.Count);
        var lines = report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("gradient check (Central differences, 4 components): PASSED", lines[0]);
        Assert.Contains("abs. error", lines[2]);
        Assert.Contains("rel. error", lines[2]);
        Assert.Equal(5, lines.Length); // summary, errors, header, two worst components
        Assert.All(report.Comparisons, c => Assert.True(c.AbsoluteError <= c.Tolerance));
        Assert.True(report.MaxRelativeError < 1e-8);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CorrectHessianOfEveryLibraryProblemPasses(string name)
    {
        var problem = ProblemLibrary.Create(name);
        if (problem.Dimension > 40) return; // n² comparisons: kept to the small and medium problems
        var report = GradientChecker.CheckHessian(problem, ProblemLibraryAgreementTests.Points(problem).Last());
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void HessianWithAWrongOffDiagonalEntryFails()
    {
        var buggy = AnalyticObjective.Create(4, Smooth, SmoothValueAndGradient, (x, h) =>
        {
            SmoothHessian(x, h);
            h[2, 3] += 1e-3;
        });
        var report = GradientChecker.CheckHessian(buggy, Point);
        Assert.False(report.Passed);
        Assert.Equal(["H[2,3]"], report.Failures.Select(f => f.Label));
        Assert.Contains("Hessian check", report.ToString());
    }

    [Fact]
    public void CorrectJacobianPassesAndAWrongOneFails()
    {
        var good = new Broyden(8, bug: false);
        var bad = new Broyden(8, bug: true);
        var x = Spread(8);
        Assert.True(GradientChecker.CheckJacobian(good, x).Passed);
        var report = GradientChecker.CheckJacobian(bad, x);
        Assert.False(report.Passed);
        Assert.Equal("J[3,4]", report.Worst(1)[0].Label);
    }

    [Fact]
    public void InvalidCheckOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => GradientChecker.CheckGradient(SmoothObjective(), Point, new DerivativeCheckOptions { SafetyFactor = 0.5 }));
        Assert.Throws<ArgumentException>(() => GradientChecker.CheckGradient(SmoothObjective(), Point, new DerivativeCheckOptions { WorstCount = 0 }));
        var e = Assert.Throws<ArgumentException>(() => GradientChecker.CheckGradient(SmoothObjective(), new double[3]));
        Assert.Equal("x", e.ParamName);
    }

    /// <summary>Broyden tridiagonal with its analytic Jacobian, optionally with a wrong J[3,4].</summary>
    private sealed class Broyden(int n, bool bug) : IVectorFunction
    {
        public int Dimension => n;
        public int OutputDimension => n;
        public void Evaluate(ReadOnlySpan<double> x, Span<double> value) => BroydenTridiagonal(x, value);
        public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
        {
            BroydenTridiagonalJacobian(x).CopyTo(jacobian);
            if (bug) jacobian[3, 4] = -2.001;
        }
        public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
            => (BroydenTridiagonalJacobian(x) * Vector<double>.Build.Dense(p.ToArray())).AsArray().CopyTo(result);
        public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
            => (Vector<double>.Build.Dense(w.ToArray()) * BroydenTridiagonalJacobian(x)).AsArray().CopyTo(result);
    }
}
