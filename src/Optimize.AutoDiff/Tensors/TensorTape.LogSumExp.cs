namespace Optimize.AutoDiff.Tensors;

public sealed partial class TensorTape
{
    /// <summary>
    /// The log-sum-exp log Σ exp(xᵢⱼ) along an axis (over the rows a 1×n row, over the columns an m×1 column), computed
    /// stably as c + log Σ exp(x − c) with c the largest entry of each row or column. The shift c is recorded as a
    /// constant: the log-sum-exp is invariant under it, so its derivatives (the softmax weights, and their tangents)
    /// are exact (Blanchard, Higham &amp; Higham, "Accurately computing the log-sum-exp and softmax functions", IMA J.
    /// Numer. Anal. 41(4), 2021).
    /// </summary>
    /// <param name="x">The tensor.</param>
    /// <param name="axis">The axis summed over.</param>
    public Tensor LogSumExp(Tensor x, TensorAxis axis)
    {
        Check(x);
        int ix = x.Node, m = rows[ix], n = columns[ix];
        bool alongColumns = axis == TensorAxis.Columns;
        int count = alongColumns ? m : n;
        int shift = Push(OperationKind.Constant, -1, -1, alongColumns ? m : 1, alongColumns ? 1 : n, needs: false);
        double[] c = values[shift], xv = values[ix];
        Array.Fill(c, double.NegativeInfinity);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                ref double largest = ref c[alongColumns ? i : j];
                largest = Math.Max(largest, xv[i * n + j]);
            }
        // A row of −∞ (or of +∞) would give NaN through x − c; the shift 0 keeps its log-sum-exp −∞ (or +∞).
        for (int i = 0; i < count; i++) if (double.IsInfinity(c[i])) c[i] = 0;
        if (withTangents) Array.Clear(tangents[shift]);
        zeroTangent[shift] = true;
        var shifted = new Tensor(this, shift);
        return Add(Log(Sum(Exp(Subtract(x, shifted)), axis)), shifted);
    }
}
