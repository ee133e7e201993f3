using Optimize.AutoDiff;
using Optimize.AutoDiff.Reverse;
using Optimize.Constraints;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.Methods;
using Optimize.Solvers.QuasiNewton;
using static Optimize.Optimization;

namespace Optimize.Tests;

public class MinimizeTests
{
    private static void AtOneOne(OptimizationResult result, double tolerance = 1e-6)
    {
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(1.0, result.Minimizer[0], tolerance);
        Assert.Equal(1.0, result.Minimizer[1], tolerance);
    }

    private static void SameRun(MinimizationResult direct, OptimizationResult oneCall)
    {
        Assert.Equal(direct.Minimizer, oneCall.Minimizer);
        Assert.Equal(direct.Iterations, oneCall.Iterations);
        Assert.Equal(direct.Reason, oneCall.Reason);
        Assert.Equal(direct.Evaluations, oneCall.Evaluations);
    }

    [Fact]
    public void LambdaOverTheAdScalarMinimizesRosenbrockWithExactDerivativesAndBfgsByDefault()
    {
        var result = Minimize(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), [-1.2, 1]);
        AtOneOne(result, 1e-8);
        Assert.Equal("bfgs", result.Method);
        Assert.Contains("no method named", result.MethodReason);
        Assert.Equal("reverse-ad", result.Derivatives);
        Assert.Contains("bfgs", result.ToString());
        // The same run as the solver given the tape's oracle of the same function written once over T.
        var direct = MinimizationMethods.Get("bfgs").Minimize(new ReverseModeObjective(new TapedRosenbrock()), Rosenbrock.Start);
        Assert.Equal(direct.Iterations, result.Iterations);
        Assert.Equal(direct.Minimizer[0], result.Minimizer[0], 1e-12);
        Assert.Equal(direct.Minimizer[1], result.Minimizer[1], 1e-12);
    }

    [Fact]
    public void LambdaOverTheAdScalarGivesHessianVectorProductsToNewtonTypeMethods()
    {
        foreach (var name in new[] { "newton-cg", "newton", "trust-region-exact", "trust-region-cg" })
        {
            var result = Minimize(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), [-1.2, 1], method: name);
            AtOneOne(result, 1e-8);
            Assert.Equal(name, result.Method);
            Assert.Equal("named by the caller", result.MethodReason);
            Assert.True(result.Evaluations.HessianVectors + result.Evaluations.Hessians > 0, name);
        }
    }

    [Fact]
    public void EveryRegisteredMethodIsReachedByName()
    {
        var options = new DriverOptions { MaximumIterations = 100_000 };
        foreach (var method in MinimizationMethods.All)
        {
            var result = Minimize(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), [-1.2, 1], method: method.Name.ToUpperInvariant(), options: options);
            Assert.Equal(method.Name, result.Method);
            Assert.True(result.Minimum <= 1e-6, $"{method.Name}: f = {result.Minimum} ({result.Reason})");
            var direct = method.Minimize(new ReverseModeLambdaObjectiveProbe(), Rosenbrock.Start, options);
            Assert.Equal(direct.Iterations, result.Iterations);
        }
    }

    [Fact]
    public void NelderMeadUsesValuesOnly()
    {
        var result = Minimize(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), [-1.2, 1], method: "nelder-mead",
            options: new DriverOptions { MaximumIterations = 5000 });
        Assert.Equal("none", result.Derivatives);
        Assert.Equal(0, result.Evaluations.Gradients);
        Assert.True(result.Minimum < 1e-8, result.ToString());
    }

    [Fact]
    public void FunctionOfDoublesUsesCentralDifferencesAndMatchesTheDirectApi()
    {
        Func<double[], double> f = Rosenbrock.Value;
        var result = Minimize(f, Rosenbrock.Start);
        Assert.Equal("central-diff", result.Derivatives);
        Assert.Equal("bfgs", result.Method);
        var direct = new Bfgs().Minimize(FiniteDifferenceObjective.Create(2, x => Rosenbrock.Value(x.ToArray())), Rosenbrock.Start);
        SameRun(direct, result);
        AtOneOne(result);
    }

    [Fact]
    public void LambdaThatCompilesOnlyOverDoublesGetsDifferences()
    {
        // Math.Exp takes doubles only, so this lambda binds to the function of doubles.
        var result = Minimize(x => Math.Exp(x[0] * x[0]) + (x[1] - 2) * (x[1] - 2), [1.0, 0.0]);
        Assert.Equal("central-diff", result.Derivatives);
        Assert.Equal(0.0, result.Minimizer[0], 1e-6);
        Assert.Equal(2.0, result.Minimizer[1], 1e-6);
    }

    [Theory]
    [InlineData("forward-diff", FiniteDifferenceMethod.Forward)]
    [InlineData("central-diff", FiniteDifferenceMethod.Central)]
    [InlineData("ridders", FiniteDifferenceMethod.Ridders)]
    public void DifferenceSchemeIsNamedFromTheDerivativeSourceRegistry(string name, FiniteDifferenceMethod scheme)
    {
        var result = Minimize(Rosenbrock.SpanValue, Rosenbrock.Start, derivatives: name);
        Assert.Equal(name, result.Derivatives);
        var options = FiniteDifferenceOptions.Default with { Method = scheme };
        var direct = new Bfgs().Minimize(FiniteDifferenceObjective.Create(2, Rosenbrock.SpanValue, options), Rosenbrock.Start);
        SameRun(direct, result);
    }

    [Fact]
    public void FunctionWithItsGradientMatchesTheDirectApiAndDifferencesTheGradientForNewton()
    {
        var result = Minimize(Rosenbrock.Value, Rosenbrock.Gradient, Rosenbrock.Start);
        Assert.Equal("gradient given", result.Derivatives);
        var direct = new Bfgs().Minimize(ProblemLibraryRosenbrockGradient(), Rosenbrock.Start);
        SameRun(direct, result);
        AtOneOne(result, 1e-8);

        var newton = Minimize(Rosenbrock.Value, Rosenbrock.Gradient, Rosenbrock.Start, method: "newton-cg");
        Assert.Contains("differences of it", newton.Derivatives);
        AtOneOne(newton, 1e-6);
    }

    [Fact]
    public void FusedValueAndGradientIsAccepted()
    {
        var result = Minimize((x, g) =>
        {
            Rosenbrock.Gradient(x.ToArray()).CopyTo(g);
            return Rosenbrock.Value(x.ToArray());
        }, Rosenbrock.Start, method: "lbfgs");
        Assert.Equal("lbfgs", result.Method);
        Assert.Equal("gradient given", result.Derivatives);
        AtOneOne(result, 1e-8);
    }

    [Fact]
    public void FunctionWrittenOnceUsesGeneratedCodeWhenItHasSomeElseTheTape()
    {
        var generated = Minimize(new GeneratedRosenbrock(), Rosenbrock.Start);
        Assert.Equal("generated-ad", generated.Derivatives);
        AtOneOne(generated, 1e-8);
        var taped = Minimize(new TapedRosenbrock(), Rosenbrock.Start);
        Assert.Equal("reverse-ad", taped.Derivatives);
        SameRun(new Bfgs().Minimize(new ReverseModeObjective(new TapedRosenbrock()), Rosenbrock.Start), taped);
        var forward = Minimize(new TapedRosenbrock(), Rosenbrock.Start, method: "newton", derivatives: "forward-ad");
        Assert.Equal("forward-ad", forward.Derivatives);
        AtOneOne(forward, 1e-8);
    }

    [Fact]
    public void AnyOracleIsMinimizedWithTheSameChoiceOfMethod()
    {
        var problem = Optimize.Problems.ProblemLibrary.Rosenbrock();
        var result = Minimize(problem, problem.StartingPoint);
        Assert.Equal("bfgs", result.Method);
        Assert.Equal("the objective's own (Hessians)", result.Derivatives);
        SameRun(new Bfgs().Minimize(problem, problem.StartingPoint), result);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => Minimize(problem, [1.0])).ParamName);
    }

    [Fact]
    public void LargeProblemsDefaultToLbfgs()
    {
        int n = DenseDimensionLimit + 1;
        var result = Minimize(x =>
        {
            HessianVectorVariable sum = 0;
            for (int i = 0; i < x.Length; i++) sum += Sqr(x[i] - i);
            return sum;
        }, new double[n]);
        Assert.Equal("lbfgs", result.Method);
        Assert.Contains("n×n", result.MethodReason);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(n - 1, result.Minimizer[^1], 1e-6);
    }

    [Fact]
    public void MethodOptionsDriverOptionsAndCallbackReachTheRun()
    {
        int calls = 0;
        var result = Minimize(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), [-1.2, 1], method: "lbfgs",
            methodOptions: new LbfgsOptions { Memory = 3 }, options: new DriverOptions { StoreTrace = true },
            callback: record => ++calls > 3);
        Assert.Equal(TerminationReason.CallbackStopped, result.Reason);
        Assert.Equal(4, calls);
        Assert.Equal(3, result.Iterations);
        Assert.Equal(3, ((LbfgsOptions)MinimizationMethods.Get("lbfgs").WithOptions(new LbfgsOptions { Memory = 3 }).Options).Memory);
        Assert.Equal(4, result.Details.Trace.Count);

        var limited = Minimize(Rosenbrock.Value, Rosenbrock.Start, options: new DriverOptions { MaximumIterations = 2 });
        Assert.Equal(TerminationReason.IterationLimit, limited.Reason);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Func<HessianVectorVariable[], HessianVectorVariable> f = x => Sqr(x[0]);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Minimize((Func<double[], double>)null!, [1.0])).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => Minimize(f, [])).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => Minimize(f, [double.NaN])).ParamName);
        var unknown = Assert.Throws<ArgumentException>(() => Minimize(f, [1.0], method: "simplex"));
        Assert.Equal("method", unknown.ParamName);
        Assert.Contains("nelder-mead", unknown.Message);
        Assert.Equal("derivatives", Assert.Throws<ArgumentException>(() => Minimize(Rosenbrock.Value, Rosenbrock.Start, derivatives: "reverse-ad")).ParamName);
        Assert.Equal("derivatives", Assert.Throws<ArgumentException>(() => Minimize(new TapedRosenbrock(), Rosenbrock.Start, derivatives: "analytic")).ParamName);
        Assert.Equal("method", Assert.Throws<ArgumentException>(() => Minimize(new TapedRosenbrock(), Rosenbrock.Start, method: "newton", derivatives: "complex-step")).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => Minimize(new TapedRosenbrock(), [1.0, 2.0, 3.0])).ParamName);
        Assert.Equal("methodOptions", Assert.Throws<ArgumentException>(() => Minimize(f, [1.0], method: "bfgs", methodOptions: new LbfgsOptions())).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentException>(() =>
            Minimize(f, [1.0], options: new DriverOptions { Callback = _ => false }, callback: _ => false)).ParamName);
        Assert.Equal("bounds", Assert.Throws<ArgumentException>(() => Minimize(f, [1.0], bounds: Bounds.Box(2, 0, 1))).ParamName);
    }

    [Fact]
    public void BoundsInfiniteEverywhereAreNoBounds()
    {
        var unbounded = Minimize(x => Sqr(x[0] - 2), [0.5], bounds: Bounds.Unbounded(1));
        Assert.Equal(2.0, unbounded.Minimizer[0], 1e-8);
        Assert.Equal("bfgs", unbounded.Method);
        Assert.Null(unbounded.Bounds);
    }

    [Fact]
    public void BoundsWithoutAMethodChooseLbfgsbAsScipyDoesAndReportTheActiveBound()
    {
        var box = Bounds.Box(1, 0, 1);
        var result = Minimize(x => Sqr(x[0] - 2), [0.5], bounds: box);
        Assert.Equal("lbfgsb", result.Method);
        Assert.Contains("L-BFGS-B", result.MethodReason);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(1.0, result.Minimizer[0]);
        Assert.Equal([0], result.ActiveBounds);
        Assert.Same(box, result.Bounds);
        Assert.True(result.ProjectedGradientNorm <= 1e-8, result.ToString());
        Assert.Equal(2.0, result.GradientNorm, 1e-8);
        Assert.Contains("active bounds [0]", result.ToString());
        Assert.False(result.StartProjected);
    }

    [Fact]
    public void BoundedRunIsTheRegistrysLbfgsbRunOnTheSameOracle()
    {
        // Rosenbrock with x ≤ 0.5: the minimum over the box is (0.5, 0.25), x₀ at its upper bound.
        var box = Bounds.Box(2, -2, 0.5);
        var result = Minimize(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), [-1.2, 0.4], bounds: box);
        var direct = MinimizationMethods.Get("lbfgsb").Minimize(new ReverseModeObjective(new TapedRosenbrock()), [-1.2, 0.4], box, null, default);
        SameRun(direct, result);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(0.5, result.Minimizer[0]);
        Assert.Equal(0.25, result.Minimizer[1], 1e-6);
        Assert.Equal([0], result.ActiveBounds);
    }

    [Theory]
    [InlineData("lbfgsb")]
    [InlineData("tron")]
    [InlineData("nelder-mead")]
    [InlineData("coordinate-descent")]
    public void EveryMethodThatHandlesBoundsCanBeNamedWithBounds(string method)
    {
        var result = Minimize(x => Sqr(x[0] - 2) + Sqr(x[1] + 1), [0.5, 0.5], method: method, bounds: Bounds.Box(2, 0, 1));
        Assert.Equal((method, "named by the caller"), (result.Method, result.MethodReason));
        Assert.Equal(1.0, result.Minimizer[0], 1e-6);
        Assert.Equal(0.0, result.Minimizer[1], 1e-6);
        Assert.Equal([0, 1], result.ActiveBounds);
    }

    [Fact]
    public void NamedMethodWithoutBoundsSupportIsRefusedNamingTheBounds()
    {
        var error = Assert.Throws<ArgumentException>(() => Minimize(x => Sqr(x[0] - 2), [0.5], method: "bfgs", bounds: Bounds.Box(1, 0, 1)));
        Assert.Equal("bounds", error.ParamName);
        Assert.Contains("'bfgs'", error.Message);
        foreach (var name in new[] { "lbfgsb", "tron", "nelder-mead", "coordinate-descent" }) Assert.Contains(name, error.Message);
    }

    [Fact]
    public void StartOutsideTheBoxIsProjectedAndTheResultSaysSo()
    {
        var result = Minimize(x => Sqr(x[0] - 0.25), [5.0], bounds: Bounds.Box(1, 0, 1));
        Assert.True(result.StartProjected);
        Assert.Equal(1.0, result.Details.InitialPoint[0]);
        Assert.Equal(0.25, result.Minimizer[0], 1e-8);
        Assert.Empty(result.ActiveBounds);
        Assert.Contains("start projected", result.ToString());
    }

    [Fact]
    public void FunctionOfDoublesFitsWithBoundsByDifferences()
    {
        // The README's bounded fit: a decay plus offset, the offset's bound active.
        var t = Enumerable.Range(0, 50).Select(i => 4.0 * i / 49).ToArray();
        var data = t.Select(s => 2.5 * Math.Exp(-1.3 * s) + 0.5).ToArray();
        var result = Minimize(p => t.Select((s, i) => Math.Pow(p[0] * Math.Exp(-p[1] * s) + p[2] - data[i], 2)).Sum(), [1, 1, 0],
            bounds: Bounds.Create([0, 0, 0], [10, 10, 0.4]));
        Assert.Equal(("lbfgsb", "central-diff"), (result.Method, result.Derivatives));
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(0.4, result.Minimizer[2]);
        Assert.Equal([2], result.ActiveBounds);
    }

    private static IGradientObjective ProblemLibraryRosenbrockGradient() =>
        Analytic.AnalyticObjective.Create(2, (x, g) =>
        {
            var point = x.ToArray();
            Rosenbrock.Gradient(point).CopyTo(g);
            return Rosenbrock.Value(point);
        });

    /// <summary>The oracle the one call builds for the Rosenbrock lambda, built here by the public tape API.</summary>
    private sealed class ReverseModeLambdaObjectiveProbe() : IHessianObjective
    {
        private static readonly TapedRosenbrock Function = new();
        public int Dimension => 2;
        public double Value(ReadOnlySpan<double> x) => Function.Evaluate(x);
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            Span<double> unused = stackalloc double[2];
            return Sweep(x, stackalloc double[2], gradient, unused);
        }
        public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
            Sweep(x, v, stackalloc double[2], result);
        public void Hessian(ReadOnlySpan<double> x, MathNet.Numerics.LinearAlgebra.Matrix<double> hessian)
        {
            Span<double> row = stackalloc double[2];
            for (int i = 0; i < 2; i++)
            {
                HessianVector(x, i == 0 ? [1.0, 0.0] : [0.0, 1.0], row);
                hessian[i, 0] = row[0];
                hessian[i, 1] = row[1];
            }
        }
        private static double Sweep(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> gradient, Span<double> product)
        {
            var tape = Tape.ForCurrentThread;
            var inputs = new HessianVectorVariable[2];
            tape.Begin();
            tape.Inputs(x, v, inputs);
            var y = 100 * Sqr(inputs[1] - inputs[0] * inputs[0]) + Sqr(1 - inputs[0]);
            tape.End();
            tape.Seed(y, 1.0);
            tape.SweepSecondOrder(gradient, product);
            return y.Value.Value;
        }
    }
}
