using CsCheck;
using Optimize.AutoDiff.Tensors;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests.Tensors;

/// <summary>
/// One tensor operation on random shapes (1×1, vectors, non-square matrices, every broadcast pattern): inputs, the
/// domain their values are drawn from, and the operation as a function of the recorded inputs.
/// </summary>
internal sealed record OperationCase(string Name, (int Rows, int Columns)[] Shapes, Domain[] Domains, Func<TensorTape, Tensor[], Tensor> Apply)
{
    public override string ToString() => $"{Name} on {string.Join(", ", Shapes.Select(s => $"{s.Rows}×{s.Columns}"))}";

    public int Dimension => Shapes.Sum(s => s.Rows * s.Columns);

    /// <summary>The case number <paramref name="which"/> with sizes m, n, k ∈ 1…4 and choice bits <paramref name="flags"/>.</summary>
    public static OperationCase Create(int which, int m, int n, int k, int flags)
    {
        var broadcast = new[] { (m, n), (1, n), (m, 1), (1, 1) };
        (int, int) full = (m, n);
        OperationCase One(string name, Func<TensorTape, Tensor, Tensor> f, Domain domain = Domain.Any, (int, int)? shape = null) =>
            new(name, [shape ?? full], [domain], (t, x) => f(t, x[0]));
        static double[] Fixed(int length) => Enumerable.Range(1, length).Select(i => Math.Sin(i)).ToArray();
        OperationCase Two(string name, (int, int) a, (int, int) b, Func<TensorTape, Tensor, Tensor, Tensor> f, Domain second = Domain.Any) =>
            new(name, [a, b], [Domain.Any, second], (t, x) => f(t, x[0], x[1]));
        var (sa, sb) = (broadcast[flags % 4], broadcast[(flags / 4) % 4]);
        bool ta = (flags & 1) != 0, tb = (flags & 2) != 0;
        int r0 = flags % m, c0 = (flags / 5) % n;
        switch (which)
        {
            case 0: return Two($"matrix product (transposes {ta}, {tb})", ta ? (k, m) : (m, k), tb ? (n, k) : (k, n), (t, a, b) => t.MatrixProduct(a, b, ta, tb));
            case 1: return Two("add", sa, sb, (t, a, b) => a + b);
            case 2: return Two("subtract", sa, sb, (t, a, b) => a - b);
            case 3: return Two("multiply", sa, sb, (t, a, b) => a * b);
            case 4: return Two("divide", sa, sb, (t, a, b) => a / b, Domain.Positive);
            case 5: return One("affine", (t, x) => 2.5 * x - 0.7);
            case 6: return One("negate and shift", (t, x) => 1.5 - x / 4.0);
            case 7: return One("relu", (t, x) => t.Relu(x), Domain.AwayFromZero);
            case 8: return One("sigmoid", (t, x) => t.Sigmoid(x));
            case 9: return One("tanh", (t, x) => t.Tanh(x));
            case 10: return One("exp", (t, x) => t.Exp(x));
            case 11: return One("log", (t, x) => t.Log(x), Domain.Positive);
            case 12: return One("softplus", (t, x) => t.Softplus(x));
            case 13: return One("sum", (t, x) => t.Sum(x));
            case 14: return One("sum over rows", (t, x) => t.Sum(x, TensorAxis.Rows));
            case 15: return One("sum over columns", (t, x) => t.Sum(x, TensorAxis.Columns));
            case 16: return One("mean", (t, x) => t.Mean(x));
            case 17: return One("mean over rows", (t, x) => t.Mean(x, TensorAxis.Rows));
            case 18: return One("mean over columns", (t, x) => t.Mean(x, TensorAxis.Columns));
            case 19: return Two("dot", full, full, (t, a, b) => t.Dot(a, b));
            case 20: return One("squared norm", (t, x) => t.SquaredNorm(x));
            case 21: return One("reshape", (t, x) => t.Reshape(x, 1, m * n));
            case 22: return One("transpose", (t, x) => t.Transpose(x));
            case 23: return One($"slice at ({r0}, {c0})", (t, x) => t.Slice(x, r0, c0, 1 + (flags / 3) % (m - r0), n - c0));
            case 24: return One($"element [{r0}, {c0}]", (t, x) => x[r0, c0]);
            case 25: return One($"row {r0}", (t, x) => t.Row(x, r0));
            case 26: return One($"column {c0}", (t, x) => t.Column(x, c0));
            case 27: return Two("concatenate along rows", full, (k, n), (t, a, b) => t.Concatenate(a, b, TensorAxis.Rows));
            case 28:
                var left = Fixed(ta ? k * m : m * k);
                return One($"constant times parameter (transposes {ta}, {tb})",
                    (t, x) => t.MatrixProduct(t.Constant(left, ta ? k : m, ta ? m : k), t.Reshape(x, tb ? n : k, tb ? k : n), ta, tb), shape: tb ? (n, k) : (k, n));
            case 29:
                var right = Fixed(k * n);
                return One($"parameter times reshaped constant (transposes {ta}, {tb})",
                    (t, x) => t.MatrixProduct(x, t.Reshape(t.Constant(right, 1, k * n), tb ? n : k, tb ? k : n), ta, tb), shape: ta ? (k, m) : (m, k));
            default: return Two("concatenate along columns", full, (m, k), (t, a, b) => t.Concatenate(a, b, TensorAxis.Columns));
        }
    }

    public const int Count = 31;
}

/// <summary>Where an input's random values lie, so that central differences are valid.</summary>
internal enum Domain { Any, Positive, AwayFromZero }

public class TensorOperationPropertyTests
{
    private static readonly Gen<(int Which, int M, int N, int K, int Flags, int Seed)> Cases =
        Gen.Select(Gen.Int[0, OperationCase.Count - 1], Gen.Int[1, 4], Gen.Int[1, 4], Gen.Int[1, 4], Gen.Int[0, 63], Gen.Int[0, 100000]);

    /// <summary>The operation of a generated case, random inputs in their domains, a direction v, an output weight w and its tangent ẇ.</summary>
    private static (OperationCase Op, double[] X, double[] V, double[] W, double[] WTangent) Sample((int Which, int M, int N, int K, int Flags, int Seed) c)
    {
        var op = OperationCase.Create(c.Which, c.M, c.N, c.K, c.Flags);
        int outputLength = Evaluate(op, Enumerable.Repeat(1.0, op.Dimension).ToArray()).Length;
        var random = new Random(c.Seed);
        var x = new double[op.Dimension];
        int at = 0;
        for (int p = 0; p < op.Shapes.Length; p++)
            for (int i = 0; i < op.Shapes[p].Rows * op.Shapes[p].Columns; i++, at++)
            {
                double u = 2 * random.NextDouble() - 1;
                x[at] = op.Domains[p] switch
                {
                    Domain.Positive => 0.5 + 1.5 * random.NextDouble(),
                    Domain.AwayFromZero => Math.Sign(u == 0 ? 1 : u) * (0.2 + Math.Abs(u)),
                    _ => 1.5 * u,
                };
            }
        double[] Uniform(int length) => Enumerable.Range(0, length).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        return (op, x, Uniform(x.Length), Uniform(outputLength), Uniform(outputLength));
    }

    private static Tensor Record(TensorTape tape, OperationCase op, double[] x, double[]? v, bool tangents) =>
        Record(tape, op, x, v, tangents, new Tensor[op.Shapes.Length]);

    private static Tensor Record(TensorTape tape, OperationCase op, double[] x, double[]? v, bool tangents, Tensor[] inputs)
    {
        tape.Begin(tangents);
        int at = 0;
        for (int p = 0; p < inputs.Length; p++)
        {
            var (r, c) = op.Shapes[p];
            inputs[p] = tape.Parameter(x.AsSpan(at, r * c), v is null ? default : v.AsSpan(at, r * c), r, c);
            at += r * c;
        }
        return op.Apply(tape, inputs);
    }

    private static double[] Evaluate(OperationCase op, double[] x) => Record(new TensorTape(), op, x, null, false).Values.ToArray();

    /// <summary>The adjoints of all inputs, concatenated, after a backward sweep seeded with w (and ẇ).</summary>
    private static (double[] Adjoint, double[] AdjointTangent) Pullback(OperationCase op, double[] x, double[]? v, double[] w, double[]? wTangent)
    {
        var tape = new TensorTape();
        var inputs = new Tensor[op.Shapes.Length];
        var output = Record(tape, op, x, v, v is not null, inputs);
        tape.Backward(output, w, wTangent);
        var adjoint = new double[x.Length];
        var adjointTangent = new double[x.Length];
        int at = 0;
        foreach (var input in inputs)
        {
            tape.Adjoint(input).CopyTo(adjoint.AsSpan(at));
            if (v is not null) tape.AdjointTangent(input).CopyTo(adjointTangent.AsSpan(at));
            at += input.Length;
        }
        return (adjoint, adjointTangent);
    }

    private static double[] Along(double[] x, double[] v, double t) => x.Select((xi, i) => xi + t * v[i]).ToArray();

    [Fact]
    public void EveryOperationsJvpAgreesWithCentralDifferences()
    {
        Cases.Sample(c =>
        {
            var (op, x, v, w, _) = Sample(c);
            int outputs = w.Length;
            var tape = new TensorTape();
            var output = Record(tape, op, x, v, tangents: true);
            Close(Evaluate(op, x), output.Values, 1e-14, $"{op}: values of the tangent recording");
            var reference = new double[outputs];
            for (int i = 0; i < outputs; i++)
            {
                int row = i;
                reference[i] = CentralDifference(t => Evaluate(op, Along(x, v, t))[row], 0, absoluteStep: true);
            }
            Close(reference, tape.Tangent(output), 1e-7, $"{op}: JVP");
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void EveryOperationsVjpAgreesWithCentralDifferences()
    {
        Cases.Sample(c =>
        {
            var (op, x, _, w, _) = Sample(c);
            // wᵀJ is the gradient of x ↦ w·f(x).
            double[] reference = CentralGradient(p => Evaluate(op, p).Select((y, i) => w[i] * y).Sum(), x);
            Close(reference, Pullback(op, x, null, w, null).Adjoint, 1e-7, $"{op}: VJP");
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void EveryOperationsForwardOverReverseRuleAgreesWithCentralDifferencesOfItsVjp()
    {
        Cases.Sample(c =>
        {
            var (op, x, v, w, wTangent) = Sample(c);
            // d/dt [wᵀJ(x + t·v) + t·ẇᵀJ(x)] at 0 = ∇²(w·f)·v + ẇᵀJ.
            var reference = new double[x.Length];
            var seeded = Pullback(op, x, null, wTangent, null).Adjoint;
            for (int i = 0; i < x.Length; i++)
            {
                int row = i;
                reference[i] = CentralDifference(t => Pullback(op, Along(x, v, t), null, w, null).Adjoint[row], 0, absoluteStep: true) + seeded[i];
            }
            var (adjoint, adjointTangent) = Pullback(op, x, v, w, wTangent);
            Close(Pullback(op, x, null, w, null).Adjoint, adjoint, 1e-13, $"{op}: VJP of the tangent recording");
            Close(reference, adjointTangent, 1e-7, $"{op}: forward over reverse");
        }, iter: 300, threads: 1);
    }
}
