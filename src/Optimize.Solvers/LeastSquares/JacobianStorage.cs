using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.LeastSquares;

/// <summary>The Jacobian of one trust-region solve, dense or sparse, with the products the method needs.</summary>
internal abstract class JacobianStorage : IRectangularOperator
{
    protected JacobianStorage(ResidualEvaluator evaluator) => Evaluator = evaluator;

    protected ResidualEvaluator Evaluator { get; }
    public int Rows => Evaluator.ResidualCount;
    public int Columns => Evaluator.Dimension;

    /// <summary>Evaluates J(x); false when an entry is not finite.</summary>
    public abstract bool Evaluate(ReadOnlySpan<double> x);
    public abstract void Multiply(ReadOnlySpan<double> v, Span<double> result);
    public abstract void MultiplyTranspose(ReadOnlySpan<double> w, Span<double> result);
    public abstract void ScaleRows(ReadOnlySpan<double> scale);
    public abstract void ColumnNorms(Span<double> result);

    /// <summary>The dense matrix; only the dense storage has one.</summary>
    public abstract Matrix<double> Dense { get; }

    public static JacobianStorage Create(ResidualEvaluator evaluator, SparsityPattern? sparsity) =>
        sparsity is null ? new DenseStorage(evaluator) : new SparseStorage(evaluator, sparsity);

    private sealed class DenseStorage : JacobianStorage
    {
        private readonly double[] data;

        public DenseStorage(ResidualEvaluator evaluator) : base(evaluator)
        {
            data = new double[Rows * Columns];
            Dense = Matrix<double>.Build.Dense(Rows, Columns, data);
        }

        public override Matrix<double> Dense { get; }

        public override bool Evaluate(ReadOnlySpan<double> x) => Evaluator.Jacobian(x, data);

        public override void Multiply(ReadOnlySpan<double> v, Span<double> result)
        {
            result.Clear();
            for (int j = 0; j < Columns; j++)
            {
                double vj = v[j];
                var column = data.AsSpan(j * Rows, Rows);
                for (int i = 0; i < Rows; i++) result[i] += column[i] * vj;
            }
        }

        public override void MultiplyTranspose(ReadOnlySpan<double> w, Span<double> result)
        {
            for (int j = 0; j < Columns; j++)
            {
                var column = data.AsSpan(j * Rows, Rows);
                double sum = 0;
                for (int i = 0; i < Rows; i++) sum += column[i] * w[i];
                result[j] = sum;
            }
        }

        public override void ScaleRows(ReadOnlySpan<double> scale)
        {
            for (int j = 0; j < Columns; j++)
            {
                var column = data.AsSpan(j * Rows, Rows);
                for (int i = 0; i < Rows; i++) column[i] *= scale[i];
            }
        }

        public override void ColumnNorms(Span<double> result)
        {
            for (int j = 0; j < Columns; j++) result[j] = Minpack.Enorm(data.AsSpan(j * Rows, Rows));
        }
    }

    private sealed class SparseStorage : JacobianStorage
    {
        private readonly ColoredJacobian colored;
        private readonly SparseJacobian jacobian;

        public SparseStorage(ResidualEvaluator evaluator, SparsityPattern pattern) : base(evaluator)
        {
            colored = new ColoredJacobian(evaluator.Function, pattern);
            jacobian = new SparseJacobian(pattern);
        }

        public override Matrix<double> Dense => throw new InvalidOperationException("A sparse Jacobian has no dense matrix; use the LSQR trust-region solver.");

        public override bool Evaluate(ReadOnlySpan<double> x)
        {
            Evaluator.JacobianEvaluations++;
            colored.Evaluate(x, jacobian);
            return ResidualEvaluator.AllFinite(jacobian.Values);
        }

        public override void Multiply(ReadOnlySpan<double> v, Span<double> result) => jacobian.Multiply(v, result);
        public override void MultiplyTranspose(ReadOnlySpan<double> w, Span<double> result) => jacobian.TransposeMultiply(w, result);
        public override void ScaleRows(ReadOnlySpan<double> scale) => jacobian.ScaleRows(scale);
        public override void ColumnNorms(Span<double> result) => jacobian.ColumnNorms(result);
    }
}
