using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using Optimize.AutoDiff.Separable;

namespace Optimize.Benchmarks.AutoDiff;

/// <summary>
/// The cost of derivatives as a ratio to the cost of the function, in one run (Griewank &amp; Walther's
/// "cheap gradient principle", §4.6): each category's baseline is the plain value f(x), and the Ratio column
/// gives time(value + derivative) / time(value) for the hand-coded derivative (the reference), reverse mode,
/// forward mode, the code the derivative generator writes at compile time (reverse and forward mode by
/// source transformation of the same generic f, and for Hessian-vector products its second-order adjoint code,
/// beside its adjoint code run over dual numbers) and the sum-of-terms path (whose own value, evaluated
/// term by term, is listed too).
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*DerivativeCost*'</c>.
/// </summary>
/// <remarks>
/// The job turns tiered compilation off: operations of tens of milliseconds are invoked only a few dozen
/// times, below the runtime's tier-1 threshold, so they would otherwise be measured in on-stack-replacement
/// code rather than the steady-state code a long optimization run executes.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[Config(typeof(SteadyStateConfig))]
public class DerivativeCostBenchmarks
{
    private const string Rosenbrock = "Rosenbrock n=1e6: gradient";
    private const string RosenbrockHv = "Rosenbrock n=1e5: Hv";
    private const string Squares = "LeastSquares(500,100): gradient";
    private const string SquaresHv = "LeastSquares(500,100): Hv";
    private const string Network = "ShallowNetwork: gradient";

    private TestProblem rosenbrock = null!, rosenbrockSmall = null!, leastSquares = null!, network = null!;
    private ReverseModeObjective reverseRosenbrock = null!, reverseSmall = null!, reverseSquares = null!, reverseNetwork = null!;
    private PartiallySeparableObjective<ExtendedRosenbrockTerms> termsRosenbrock = null!, termsSmall = null!;
    private IGeneratedDerivatives generatedRosenbrock = null!, generatedSmall = null!, generatedSquares = null!;
    private GeneratedCodeObjective generatedSmallObjective = null!, generatedSquaresObjective = null!;
    private Dual<double>[] dualSmall = null!, dualGradientSmall = null!, dualSquares = null!, dualGradientSquares = null!;
    private double[] hessianVectorSquares = null!;
    private double[] x = null!, xSmall = null!, xSquares = null!, xNetwork = null!;
    private double[] gradient = null!, gradientSmall = null!, gradientSquares = null!, gradientNetwork = null!;

    [GlobalSetup]
    public void Setup()
    {
        rosenbrock = ProblemLibrary.ExtendedRosenbrock(1_000_000);
        rosenbrockSmall = ProblemLibrary.ExtendedRosenbrock(100_000);
        leastSquares = ProblemLibrary.LeastSquares(500, 100);
        network = ProblemLibrary.ShallowNetwork();
        reverseRosenbrock = new ReverseModeObjective(rosenbrock);
        generatedRosenbrock = (IGeneratedDerivatives)rosenbrock;
        generatedSmall = (IGeneratedDerivatives)rosenbrockSmall;
        generatedSquares = (IGeneratedDerivatives)leastSquares;
        generatedSmallObjective = new GeneratedCodeObjective(generatedSmall);
        generatedSquaresObjective = new GeneratedCodeObjective(generatedSquares);
        reverseSmall = new ReverseModeObjective(rosenbrockSmall);
        reverseSquares = new ReverseModeObjective(leastSquares);
        reverseNetwork = new ReverseModeObjective(network);
        termsRosenbrock = PartiallySeparable.Objective(new ExtendedRosenbrockTerms(1_000_000));
        termsSmall = PartiallySeparable.Objective(new ExtendedRosenbrockTerms(100_000));
        x = rosenbrock.StartingPoint;
        xSmall = rosenbrockSmall.StartingPoint;
        xSquares = leastSquares.StartingPoint.Select((_, i) => 0.1 * Math.Sin(i)).ToArray();
        xNetwork = network.StartingPoint;
        gradient = new double[x.Length];
        gradientSmall = new double[xSmall.Length];
        gradientSquares = new double[xSquares.Length];
        gradientNetwork = new double[xNetwork.Length];
        hessianVectorSquares = new double[xSquares.Length];
        dualSmall = new Dual<double>[xSmall.Length];
        dualGradientSmall = new Dual<double>[xSmall.Length];
        ForwardMode.Seed(xSmall, xSmall, dualSmall);
        dualSquares = new Dual<double>[xSquares.Length];
        dualGradientSquares = new Dual<double>[xSquares.Length];
        ForwardMode.Seed(xSquares, xSquares, dualSquares);
    }

    // ---- extended Rosenbrock, n = 10⁶ ------------------------------------------------------------

    [Benchmark(Baseline = true), BenchmarkCategory(Rosenbrock)]
    public double RosenbrockValue() => rosenbrock.Value(x);

    [Benchmark, BenchmarkCategory(Rosenbrock)]
    public double RosenbrockHandCodedGradient() => rosenbrock.ValueAndGradient(x, gradient);

    [Benchmark, BenchmarkCategory(Rosenbrock)]
    public double RosenbrockReverseGradient() => reverseRosenbrock.ValueAndGradient(x, gradient);

    [Benchmark, BenchmarkCategory(Rosenbrock)]
    public double RosenbrockSumOfTermsValue() => termsRosenbrock.Value(x);

    [Benchmark, BenchmarkCategory(Rosenbrock)]
    public double RosenbrockSumOfTermsGradient() => termsRosenbrock.ValueAndGradient(x, gradient);

    [Benchmark, BenchmarkCategory(Rosenbrock)]
    public double RosenbrockForwardJvp() => ForwardMode.ValueAndJvp(rosenbrock, x, x, out _);

    [Benchmark, BenchmarkCategory(Rosenbrock)]
    public double RosenbrockGeneratedReverseGradient() => generatedRosenbrock.EvaluateGradient(x, gradient);

    [Benchmark, BenchmarkCategory(Rosenbrock)]
    public double RosenbrockGeneratedForwardJvp() => generatedRosenbrock.EvaluateDirectionalDerivative(x, x, out _);

    // ---- extended Rosenbrock, n = 10⁵: Hessian-vector products -----------------------------------

    [Benchmark(Baseline = true), BenchmarkCategory(RosenbrockHv)]
    public double RosenbrockSmallValue() => rosenbrockSmall.Value(xSmall);

    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public void RosenbrockHandCodedHv() => rosenbrockSmall.HessianVector(xSmall, xSmall, gradientSmall);

    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public void RosenbrockForwardOverReverseHv() => reverseSmall.HessianVector(xSmall, xSmall, gradientSmall);

    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public void RosenbrockNestedDualOfVariableHv() => ReverseMode.HessianVectorByNesting(rosenbrockSmall, xSmall, xSmall, gradientSmall);

    /// <summary>The generated second-order adjoint code, through the objective a solver sees.</summary>
    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public void RosenbrockGeneratedHv() => generatedSmallObjective.HessianVector(xSmall, xSmall, gradientSmall);

    /// <summary>The generated adjoint code run over dual numbers (forward over reverse by type), the path it replaces.</summary>
    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public Dual<double> RosenbrockGeneratedAdjointOverDualsHv() => generatedSmall.EvaluateGradient<Dual<double>>(dualSmall, dualGradientSmall);

    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public void RosenbrockSumOfTermsHv() => termsSmall.HessianVector(xSmall, xSmall, gradientSmall);

    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public double RosenbrockSmallForwardJvp() => ForwardMode.ValueAndJvp(rosenbrockSmall, xSmall, xSmall, out _);

    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public double RosenbrockSmallReverseGradient() => reverseSmall.ValueAndGradient(xSmall, gradientSmall);

    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public double RosenbrockSmallGeneratedReverseGradient() => generatedSmall.EvaluateGradient(xSmall, gradientSmall);

    [Benchmark, BenchmarkCategory(RosenbrockHv)]
    public double RosenbrockSmallGeneratedForwardJvp() => generatedSmall.EvaluateDirectionalDerivative(xSmall, xSmall, out _);

    // ---- least squares 500 × 100 -------------------------------------------------------------------

    [Benchmark(Baseline = true), BenchmarkCategory(Squares)]
    public double LeastSquaresValue() => leastSquares.Value(xSquares);

    [Benchmark, BenchmarkCategory(Squares)]
    public double LeastSquaresHandCodedGradient() => leastSquares.ValueAndGradient(xSquares, gradientSquares);

    [Benchmark, BenchmarkCategory(Squares)]
    public double LeastSquaresReverseGradient() => reverseSquares.ValueAndGradient(xSquares, gradientSquares);

    [Benchmark, BenchmarkCategory(Squares)]
    public double LeastSquaresGeneratedReverseGradient() => generatedSquares.EvaluateGradient(xSquares, gradientSquares);

    // ---- least squares 500 × 100: Hessian-vector products ----------------------------------------------

    [Benchmark(Baseline = true), BenchmarkCategory(SquaresHv)]
    public double LeastSquaresHvValue() => leastSquares.Value(xSquares);

    [Benchmark, BenchmarkCategory(SquaresHv)]
    public void LeastSquaresHandCodedHv() => leastSquares.HessianVector(xSquares, xSquares, hessianVectorSquares);

    [Benchmark, BenchmarkCategory(SquaresHv)]
    public void LeastSquaresForwardOverReverseHv() => reverseSquares.HessianVector(xSquares, xSquares, hessianVectorSquares);

    /// <summary>The generated second-order adjoint code, through the objective a solver sees.</summary>
    [Benchmark, BenchmarkCategory(SquaresHv)]
    public void LeastSquaresGeneratedHv() => generatedSquaresObjective.HessianVector(xSquares, xSquares, hessianVectorSquares);

    /// <summary>The generated adjoint code run over dual numbers (forward over reverse by type), the path it replaces.</summary>
    [Benchmark, BenchmarkCategory(SquaresHv)]
    public Dual<double> LeastSquaresGeneratedAdjointOverDualsHv() => generatedSquares.EvaluateGradient<Dual<double>>(dualSquares, dualGradientSquares);

    // ---- shallow network loss ------------------------------------------------------------------------

    [Benchmark(Baseline = true), BenchmarkCategory(Network)]
    public double NetworkValue() => network.Value(xNetwork);

    [Benchmark, BenchmarkCategory(Network)]
    public double NetworkHandCodedGradient() => network.ValueAndGradient(xNetwork, gradientNetwork);

    [Benchmark, BenchmarkCategory(Network)]
    public double NetworkReverseGradient() => reverseNetwork.ValueAndGradient(xNetwork, gradientNetwork);

    [Benchmark, BenchmarkCategory(Network)]
    public double NetworkForwardGradient() => ForwardMode.ValueAndGradient<Chunk8>(network, xNetwork, gradientNetwork);
}
