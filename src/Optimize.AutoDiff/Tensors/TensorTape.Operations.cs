using System.Numerics.Tensors;

namespace Optimize.AutoDiff.Tensors;

public sealed partial class TensorTape
{
    /// <summary>The matrix product op(a)·op(b), op(x) being x or xᵀ, through BLAS dgemm: one record whose VJP is two products.</summary>
    /// <param name="a">The left factor.</param>
    /// <param name="b">The right factor.</param>
    /// <param name="transposeA">Whether op(a) is aᵀ.</param>
    /// <param name="transposeB">Whether op(b) is bᵀ.</param>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public Tensor MatrixProduct(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        Check(a);
        Check(b);
        int ia = a.Node, ib = b.Node;
        int m = transposeA ? columns[ia] : rows[ia], k = transposeA ? rows[ia] : columns[ia];
        int kb = transposeB ? columns[ib] : rows[ib], n = transposeB ? rows[ib] : columns[ib];
        if (kb != k)
            throw new ArgumentException($"op(b) has {kb} rows; expected {k}, the columns of op(a) (a is {rows[ia]}×{columns[ia]}{(transposeA ? ", transposed" : "")}).", nameof(b));
        int node = Push(OperationKind.MatrixProduct, ia, ib, m, n, needsAdjoint[ia] || needsAdjoint[ib]);
        integer0[node] = transposeA ? 1 : 0;
        integer1[node] = transposeB ? 1 : 0;
        Product(ia, values[ia], transposeA, ib, values[ib], transposeB, 0.0, values[node]);
        if (withTangents)
        {
            // Ċ = op(Ȧ)·op(B) + op(A)·op(Ḃ), skipping the product with a constant's zero tangent.
            bool za = zeroTangent[ia], zb = zeroTangent[ib];
            if (!za) Product(ia, tangents[ia], transposeA, ib, values[ib], transposeB, 0.0, tangents[node]);
            if (!zb) Product(ia, values[ia], transposeA, ib, tangents[ib], transposeB, za ? 0.0 : 1.0, tangents[node]);
            if (za && zb) Array.Clear(tangents[node]);
            zeroTangent[node] = za && zb;
        }
        return new Tensor(this, node);
    }

    /// <summary>Elementwise a + b; each operand is m×n, 1×n (broadcast down the rows), m×1 (across the columns) or 1×1.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    public Tensor Add(Tensor a, Tensor b) => Binary(OperationKind.Add, a, b);

    /// <summary>Elementwise a − b with broadcasting as in <see cref="Add"/>.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    public Tensor Subtract(Tensor a, Tensor b) => Binary(OperationKind.Subtract, a, b);

    /// <summary>Elementwise (Hadamard) a ⊙ b with broadcasting as in <see cref="Add"/>.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    public Tensor Multiply(Tensor a, Tensor b) => Binary(OperationKind.Multiply, a, b);

    /// <summary>Elementwise a ⊘ b with broadcasting as in <see cref="Add"/>.</summary>
    /// <param name="a">Numerator.</param>
    /// <param name="b">Denominator.</param>
    public Tensor Divide(Tensor a, Tensor b) => Binary(OperationKind.Divide, a, b);

    /// <summary>The affine map scale·x + shift with real constants (scaling, shifting, negation).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="scale">The factor.</param>
    /// <param name="shift">The constant added.</param>
    public Tensor Affine(Tensor x, double scale, double shift)
    {
        Check(x);
        int node = Push(OperationKind.Affine, x.Node, -1, rows[x.Node], columns[x.Node], needsAdjoint[x.Node]);
        real0[node] = scale;
        real1[node] = shift;
        ForwardLinear(node, isValue: true);
        return new Tensor(this, node);
    }

    /// <summary>The rectifier max(x, 0) elementwise (its derivative is taken as 0 at 0).</summary>
    /// <param name="x">The tensor.</param>
    public Tensor Relu(Tensor x) => Unary(OperationKind.Relu, x);

    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ) elementwise.</summary>
    /// <param name="x">The tensor.</param>
    public Tensor Sigmoid(Tensor x) => Unary(OperationKind.Sigmoid, x);

    /// <summary>The hyperbolic tangent elementwise.</summary>
    /// <param name="x">The tensor.</param>
    public Tensor Tanh(Tensor x) => Unary(OperationKind.Tanh, x);

    /// <summary>The exponential elementwise.</summary>
    /// <param name="x">The tensor.</param>
    public Tensor Exp(Tensor x) => Unary(OperationKind.Exp, x);

    /// <summary>The natural logarithm elementwise.</summary>
    /// <param name="x">The tensor (positive entries).</param>
    public Tensor Log(Tensor x) => Unary(OperationKind.Log, x);

    /// <summary>The softplus log(1 + eˣ) elementwise, evaluated as max(x, 0) + log1p(e^−|x|) against overflow.</summary>
    /// <param name="x">The tensor.</param>
    public Tensor Softplus(Tensor x) => Unary(OperationKind.Softplus, x);

    /// <summary>The sum of all entries, a 1×1 tensor.</summary>
    /// <param name="x">The tensor.</param>
    public Tensor Sum(Tensor x) => Reduce(x, -1, 1.0);

    /// <summary>The sums along an axis: over the rows a 1×n row, over the columns an m×1 column.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="axis">The axis summed over.</param>
    public Tensor Sum(Tensor x, TensorAxis axis) => Reduce(x, (int)axis, 1.0);

    /// <summary>The mean of all entries, a 1×1 tensor.</summary>
    /// <param name="x">The tensor.</param>
    public Tensor Mean(Tensor x) => Reduce(x, -1, 1.0 / x.Length);

    /// <summary>The means along an axis: over the rows a 1×n row, over the columns an m×1 column.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="axis">The axis averaged over.</param>
    public Tensor Mean(Tensor x, TensorAxis axis) => Reduce(x, (int)axis, 1.0 / (axis == TensorAxis.Rows ? x.Rows : x.Columns));

    /// <summary>The inner product Σᵢⱼ aᵢⱼbᵢⱼ of two tensors of the same shape, a 1×1 tensor.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand, of the shape of <paramref name="a"/>.</param>
    public Tensor Dot(Tensor a, Tensor b)
    {
        Check(a);
        Check(b);
        int ia = a.Node, ib = b.Node;
        if (rows[ia] != rows[ib] || columns[ia] != columns[ib])
            throw new ArgumentException($"b is {rows[ib]}×{columns[ib]}; expected the shape of a, {rows[ia]}×{columns[ia]}.", nameof(b));
        int node = Push(OperationKind.Dot, ia, ib, 1, 1, needsAdjoint[ia] || needsAdjoint[ib]);
        values[node][0] = TensorPrimitives.Dot(values[ia], values[ib]);
        if (withTangents)
            tangents[node][0] = TensorPrimitives.Dot(tangents[ia], values[ib]) + TensorPrimitives.Dot(values[ia], tangents[ib]);
        return new Tensor(this, node);
    }

    /// <summary>The squared Frobenius norm ‖x‖², a 1×1 tensor.</summary>
    /// <param name="x">The tensor.</param>
    public Tensor SquaredNorm(Tensor x) => Dot(x, x);

    /// <summary>The same entries read as a rows × columns matrix (no copy: the record shares its operand's buffers).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="rows">The new number of rows.</param>
    /// <param name="columns">The new number of columns.</param>
    public Tensor Reshape(Tensor x, int rows, int columns)
    {
        Check(x);
        CheckShape(rows, columns);
        if ((long)rows * columns != x.Length)
            throw new ArgumentException($"A {rows}×{columns} shape has {(long)rows * columns} entries; expected {x.Length}, those of x.", nameof(rows));
        int node = PushRecord(OperationKind.Reshape, x.Node, -1, rows, columns, needsAdjoint[x.Node]);
        values[node] = values[x.Node];
        if (withTangents) tangents[node] = tangents[x.Node];
        zeroTangent[node] = zeroTangent[x.Node];
        return new Tensor(this, node);
    }

    /// <summary>The transpose xᵀ.</summary>
    /// <param name="x">The tensor.</param>
    public Tensor Transpose(Tensor x)
    {
        Check(x);
        int node = Push(OperationKind.Transpose, x.Node, -1, columns[x.Node], rows[x.Node], needsAdjoint[x.Node]);
        ForwardLinear(node, isValue: true);
        return new Tensor(this, node);
    }

    /// <summary>The block of <paramref name="rowCount"/> × <paramref name="columnCount"/> entries starting at (row, column).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="row">The first row.</param>
    /// <param name="column">The first column.</param>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="columnCount">The number of columns.</param>
    public Tensor Slice(Tensor x, int row, int column, int rowCount, int columnCount)
    {
        Check(x);
        CheckShape(rowCount, columnCount);
        int m = rows[x.Node], n = columns[x.Node];
        if (row < 0 || row + rowCount > m)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Rows {row}…{row + rowCount - 1} must lie within 0…{m - 1}.");
        if (column < 0 || column + columnCount > n)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"Columns {column}…{column + columnCount - 1} must lie within 0…{n - 1}.");
        int node = Push(OperationKind.Slice, x.Node, -1, rowCount, columnCount, needsAdjoint[x.Node]);
        integer0[node] = row;
        integer1[node] = column;
        ForwardLinear(node, isValue: true);
        return new Tensor(this, node);
    }

    /// <summary>Row <paramref name="row"/> as a 1×n tensor.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="row">The 0-based row.</param>
    public Tensor Row(Tensor x, int row) => Slice(x, row, 0, 1, x.Columns);

    /// <summary>Column <paramref name="column"/> as an m×1 tensor.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="column">The 0-based column.</param>
    public Tensor Column(Tensor x, int column) => Slice(x, 0, column, x.Rows, 1);

    /// <summary>Concatenation: along <see cref="TensorAxis.Rows"/> a above b (equal columns), along <see cref="TensorAxis.Columns"/> a beside b (equal rows).</summary>
    /// <param name="a">The first block.</param>
    /// <param name="b">The second block.</param>
    /// <param name="axis">The axis the blocks are stacked along.</param>
    public Tensor Concatenate(Tensor a, Tensor b, TensorAxis axis)
    {
        Check(a);
        Check(b);
        int ia = a.Node, ib = b.Node;
        bool stacked = axis == TensorAxis.Rows;
        if (stacked ? columns[ia] != columns[ib] : rows[ia] != rows[ib])
            throw new ArgumentException(stacked
                ? $"b has {columns[ib]} columns; expected {columns[ia]}, those of a, to stack along rows."
                : $"b has {rows[ib]} rows; expected {rows[ia]}, those of a, to concatenate along columns.", nameof(b));
        int node = Push(OperationKind.Concatenate, ia, ib,
            stacked ? rows[ia] + rows[ib] : rows[ia], stacked ? columns[ia] : columns[ia] + columns[ib], needsAdjoint[ia] || needsAdjoint[ib]);
        integer0[node] = (int)axis;
        ForwardLinear(node, isValue: true);
        return new Tensor(this, node);
    }

    private Tensor Binary(OperationKind kind, Tensor a, Tensor b)
    {
        Check(a);
        Check(b);
        int ia = a.Node, ib = b.Node;
        int m = BroadcastDimension(rows[ia], rows[ib], "rows"), n = BroadcastDimension(columns[ia], columns[ib], "columns");
        int node = Push(kind, ia, ib, m, n, needsAdjoint[ia] || needsAdjoint[ib]);
        if (kind is OperationKind.Add or OperationKind.Subtract)
        {
            ForwardLinear(node, isValue: true);
            return new Tensor(this, node);
        }
        double[] y = values[node], av = values[ia], bv = values[ib];
        bool same = av.Length == y.Length && bv.Length == y.Length;
        if (kind == OperationKind.Multiply)
        {
            if (same) TensorPrimitives.Multiply(av, bv, y);
            else
            {
                Array.Clear(y);
                StridedKernels.MultiplyAdd(m, n, 1.0, View(ia, av), View(ib, bv), StridedView.Dense(y, n));
            }
            if (withTangents)
            {
                double[] t = tangents[node];
                Array.Clear(t);
                StridedKernels.MultiplyAdd(m, n, 1.0, View(ia, tangents[ia]), View(ib, bv), StridedView.Dense(t, n));
                StridedKernels.MultiplyAdd(m, n, 1.0, View(ia, av), View(ib, tangents[ib]), StridedView.Dense(t, n));
            }
            return new Tensor(this, node);
        }
        if (same) TensorPrimitives.Divide(av, bv, y);
        else
        {
            var (x, z) = (View(ia, av), View(ib, bv));
            for (int i = 0, o = 0; i < m; i++)
                for (int j = 0; j < n; j++, o++)
                    y[o] = av[i * x.Row + j * x.Column] / bv[i * z.Row + j * z.Column];
        }
        if (withTangents)
        {
            // (a/b)˙ = (ȧ − y·ḃ)/b
            double[] t = tangents[node], at = tangents[ia], bt = tangents[ib];
            var (x, z) = (View(ia, av), View(ib, bv));
            for (int i = 0, o = 0; i < m; i++)
                for (int j = 0; j < n; j++, o++)
                {
                    int p = i * x.Row + j * x.Column, q = i * z.Row + j * z.Column;
                    t[o] = (at[p] - y[o] * bt[q]) / bv[q];
                }
        }
        return new Tensor(this, node);
    }

    private static int BroadcastDimension(int a, int b, string what)
    {
        if (a == b || b == 1) return a;
        if (a == 1) return b;
        throw new ArgumentException($"b has {b} {what}; expected {a} (those of a) or 1 to broadcast.", "b");
    }

    /// <summary>An operand's buffer read as the m×n shape of the record that broadcasts it.</summary>
    private StridedView View(int operand, double[] buffer) => StridedView.Broadcast(buffer, rows[operand], columns[operand]);

    private Tensor Unary(OperationKind kind, Tensor x)
    {
        Check(x);
        int ix = x.Node;
        int node = Push(kind, ix, -1, rows[ix], columns[ix], needsAdjoint[ix]);
        double[] y = values[node], xv = values[ix];
        switch (kind)
        {
            case OperationKind.Relu: TensorPrimitives.Max(xv, 0.0, y); break;
            case OperationKind.Sigmoid: TensorPrimitives.Sigmoid(xv, y); break;
            case OperationKind.Tanh: TensorPrimitives.Tanh(xv, y); break;
            case OperationKind.Exp: TensorPrimitives.Exp(xv, y); break;
            case OperationKind.Log: TensorPrimitives.Log(xv, y); break;
            default:
                for (int i = 0; i < y.Length; i++) y[i] = Math.Max(xv[i], 0) + Math.Log(1 + Math.Exp(-Math.Abs(xv[i])));
                break;
        }
        if (withTangents)
        {
            double[] t = tangents[node], xt = tangents[ix];
            if (kind == OperationKind.Relu) StridedKernels.PositiveMask(xv, xt, t, accumulate: false);
            else for (int i = 0; i < t.Length; i++) t[i] = FirstDerivative(kind, xv[i], y[i]) * xt[i];
        }
        return new Tensor(this, node);
    }

    /// <summary>f′ from the argument x and the value y = f(x).</summary>
    private static double FirstDerivative(OperationKind kind, double x, double y) => kind switch
    {
        OperationKind.Relu => x > 0 ? 1.0 : 0.0,
        OperationKind.Sigmoid => y * (1 - y),
        OperationKind.Tanh => 1 - y * y,
        OperationKind.Exp => y,
        OperationKind.Log => 1 / x,
        _ => 1 / (1 + Math.Exp(-x)),
    };

    /// <summary>f″ from the argument x and the value y = f(x).</summary>
    private static double SecondDerivative(OperationKind kind, double x, double y)
    {
        switch (kind)
        {
            case OperationKind.Relu: return 0.0;
            case OperationKind.Sigmoid: return y * (1 - y) * (1 - 2 * y);
            case OperationKind.Tanh: return -2 * y * (1 - y * y);
            case OperationKind.Exp: return y;
            case OperationKind.Log: return -1 / (x * x);
            default:
                double s = 1 / (1 + Math.Exp(-x));
                return s * (1 - s);
        }
    }

    private Tensor Reduce(Tensor x, int axis, double scale)
    {
        Check(x);
        int ix = x.Node;
        int m = axis == (int)TensorAxis.Columns ? rows[ix] : 1, n = axis == (int)TensorAxis.Rows ? columns[ix] : 1;
        int node = Push(OperationKind.Sum, ix, -1, m, n, needsAdjoint[ix]);
        integer0[node] = axis;
        real0[node] = scale;
        ForwardLinear(node, isValue: true);
        return new Tensor(this, node);
    }

    /// <summary>c = op(a)·op(b) + β·c for operands with the shapes of records <paramref name="ia"/> and <paramref name="ib"/>.</summary>
    private void Product(int ia, double[] a, bool transposeA, int ib, double[] b, bool transposeB, double beta, double[] c) =>
        StridedKernels.MatrixProduct(blas, a, rows[ia], columns[ia], transposeA, b, rows[ib], columns[ib], transposeB, beta, c);

    /// <summary>
    /// Evaluates a linear record (sum, difference, affine map, reduction, transpose, slice, concatenation) on its
    /// operands' values, or — the same linear map — on their tangents.
    /// </summary>
    private void ForwardLinear(int node, bool isValue)
    {
        if (!isValue && !withTangents) return;
        var source = isValue ? values : tangents;
        double[] y = source[node];
        int ia = left[node], ib = right[node];
        double[] a = source[ia];
        int m = rows[node], n = columns[node];
        switch (kinds[node])
        {
            case OperationKind.Add:
            case OperationKind.Subtract:
                double sign = kinds[node] == OperationKind.Add ? 1.0 : -1.0;
                double[] b = source[ib];
                if (a.Length == y.Length && b.Length == y.Length)
                {
                    if (sign > 0) TensorPrimitives.Add(a, b, y);
                    else TensorPrimitives.Subtract(a, b, y);
                    break;
                }
                Array.Clear(y);
                StridedKernels.AddScaled(m, n, 1.0, View(ia, a), StridedView.Dense(y, n));
                StridedKernels.AddScaled(m, n, sign, View(ib, b), StridedView.Dense(y, n));
                break;
            case OperationKind.Affine:
                TensorPrimitives.Multiply(a, real0[node], y);
                if (isValue && real1[node] != 0) TensorPrimitives.Add(y, real1[node], y);
                break;
            case OperationKind.Sum:
                if (integer0[node] < 0)
                {
                    y[0] = real0[node] * TensorPrimitives.Sum(a);
                    break;
                }
                Array.Clear(y);
                StridedKernels.AddScaled(rows[ia], columns[ia], real0[node], StridedView.Dense(a, columns[ia]), View(node, y));
                break;
            case OperationKind.Transpose:
                if (m == 1 || n == 1) a.AsSpan().CopyTo(y);
                else
                {
                    Array.Clear(y);
                    StridedKernels.AddScaled(n, m, 1.0, StridedView.Dense(a, m), new StridedView(y, 0, 1, n));
                }
                break;
            case OperationKind.Slice:
                for (int i = 0, stride = columns[ia]; i < m; i++)
                    a.AsSpan((integer0[node] + i) * stride + integer1[node], n).CopyTo(y.AsSpan(i * n, n));
                break;
            default:
                double[] second = source[ib];
                if (integer0[node] == (int)TensorAxis.Rows)
                {
                    a.AsSpan().CopyTo(y);
                    second.AsSpan().CopyTo(y.AsSpan(a.Length));
                    break;
                }
                int na = columns[ia], nb = columns[ib];
                for (int i = 0; i < m; i++)
                {
                    a.AsSpan(i * na, na).CopyTo(y.AsSpan(i * n, na));
                    second.AsSpan(i * nb, nb).CopyTo(y.AsSpan(i * n + na, nb));
                }
                break;
        }
        if (isValue) ForwardLinear(node, isValue: false);
    }
}
