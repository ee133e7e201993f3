namespace Optimize.Distributed.DataSets;

/// <summary>
/// A block of rows of a data set held by one process: features row-major, a 0/1 label and a real target per row.
/// </summary>
public sealed class DataShard
{
    /// <summary>Wraps the arrays (not copied).</summary>
    /// <param name="firstRow">The index of the first row in the whole data set.</param>
    /// <param name="features">The number of features per row, positive.</param>
    /// <param name="values">The rows × features matrix, row-major.</param>
    /// <param name="labels">The 0/1 labels, one per row.</param>
    /// <param name="targets">The real targets, one per row.</param>
    /// <exception cref="ArgumentException">The lengths do not agree.</exception>
    public DataShard(long firstRow, int features, double[] values, double[] labels, double[] targets)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (values.Length != (long)labels.Length * features)
            throw new ArgumentException($"values has {values.Length} entries; expected rows × features = {labels.Length} × {features}.", nameof(values));
        if (targets.Length != labels.Length)
            throw new ArgumentException($"targets has {targets.Length} entries; expected one per row ({labels.Length}).", nameof(targets));
        FirstRow = firstRow;
        Features = features;
        Values = values;
        Labels = labels;
        Targets = targets;
    }

    /// <summary>The index of the first row in the whole data set.</summary>
    public long FirstRow { get; }

    /// <summary>The number of rows in this block.</summary>
    public int Rows => Labels.Length;

    /// <summary>The number of features per row.</summary>
    public int Features { get; }

    /// <summary>The rows × features matrix, row-major.</summary>
    public double[] Values { get; }

    /// <summary>The 0/1 labels.</summary>
    public double[] Labels { get; }

    /// <summary>The real targets.</summary>
    public double[] Targets { get; }

    /// <summary>Row <paramref name="row"/> of the features.</summary>
    /// <param name="row">The row within this block.</param>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Features, Features);
}
