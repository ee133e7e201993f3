using Optimize.AutoDiff.Tensors;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.SecondOrder;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests.Tensors;

/// <summary>The lecture's worked examples written over tensors and trained by the solvers through <see cref="TensorObjective"/>.</summary>
public class TensorWorkedExampleTests
{
    /// <summary>½‖y − Ax‖² with x a column parameter.</summary>
    private static TensorObjective LeastSquaresObjective(LeastSquares problem)
    {
        int m = problem.Rows, n = problem.Dimension;
        double[] a = problem.Matrix.ToRowMajorArray(), y = problem.Observations;
        return new TensorObjective(new TensorParameterLayout((n, 1)), (tape, p) =>
        {
            var residual = tape.Constant(y, m, 1) - tape.MatrixProduct(tape.Constant(a, m, n), p[0]);
            return 0.5 * tape.SquaredNorm(residual);
        });
    }

    /// <summary>Σᵢ‖yᵢ − W₂·relu(W₁xᵢ)‖² over the samples as rows: ‖Y − relu(X·W₁ᵀ)·W₂ᵀ‖²_F.</summary>
    private static TensorObjective ShallowNetworkObjective(ShallowNetwork problem)
    {
        int s = problem.Samples, i = problem.Inputs, h = problem.Hidden, o = problem.Outputs;
        double[] x = problem.Data, y = problem.Targets;
        return new TensorObjective(new TensorParameterLayout((h, i), (o, h)), (tape, p) =>
        {
            var hidden = tape.Relu(tape.MatrixProduct(tape.Constant(x, s, i), p[0], transposeB: true));
            var output = tape.MatrixProduct(hidden, p[1], transposeB: true);
            return tape.SquaredNorm(tape.Constant(y, s, o) - output);
        });
    }

    /// <summary>‖Y − σ(W₄σ(W₃σ(W₂σ(W₁X))))‖²_F with σ = tanh, samples as columns of X (width × samples).</summary>
    private static (TensorObjective Objective, double[] Start) DeepObjective(int width, int samples, int seed)
    {
        var random = new Random(seed);
        double[] Normal(int count, double scale) => Enumerable.Range(0, count).Select(_ => scale * (random.NextDouble() + random.NextDouble() - 1) * 2.4).ToArray();
        double[] x = Normal(width * samples, 1.0), y = Normal(width * samples, 0.5);
        var layout = new TensorParameterLayout((width, width), (width, width), (width, width), (width, width));
        var objective = new TensorObjective(layout, (tape, p) =>
        {
            var a = tape.Constant(x, width, samples);
            for (int k = 0; k < 4; k++) a = tape.Tanh(tape.MatrixProduct(p[k], a));
            return tape.SquaredNorm(tape.Constant(y, width, samples) - a);
        });
        return (objective, Normal(layout.Dimension, 1 / Math.Sqrt(width)));
    }

    [Fact]
    public void LeastSquaresGradientEqualsMinusATransposeTimesTheResidual()
    {
        var problem = (LeastSquares)ProblemLibrary.LeastSquares(500, 100, seed: 3);
        var objective = LeastSquaresObjective(problem);
        var x = Perturbed(new double[100], seed: 4, scale: 1.0);
        var gradient = new double[100];
        double value = objective.ValueAndGradient(x, gradient);

        var a = problem.Matrix;
        var residual = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(problem.Observations) - a * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(x);
        Close((-(a.Transpose() * residual)).ToArray(), gradient, 1e-12, "−Aᵀ(y − Ax)");
        Close(0.5 * residual.DotProduct(residual), value, 1e-12, "½‖y − Ax‖²");
        var handCoded = new double[100];
        problem.ValueAndGradient(x, handCoded);
        Close(handCoded, gradient, 1e-12, "problem library gradient");

        var v = Perturbed(new double[100], seed: 5, scale: 1.0);
        var hv = new double[100];
        objective.HessianVector(x, v, hv);
        Close((a.Transpose() * (a * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(v))).ToArray(), hv, 1e-12, "AᵀAv");
    }

    [Fact]
    public void LeastSquaresIsSolvedByLbfgsOnTheTensorOracle()
    {
        var problem = (LeastSquares)ProblemLibrary.LeastSquares(500, 100, seed: 3);
        var result = new Lbfgs().Minimize(LeastSquaresObjective(problem), new double[100], new DriverOptions { GradientTolerance = 1e-9 });
        Assert.True(result.Converged, result.BriefReport());
        Close(problem.KnownMinimizer, result.Minimizer, 1e-7, "least-squares minimizer");
    }

    [Fact]
    public void LeastSquaresIsSolvedByNewtonConjugateGradientOnTensorHessianVectorProducts()
    {
        var problem = (LeastSquares)ProblemLibrary.LeastSquares(300, 40, seed: 5);
        var objective = LeastSquaresObjective(problem);
        var result = new NewtonConjugateGradient().Minimize(objective, new double[40], new DriverOptions { GradientTolerance = 1e-9 });
        Assert.True(result.Converged, result.BriefReport());
        Assert.True(result.Evaluations.HessianVectors > 0, "Newton-CG used Hessian-vector products");
        Close(problem.KnownMinimizer, result.Minimizer, 1e-7, "least-squares minimizer");
    }

    [Fact]
    public void ShallowNetworkDerivativesMatchTheHandCodedOnes()
    {
        var problem = (ShallowNetwork)ProblemLibrary.ShallowNetwork(inputs: 5, hidden: 7, outputs: 3, samples: 20, seed: 2);
        var objective = ShallowNetworkObjective(problem);
        var w = problem.StartingPoint;
        var expected = new double[w.Length];
        var actual = new double[w.Length];
        Close(problem.ValueAndGradient(w, expected), objective.ValueAndGradient(w, actual), 1e-12, "loss");
        Close(expected, actual, 1e-12, "gradient");
        var v = Perturbed(new double[w.Length], seed: 6, scale: 1.0);
        problem.HessianVector(w, v, expected);
        objective.HessianVector(w, v, actual);
        Close(expected, actual, 1e-11, "Hessian-vector product");
    }

    [Fact]
    public void ShallowNetworkTrainedByGradientDescentLowersItsLossAHundredfold()
    {
        var problem = (ShallowNetwork)ProblemLibrary.ShallowNetwork(inputs: 4, hidden: 16, outputs: 2, samples: 64, seed: 1);
        var objective = ShallowNetworkObjective(problem);
        var start = problem.StartingPoint;
        double initial = objective.Value(start);
        var result = new GradientDescent().Minimize(objective, start, new DriverOptions
        {
            MaximumIterations = 20000,
            Callback = record => record.Value <= initial / 100,
        });
        Assert.True(result.Minimum <= initial / 100, $"loss {initial} → {result.Minimum}: {result.BriefReport()}");
    }

    [Fact]
    public void DeepNetworkGradientAndHessianVectorProductAgreeWithCentralDifferences()
    {
        var (objective, start) = DeepObjective(width: 3, samples: 5, seed: 7);
        var gradient = new double[start.Length];
        objective.ValueAndGradient(start, gradient);
        Close(CentralGradient(p => objective.Value(p), start), gradient, 1e-7, "gradient");

        var v = Perturbed(new double[start.Length], seed: 8, scale: 1.0);
        var hv = new double[start.Length];
        objective.HessianVector(start, v, hv);
        var reference = new double[start.Length];
        for (int i = 0; i < start.Length; i++)
        {
            int row = i;
            reference[i] = CentralDifference(t =>
            {
                var g = new double[start.Length];
                objective.ValueAndGradient(start.Select((s, j) => s + t * v[j]).ToArray(), g);
                return g[row];
            }, 0, absoluteStep: true);
        }
        Close(reference, hv, 1e-7, "Hessian-vector product");
    }

    [Fact]
    public void DeepNetworkTrainsWithLbfgsAndAdam()
    {
        var (objective, start) = DeepObjective(width: 8, samples: 40, seed: 9);
        double initial = objective.Value(start);
        var lbfgs = new Lbfgs().Minimize(objective, start, new DriverOptions { MaximumIterations = 100 });
        var adam = new Adam(new AdamOptions { LearningRate = 1e-2 }).Minimize(objective, start, new DriverOptions { MaximumIterations = 300 });
        Assert.True(lbfgs.Minimum < 0.5 * initial, $"L-BFGS: {initial} → {lbfgs.Minimum}");
        Assert.True(adam.Minimum < 0.8 * initial, $"Adam: {initial} → {adam.Minimum}");
    }

    [Fact]
    public void SteadyStateGradientsAllocateNothing()
    {
        var problem = (ShallowNetwork)ProblemLibrary.ShallowNetwork(inputs: 10, hidden: 20, outputs: 3, samples: 50, seed: 4);
        var objective = ShallowNetworkObjective(problem);
        var w = problem.StartingPoint;
        var gradient = new double[w.Length];
        var hv = new double[w.Length];
        objective.ValueAndGradient(w, gradient);
        objective.HessianVector(w, gradient, hv);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 5; k++)
        {
            objective.ValueAndGradient(w, gradient);
            objective.HessianVector(w, gradient, hv);
            objective.Value(w);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
