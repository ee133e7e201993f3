namespace Optimize.Distributed.DataSets;

/// <summary>
/// A reproducible synthetic data set for classification and regression, generated in blocks of rows, each from
/// its own seed, so that any process can generate exactly its part and the whole is the same for every number
/// of processes. Features aᵢ are standard normal scaled by 1/√d (so aᵢ·w* is of order one); with true weights
/// w* ~ N(0, I), label yᵢ = 1 with probability σ(aᵢ·w*) (the logistic model) and target tᵢ = aᵢ·w* + 0.1 εᵢ.
/// Normals by the Box–Muller transform (Box &amp; Muller, Ann. Math. Statist. 29, 1958).
/// </summary>
public sealed class SyntheticDataSet
{
    /// <summary>Describes the data set; nothing is generated until <see cref="Shard"/>.</summary>
    /// <param name="rows">The number of rows, positive.</param>
    /// <param name="features">The number of features d, positive.</param>
    /// <param name="seed">The seed of the whole data set.</param>
    /// <param name="blockRows">Rows per block, the unit of distribution, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    public SyntheticDataSet(int rows, int features, int seed, int blockRows = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockRows);
        Rows = rows;
        Features = features;
        Seed = seed;
        BlockRows = blockRows;
        TrueWeights = Normal(new Random(seed), features, 1.0);
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of features d.</summary>
    public int Features { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Rows per block.</summary>
    public int BlockRows { get; }

    /// <summary>The number of blocks, ⌈rows / blockRows⌉.</summary>
    public int Blocks => (Rows + BlockRows - 1) / BlockRows;

    /// <summary>The weights w* the labels and targets were drawn from.</summary>
    public double[] TrueWeights { get; }

    /// <summary>
    /// Generates the rows of rank <paramref name="rank"/> of <paramref name="size"/>: the contiguous blocks
    /// <see cref="ShardRange.Of(int, int, int)"/> gives it.
    /// </summary>
    /// <param name="rank">The rank, from 0 to <paramref name="size"/> − 1.</param>
    /// <param name="size">The number of processes, positive.</param>
    public DataShard Shard(int rank, int size)
    {
        var blocks = ShardRange.Of(Blocks, rank, size);
        long first = (long)blocks.Start * BlockRows;
        int rows = (int)Math.Min((long)blocks.End * BlockRows, Rows) - (int)Math.Min(first, Rows);
        var values = new double[(long)rows * Features];
        var labels = new double[rows];
        var targets = new double[rows];
        double scale = 1 / Math.Sqrt(Features);
        int row = 0;
        for (int block = blocks.Start; block < blocks.End; block++)
        {
            var random = new Random(unchecked(Seed * 1_000_003 + block + 1));
            int count = Math.Min(BlockRows, Rows - block * BlockRows);
            var blockValues = values.AsSpan(row * Features, count * Features);
            Normal(random, blockValues, scale);
            var noise = Normal(random, count, 0.1);
            for (int i = 0; i < count; i++, row++)
            {
                double z = 0;
                var features = values.AsSpan(row * Features, Features);
                for (int j = 0; j < Features; j++) z += features[j] * TrueWeights[j];
                labels[row] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
                targets[row] = z + noise[i];
            }
        }
        return new DataShard(first, Features, values, labels, targets);
    }

    /// <summary>Every row, in one block (the single-process data set).</summary>
    public DataShard All() => Shard(0, 1);

    private static double[] Normal(Random random, int count, double scale)
    {
        var values = new double[count];
        Normal(random, values, scale);
        return values;
    }

    private static void Normal(Random random, Span<double> values, double scale)
    {
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            double radius = Math.Sqrt(-2 * Math.Log(u1)) * scale;
            values[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < values.Length) values[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
        }
    }
}
