namespace Optimize.AutoDiff.Tensors;

/// <summary>The kind of a tensor tape record; the record's operands and integer/real parameters sit in parallel arrays.</summary>
internal enum OperationKind : byte
{
    Parameter,
    Constant,
    ImportedScalar,
    MatrixProduct,
    Add,
    Subtract,
    Multiply,
    Divide,
    Affine,
    Relu,
    Sigmoid,
    Tanh,
    Exp,
    Log,
    Softplus,
    Sum,
    Dot,
    Reshape,
    Transpose,
    Slice,
    Concatenate,
}
