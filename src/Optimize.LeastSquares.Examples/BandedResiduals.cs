using System.Numerics;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.LeastSquares.Examples;

/// <summary>
/// A nonlinear banded fit with m residuals and n variables: residual i reads the three neighbouring variables
/// k, k + 1, k + 2 with k = i mod (n − 2), rᵢ = x_k·exp(cᵢx_{k+1}) + dᵢ·sin(x_{k+2}) − yᵢ, the data yᵢ generated at
/// x*ⱼ = 1 + ½sin(j) with a small deterministic perturbation. Each variable appears in about 3m/n residuals, so J
/// has full column rank and three nonzeros per row; its columns fall into 3 colours.
/// </summary>
internal sealed class BandedResiduals : IVectorScalarFunction
{
    private readonly double[] c, d, y;

    public BandedResiduals(int residuals, int variables)
    {
        OutputDimension = residuals;
        Dimension = variables;
        c = new double[residuals];
        d = new double[residuals];
        y = new double[residuals];
        var truth = Truth;
        for (int i = 0; i < residuals; i++)
        {
            c[i] = 0.1 + 0.4 * (i * 7 % 11) / 11.0;
            d[i] = 1 + (i * 13 % 17) / 17.0;
            int k = Column(i);
            y[i] = truth[k] * Math.Exp(c[i] * truth[k + 1]) + d[i] * Math.Sin(truth[k + 2]) + 1e-3 * Math.Sin(0.37 * i);
        }
    }

    public int Dimension { get; }
    public int OutputDimension { get; }

    public double[] Truth => Enumerable.Range(0, Dimension).Select(j => 1 + 0.5 * Math.Sin(j)).ToArray();

    private int Column(int i) => i % (Dimension - 2);

    public SparsityPattern Pattern() => SparsityPattern.FromEntries(OutputDimension, Dimension,
        Enumerable.Range(0, OutputDimension).SelectMany(i => new[] { (i, Column(i)), (i, Column(i) + 1), (i, Column(i) + 2) }));

    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < OutputDimension; i++)
        {
            int k = Column(i);
            value[i] = x[k] * T.Exp(T.CreateChecked(c[i]) * x[k + 1]) + T.CreateChecked(d[i]) * T.Sin(x[k + 2]) - T.CreateChecked(y[i]);
        }
    }
}
