using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff.Tensors;

/// <summary>
/// A row-major matrix (a vector is one row or one column, a scalar is 1×1) recorded on a <see cref="TensorTape"/>:
/// a handle of the tape and a node index (no heap object per tensor). Every operation on tensors records one node
/// whose local derivative rules (VJP, JVP and their forward-over-reverse pair) act on whole matrices, so a matrix
/// product is one node whose VJP is two matrix products (Griewank &amp; Walther, <i>Evaluating Derivatives</i>,
/// §3.2 applied to matrix-valued elementals; Giles 2008, "Collected matrix derivative results for forward and
/// reverse mode algorithmic differentiation").
/// </summary>
public readonly struct Tensor
{
    internal Tensor(TensorTape tape, int node)
    {
        Tape = tape;
        Node = node;
    }

    /// <summary>The tape the tensor is recorded on.</summary>
    public TensorTape Tape { get; }

    /// <summary>The node index on the tape.</summary>
    public int Node { get; }

    /// <summary>The number of rows.</summary>
    public int Rows => Tape.RowsOf(Node);

    /// <summary>The number of columns.</summary>
    public int Columns => Tape.ColumnsOf(Node);

    /// <summary>The number of entries, rows × columns.</summary>
    public int Length => Tape.RowsOf(Node) * Tape.ColumnsOf(Node);

    /// <summary>The values, row-major.</summary>
    public ReadOnlySpan<double> Values => Tape.ValuesOf(Node);

    /// <summary>The value of a 1×1 tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not 1×1.</exception>
    public double Scalar => Tape.ScalarOf(Node);

    /// <summary>The entry at row <paramref name="row"/>, column <paramref name="column"/> as a 1×1 tensor (a slice).</summary>
    /// <param name="row">The 0-based row.</param>
    /// <param name="column">The 0-based column.</param>
    public Tensor this[int row, int column] => Tape.Slice(this, row, column, 1, 1);

    /// <summary>Elementwise sum with broadcasting of 1×n rows, m×1 columns and 1×1 scalars.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static Tensor operator +(Tensor x, Tensor y) => x.Tape.Add(x, y);

    /// <summary>Elementwise difference with broadcasting.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static Tensor operator -(Tensor x, Tensor y) => x.Tape.Subtract(x, y);

    /// <summary>Elementwise (Hadamard) product with broadcasting; use <see cref="TensorTape.MatrixProduct"/> for matrix products.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static Tensor operator *(Tensor x, Tensor y) => x.Tape.Multiply(x, y);

    /// <summary>Elementwise quotient with broadcasting.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    public static Tensor operator /(Tensor x, Tensor y) => x.Tape.Divide(x, y);

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    public static Tensor operator -(Tensor x) => x.Tape.Affine(x, -1.0, 0.0);

    /// <summary>Adds a constant to every entry.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="c">The constant.</param>
    public static Tensor operator +(Tensor x, double c) => x.Tape.Affine(x, 1.0, c);

    /// <summary>Adds a constant to every entry.</summary>
    /// <param name="c">The constant.</param>
    /// <param name="x">The tensor.</param>
    public static Tensor operator +(double c, Tensor x) => x.Tape.Affine(x, 1.0, c);

    /// <summary>Subtracts a constant from every entry.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="c">The constant.</param>
    public static Tensor operator -(Tensor x, double c) => x.Tape.Affine(x, 1.0, -c);

    /// <summary>A constant minus every entry.</summary>
    /// <param name="c">The constant.</param>
    /// <param name="x">The tensor.</param>
    public static Tensor operator -(double c, Tensor x) => x.Tape.Affine(x, -1.0, c);

    /// <summary>Scales every entry by a constant.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="c">The constant.</param>
    public static Tensor operator *(Tensor x, double c) => x.Tape.Affine(x, c, 0.0);

    /// <summary>Scales every entry by a constant.</summary>
    /// <param name="c">The constant.</param>
    /// <param name="x">The tensor.</param>
    public static Tensor operator *(double c, Tensor x) => x.Tape.Affine(x, c, 0.0);

    /// <summary>Divides every entry by a constant.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="c">The constant.</param>
    public static Tensor operator /(Tensor x, double c) => x.Tape.Affine(x, 1.0 / c, 0.0);

    /// <summary>Scales every entry by a scalar tape variable: its adjoint flows back to the scalar tape.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="s">The scalar variable.</param>
    public static Tensor operator *(Tensor x, Variable s) => x.Tape.Multiply(x, x.Tape.Scalar(s));

    /// <summary>Scales every entry by a scalar tape variable: its adjoint flows back to the scalar tape.</summary>
    /// <param name="s">The scalar variable.</param>
    /// <param name="x">The tensor.</param>
    public static Tensor operator *(Variable s, Tensor x) => x.Tape.Multiply(x.Tape.Scalar(s), x);

    /// <summary>Adds a scalar tape variable to every entry.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="s">The scalar variable.</param>
    public static Tensor operator +(Tensor x, Variable s) => x.Tape.Add(x, x.Tape.Scalar(s));

    /// <summary>Shows the shape and node, e.g. "Tensor 3×4 @5".</summary>
    public override string ToString() => $"Tensor {Rows}×{Columns} @{Node}";
}
