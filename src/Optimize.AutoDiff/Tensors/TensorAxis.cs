namespace Optimize.AutoDiff.Tensors;

/// <summary>The axis a reduction runs along or a concatenation stacks along (NumPy's axis 0 and 1).</summary>
public enum TensorAxis
{
    /// <summary>Down the rows: a sum over rows gives a 1×n row; concatenation stacks tensors vertically.</summary>
    Rows = 0,

    /// <summary>Across the columns: a sum over columns gives an m×1 column; concatenation places tensors side by side.</summary>
    Columns = 1,
}
