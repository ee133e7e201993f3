using System.Numerics;
using MathNet.Numerics;
using Optimize.Oracles;

namespace Optimize.Problems.GradBench;

/// <summary>
/// The log posterior of a Gaussian mixture model with a Wishart prior on its precision matrices, exactly as
/// GradBench's <c>gmm</c> eval defines it (ADBench's GMM objective, Srajer, Kukelova &amp; Fitzgibbon 2018, §4.1,
/// with GradBench's three corrections: the sign of the likelihood, the transposed precision matrices, and the prior
/// over the precision matrices rather than the covariances):
/// F = −N(D/2·log 2π + lse(α)) + Σᵢ lse(βᵢ) + K(n′D·log(γ/√2) − log Γ_D(n′/2)) − γ²/2·Σₖ‖Qₖ‖²_F + m·Σₖ Σⱼ qₖⱼ,
/// with βᵢₖ = αₖ + Σⱼ qₖⱼ − ½‖Qₖ(xᵢ − μₖ)‖², n′ = D + m + 1, lse the log-sum-exp, and Qₖ lower triangular with
/// diagonal exp(qₖ) and strictly lower part lₖ filled column by column.
/// </summary>
/// <remarks>
/// The variables are packed in one vector: α (K), then μ (K×D, row-major), q (K×D), l (K×D(D−1)/2). The data are
/// drawn as GradBench's generator draws them, in its order and from its distributions (xᵢ standard normal, α
/// standard normal, μ uniform on [0, 1), q and l standard normal), from a seed; the numbers differ from GradBench's
/// because NumPy's generator is not reproduced (a Box–Muller transform over <see cref="Random"/> draws them).
/// F is GradBench's value as it stands, to be maximized: a minimizer takes −F. <see cref="ValueAndGradient"/> is the
/// hand-written ("manual") gradient; <see cref="Evaluate{T}"/> is written once over the scalar type, and the
/// derivative generator writes its adjoint code. Safe to share between threads.
/// </remarks>
public sealed partial class GaussianMixture : IScalarFunction, IGradientObjective
{
    private readonly double[] data;     // N × D, row-major
    private readonly double[] start;
    private readonly int lowerSize;
    private readonly int[] lowerIndex; // D × D: where entry (r, j), j < r, of Qₖ's strictly lower part sits in lₖ
    private readonly double constant;   // the terms of F that depend on no variable

    /// <summary>The data dimensions GradBench's <c>gmm</c> eval runs by default (it lists 128 as well).</summary>
    public static IReadOnlyList<int> GradBenchDimensions { get; } = [2, 10, 20, 32, 64];

    /// <summary>The numbers of components GradBench's <c>gmm</c> eval runs by default (it lists 200 as well).</summary>
    public static IReadOnlyList<int> GradBenchComponents { get; } = [5, 10, 25, 50, 100];

    /// <summary>GradBench's default seed.</summary>
    public const int GradBenchSeed = 31337;

    /// <summary>Creates an instance with seeded data and a seeded starting point.</summary>
    /// <param name="dimension">D, the dimension of the data, at least 1.</param>
    /// <param name="components">K, the number of mixture components, at least 1.</param>
    /// <param name="points">N, the number of data points, at least 1 (GradBench: 1000; ADBench also 10000).</param>
    /// <param name="seed">The seed of the data and the start.</param>
    /// <param name="extraDegreesOfFreedom">m ≥ 0, the Wishart prior's additional degrees of freedom (GradBench: 0).</param>
    /// <param name="gamma">γ &gt; 0, the Wishart prior's precision (GradBench: 1).</param>
    public GaussianMixture(int dimension, int components, int points = 1000, int seed = GradBenchSeed, int extraDegreesOfFreedom = 0, double gamma = 1)
    {
        Guard.Positive(dimension, nameof(dimension));
        Guard.Positive(components, nameof(components));
        Guard.Positive(points, nameof(points));
        if (extraDegreesOfFreedom < 0)
            throw new ArgumentOutOfRangeException(nameof(extraDegreesOfFreedom), extraDegreesOfFreedom, "extraDegreesOfFreedom must be at least 0.");
        if (!(gamma > 0) || double.IsInfinity(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be positive and finite.");
        (DataDimension, Components, Points, ExtraDegreesOfFreedom, Gamma) = (dimension, components, points, extraDegreesOfFreedom, gamma);
        lowerSize = dimension * (dimension - 1) / 2;
        // l is filled column by column: entry (r, j) at j(2D − j − 1)/2 + r − j − 1.
        lowerIndex = new int[dimension * dimension];
        for (int r = 0; r < dimension; r++)
            for (int j = 0; j < r; j++) lowerIndex[r * dimension + j] = j * (2 * dimension - j - 1) / 2 + r - j - 1;
        Dimension = components * (1 + 2 * dimension + lowerSize);
        var random = new Random(seed);
        data = SeededData.Normal(random, points * dimension);
        start = new double[Dimension];
        SeededData.Normal(random, components).CopyTo(start, 0);
        for (int i = 0; i < components * dimension; i++) start[components + i] = random.NextDouble();
        SeededData.Normal(random, components * dimension).CopyTo(start, QOffset);
        SeededData.Normal(random, components * lowerSize).CopyTo(start, LOffset);
        int degrees = dimension + extraDegreesOfFreedom + 1;
        double logGammaD = 0.25 * dimension * (dimension - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= dimension; j++) logGammaD += SpecialFunctions.GammaLn(0.5 * degrees + 0.5 * (1 - j));
        constant = -0.5 * points * dimension * Math.Log(2 * Math.PI)
            + components * (degrees * dimension * Math.Log(gamma / Math.Sqrt(2)) - logGammaD);
    }

    /// <summary>D, the dimension of the data.</summary>
    public int DataDimension { get; }
    /// <summary>K, the number of components.</summary>
    public int Components { get; }
    /// <summary>N, the number of data points.</summary>
    public int Points { get; }
    /// <summary>m, the Wishart prior's additional degrees of freedom.</summary>
    public int ExtraDegreesOfFreedom { get; }
    /// <summary>γ, the Wishart prior's precision.</summary>
    public double Gamma { get; }
    /// <summary>The number of variables, K(1 + 2D + D(D−1)/2).</summary>
    public int Dimension { get; }
    /// <summary>Where μ starts in the packed vector (K).</summary>
    public int MuOffset => Components;
    /// <summary>Where q starts in the packed vector (K + KD).</summary>
    public int QOffset => Components * (1 + DataDimension);
    /// <summary>Where l starts in the packed vector (K + 2KD).</summary>
    public int LOffset => Components * (1 + 2 * DataDimension);
    /// <summary>The data points, N × D, row-major (a copy).</summary>
    public double[] Data => (double[])data.Clone();
    /// <summary>The seeded parameters (α, μ, q, l), packed (a fresh copy on each call).</summary>
    public double[] StartingPoint => (double[])start.Clone();
    /// <summary>The terms of F that depend on no variable: −ND/2·log 2π + K(n′D·log(γ/√2) − log Γ_D(n′/2)).</summary>
    internal double ConstantTerm => constant;
    /// <summary>D(D−1)/2, the length of each lₖ.</summary>
    internal int LowerSize => lowerSize;
    /// <summary>The data without a copy, for the tensor version.</summary>
    internal double[] DataArray => data;
    /// <summary>The instance's name, <c>gmm-D-K-N</c>, as GradBench describes its runs.</summary>
    public string Name => $"gmm-{DataDimension}-{Components}-{Points}";

    /// <summary>F, the log posterior, over any scalar type (written once; the derivative generator differentiates it).</summary>
    /// <remarks>
    /// Qₖ(xᵢ − μₖ) is formed as Qₖxᵢ − Qₖμₖ, with Qₖ stored row by row (diagonal included) and Qₖμₖ computed once per
    /// call: the data term's inner loop then multiplies a variable by a data value. Its adjoint adds one product into
    /// one entry per step (into Q̄ₖ), where the adjoint of Qₖ(xᵢ − μₖ) would add two, and nothing is formed per point
    /// and component but the rows' sums. The terms exp(βᵢₖ − max β) of the log-sum-exp are held in a local and kept
    /// in β, so that the adjoint code reads them instead of evaluating exp again.
    /// </remarks>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="p">The packed parameters (α, μ, q, l).</param>
    [GenerateDerivatives]
    public T Evaluate<T>(ReadOnlySpan<T> p) where T : IFloatingPointIeee754<T>
    {
        int d = DataDimension, k = Components, lsize = lowerSize, qAt = QOffset, triangle = d * (d + 1) / 2;
        double[] points = data;
        T half = T.CreateChecked(0.5);
        var diagonal = new T[k * d];
        var offset = new T[k];
        T frobenius = T.Zero, logDeterminants = T.Zero;
        for (int c = 0; c < k; c++)
        {
            T s = T.Zero;
            for (int j = 0; j < d; j++)
            {
                T e = T.Exp(p[qAt + c * d + j]);
                diagonal[c * d + j] = e;
                frobenius += e * e;
                s += p[qAt + c * d + j];
            }
            for (int j = 0; j < lsize; j++) frobenius += p[LOffset + c * lsize + j] * p[LOffset + c * lsize + j];
            offset[c] = p[c] + s;
            logDeterminants += s;
        }
        // Qₖ row by row: entry (r, j ≤ r) at k·D(D+1)/2 + r(r+1)/2 + j; then shift = Qₖμₖ.
        var q = new T[k * triangle];
        for (int c = 0; c < k; c++)
            for (int r = 0; r < d; r++)
            {
                for (int j = 0; j < r; j++) q[c * triangle + r * (r + 1) / 2 + j] = p[LOffset + c * lsize + lowerIndex[r * d + j]];
                q[c * triangle + r * (r + 1) / 2 + r] = diagonal[c * d + r];
            }
        var shift = new T[k * d];
        for (int c = 0; c < k; c++)
            for (int r = 0; r < d; r++)
            {
                T s = T.Zero;
                for (int j = 0; j <= r; j++) s += q[c * triangle + r * (r + 1) / 2 + j] * p[Components + c * d + j];
                shift[c * d + r] = s;
            }
        T largestAlpha = p[0];
        for (int c = 1; c < k; c++) largestAlpha = T.Max(largestAlpha, p[c]);
        T alphaSum = T.Zero;
        for (int c = 0; c < k; c++) alphaSum += T.Exp(p[c] - largestAlpha);
        T gammaSquared = T.CreateChecked(Gamma * Gamma), m = T.CreateChecked(ExtraDegreesOfFreedom), n = T.CreateChecked(Points);
        // The data term comes last and accumulates into F itself: the adjoint code then runs it once, forward and back
        // per point, and its per-point scratch β stays small.
        T likelihood = T.CreateChecked(constant) - n * (largestAlpha + T.Log(alphaSum)) - half * gammaSquared * frobenius + m * logDeterminants;
        for (int i = 0; i < Points; i++)
        {
            var beta = new T[k];
            int point = i * d;
            for (int c = 0; c < k; c++)
            {
                // ‖Qₖ(xᵢ − μₖ)‖², row by row: yᵣ = Σⱼ₍≤ᵣ₎ Qₖ(r, j)xᵢⱼ − (Qₖμₖ)ᵣ.
                T squares = T.Zero;
                for (int r = 0; r < d; r++)
                {
                    int row = c * triangle + r * (r + 1) / 2;
                    T y = -shift[c * d + r];
                    for (int j = 0; j <= r; j++) y += q[row + j] * T.CreateChecked(points[point + j]);
                    squares += y * y;
                }
                beta[c] = offset[c] - half * squares;
            }
            T largest = beta[0];
            for (int c = 1; c < k; c++) largest = T.Max(largest, beta[c]);
            T sum = T.Zero;
            for (int c = 0; c < k; c++)
            {
                T e = T.Exp(beta[c] - largest);
                beta[c] = e;
                sum += e;
            }
            likelihood += largest + T.Log(sum);
        }
        return likelihood;
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        return Evaluate(x);
    }

    /// <summary>
    /// F and its gradient by hand (the "manual" derivative of ADBench and GradBench): per point, the weights
    /// wₖ = exp(βᵢₖ − lse(βᵢ)) multiply ∂βᵢₖ/∂θ, with ∂β/∂μ = Qᵀy, ∂β/∂qᵣ = 1 − yᵣ·exp(qᵣ)·(x − μ)ᵣ and
    /// ∂β/∂l₍ᵣ,ⱼ₎ = −yᵣ(x − μ)ⱼ for y = Q(x − μ).
    /// </summary>
    /// <param name="x">The packed parameters.</param>
    /// <param name="gradient">Destination for ∇F.</param>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        int d = DataDimension, k = Components, lsize = lowerSize;
        gradient.Clear();
        ReadOnlySpan<double> alpha = x[..k], mu = x.Slice(MuOffset, k * d), q = x.Slice(QOffset, k * d), l = x.Slice(LOffset, k * lsize);
        Span<double> gMu = gradient.Slice(MuOffset, k * d), gQ = gradient.Slice(QOffset, k * d), gL = gradient.Slice(LOffset, k * lsize);
        var diagonal = new double[k * d];
        var sumQ = new double[k];
        var beta = new double[k];
        var centered = new double[k * d];
        var y = new double[k * d];
        var weightSums = new double[k];
        double gammaSquared = Gamma * Gamma, frobenius = 0, logDeterminants = 0;
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d; j++)
            {
                diagonal[c * d + j] = Math.Exp(q[c * d + j]);
                frobenius += diagonal[c * d + j] * diagonal[c * d + j];
                sumQ[c] += q[c * d + j];
            }
            for (int j = 0; j < lsize; j++) frobenius += l[c * lsize + j] * l[c * lsize + j];
            logDeterminants += sumQ[c];
        }
        double likelihood = 0;
        for (int i = 0; i < Points; i++)
        {
            var point = data.AsSpan(i * d, d);
            double largest = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                Span<double> xc = centered.AsSpan(c * d, d), yc = y.AsSpan(c * d, d);
                for (int j = 0; j < d; j++) { xc[j] = point[j] - mu[c * d + j]; yc[j] = diagonal[c * d + j] * xc[j]; }
                // Column by column through l, as l is stored.
                int index = c * lsize;
                for (int j = 0; j < d; j++)
                    for (int r = j + 1; r < d; r++) yc[r] += l[index++] * xc[j];
                double squares = 0;
                for (int r = 0; r < d; r++) squares += yc[r] * yc[r];
                beta[c] = alpha[c] + sumQ[c] - 0.5 * squares;
                largest = Math.Max(largest, beta[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) { beta[c] = Math.Exp(beta[c] - largest); sum += beta[c]; }
            likelihood += largest + Math.Log(sum);
            for (int c = 0; c < k; c++)
            {
                double w = beta[c] / sum;
                weightSums[c] += w;
                Span<double> xc = centered.AsSpan(c * d, d), yc = y.AsSpan(c * d, d);
                // ∂β/∂μ = Qᵀy: the diagonal part and, column by column, the strictly lower part.
                int index = c * lsize;
                for (int j = 0; j < d; j++)
                {
                    double qty = diagonal[c * d + j] * yc[j];
                    gQ[c * d + j] -= w * qty * xc[j];
                    for (int r = j + 1; r < d; r++, index++)
                    {
                        qty += l[index] * yc[r];
                        gL[index] -= w * yc[r] * xc[j];
                    }
                    gMu[c * d + j] += w * qty;
                }
            }
        }
        double largestAlpha = double.NegativeInfinity;
        for (int c = 0; c < k; c++) largestAlpha = Math.Max(largestAlpha, alpha[c]);
        double alphaSum = 0;
        for (int c = 0; c < k; c++) alphaSum += Math.Exp(alpha[c] - largestAlpha);
        double logAlphaSum = largestAlpha + Math.Log(alphaSum);
        for (int c = 0; c < k; c++)
        {
            gradient[c] = weightSums[c] - Points * Math.Exp(alpha[c] - logAlphaSum);
            for (int j = 0; j < d; j++)
                gQ[c * d + j] += weightSums[c] - gammaSquared * diagonal[c * d + j] * diagonal[c * d + j] + ExtraDegreesOfFreedom;
            for (int j = 0; j < lsize; j++) gL[c * lsize + j] -= gammaSquared * l[c * lsize + j];
        }
        return constant + likelihood - Points * logAlphaSum - 0.5 * gammaSquared * frobenius + ExtraDegreesOfFreedom * logDeterminants;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (n = {Dimension})";
}
