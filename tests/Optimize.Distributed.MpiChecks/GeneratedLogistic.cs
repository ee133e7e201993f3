using Optimize.Distributed.DataSets;
using Optimize.Oracles;

namespace Optimize.Distributed.MpiChecks;

/// <summary>
/// The logistic loss of <see cref="LogisticLoss"/> over a block of rows, written once over the scalar type; the
/// derivative generator writes its gradient at compile time. A local objective from generated code.
/// </summary>
public sealed partial class GeneratedLogistic(DataShard data, double ridge) : IScalarFunction
{
    private readonly double[] values = data.Values;
    private readonly double[] labels = data.Labels;
    private readonly int rows = data.Rows;

    /// <inheritdoc/>
    public int Dimension { get; } = data.Features;

    /// <inheritdoc/>
    [GenerateDerivatives]
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        int n = Dimension;
        T sum = T.Zero;
        for (int i = 0; i < rows; i++)
        {
            T z = T.Zero;
            for (int j = 0; j < n; j++) z += T.CreateChecked(values[i * n + j]) * x[j];
            sum += T.Log(T.One + T.Exp(z)) - T.CreateChecked(labels[i]) * z;
        }
        T squares = T.Zero;
        for (int j = 0; j < n; j++) squares += x[j] * x[j];
        return sum + T.CreateChecked(0.5 * ridge) * squares;
    }
}
