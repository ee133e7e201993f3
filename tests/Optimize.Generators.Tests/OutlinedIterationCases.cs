using Optimize.Oracles;

namespace Optimize.Generators.Tests;

// Last loops whose iterations the adjoint code runs forward and backwards one at a time, with nested loops in the
// iteration body, which goes into a local function of its own (see OutliningTests for the shape of that code).

public sealed partial class OutlinedIterationCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 0.9], [1.5, 0.4, -2.0, 0.2], [-0.8, 2.0, 1.1, -0.4]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int n = x.Length;
        var squares = new T[n];
        for (int i = 0; i < n; i++) squares[i] = x[i] * x[i];
        T scale = T.Sin(x[0]);
        T total = T.Zero;
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            // A log-sum-exp per iteration over a scratch array, with an index that the iterations advance.
            var terms = new T[n];
            T largest = scale * squares[0] - x[start % n];
            for (int j = 0; j < n; j++)
            {
                T term = scale * squares[j] - x[(start + j) % n];
                for (int k = 0; k < j; k++) term += x[k] * squares[(k + start) % n];
                terms[j] = term;
                largest = T.Max(largest, terms[j]);
            }
            T sum = T.Zero;
            for (int j = 0; j < n; j++) sum += T.Exp(terms[j] - largest);
            total += largest + T.Log(sum);
            start += 3;
        }
        return T.CreateChecked(2) * total - scale;
    }
}

public sealed partial class IterationThatSkipsCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 0.9], [1.5, 0.4, -2.0, 0.2], [-0.8, 2.0, 1.1, -0.4]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T total = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            if (i == 1) continue;
            T s = T.Zero;
            for (int j = 0; j <= i; j++)
                for (int k = 0; k <= j; k++) s += x[k] * x[j] * x[i];
            total += s * s;
        }
        return total;
    }
}
