using System.Numerics;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Separable;

namespace Optimize.Problems.GradBench;

/// <summary>
/// ADBench's bundle-adjustment residuals (Srajer, Kukelova &amp; Fitzgibbon 2018, §4.2; GradBench's <c>ba</c> eval):
/// for each of p observations of point X by camera c, the reprojection residual w·(π(c, X) − f) (2 entries,
/// <see cref="ReprojectionResidual"/>), then for each observation the weight residual 1 − w² (<see cref="WeightResidual"/>).
/// The variables are the n cameras (11 each), the m points (3 each) and the p weights. As ADBench generates its
/// instances, one camera, point, weight and feature (those of its data files) are replicated, and observation i sees
/// point i mod m from camera i mod n. The Jacobian is sparse, 3p × (11n + 3m + p) with 31p entries, in compressed
/// rows as ADBench stores it: rows 2i and 2i + 1 hold 15 entries (camera, point, weight), row 2p + i one.
/// </summary>
/// <remarks>Safe to share between threads: the methods keep nothing between calls.</remarks>
public sealed class BundleAdjustment : IResidualBlocks
{
    /// <summary>The camera of ADBench's data files: r₁ r₂ r₃ C₁ C₂ C₃ f u₀ v₀ k₁ k₂.</summary>
    private static readonly double[] Camera = [-0.758453, -1.109613, -0.845551, 34.556073, 39.676747, 53.881673, 419.194514, 5.864426, -8.518870, 0.087812, 0.002739];
    private static readonly double[] Point = [7.203245, 0.001144, 3.023326];
    private const double Weight = 0.417022, FeatureX = 271.760969, FeatureY = 834.209256;

    /// <summary>
    /// The sizes (n cameras, m points, p observations) of the twenty instances ADBench and GradBench ship,
    /// ba1 to ba20 (the names of their data files, ba1_n49_m7776_p31843 …).
    /// </summary>
    public static IReadOnlyList<(int Cameras, int Points, int Observations)> GradBenchInstances { get; } =
    [
        (49, 7776, 31843), (21, 11315, 36455), (161, 48126, 182072), (372, 47423, 204472), (257, 65132, 225911),
        (539, 65220, 277273), (93, 61203, 287451), (88, 64298, 383937), (810, 88814, 393775), (1197, 126327, 563734),
        (1723, 156502, 678718), (253, 163691, 899155), (245, 198739, 1091386), (356, 226730, 1255268), (1102, 780462, 4052340),
        (1544, 942409, 4750193), (1778, 993923, 5001946), (1936, 649673, 5213733), (4585, 1324582, 9125125), (13682, 4456117, 2987644),
    ];

    private readonly int[] variables;   // 15 per observation: camera, point, weight

    /// <summary>GradBench's instance ba<paramref name="number"/> (1 is the small one, ba1_n49_m7776_p31843).</summary>
    /// <param name="number">1 to 20.</param>
    public static BundleAdjustment FromGradBench(int number)
    {
        if (number is < 1 or > 20) throw new ArgumentOutOfRangeException(nameof(number), number, "number must be between 1 and 20.");
        var (n, m, p) = GradBenchInstances[number - 1];
        return new BundleAdjustment(n, m, p);
    }

    /// <summary>An instance of n cameras, m points and p observations, generated as ADBench generates it.</summary>
    /// <param name="cameras">n ≥ 1.</param>
    /// <param name="points">m ≥ 1.</param>
    /// <param name="observations">p ≥ 1.</param>
    public BundleAdjustment(int cameras, int points, int observations)
    {
        Guard.Positive(cameras, nameof(cameras));
        Guard.Positive(points, nameof(points));
        Guard.Positive(observations, nameof(observations));
        (Cameras, Points, Observations) = (cameras, points, observations);
        Dimension = 11 * cameras + 3 * points + observations;
        variables = new int[15 * observations];
        for (int i = 0; i < observations; i++)
        {
            int camera = i % cameras, point = i % points;
            for (int j = 0; j < 11; j++) variables[15 * i + j] = 11 * camera + j;
            for (int j = 0; j < 3; j++) variables[15 * i + 11 + j] = 11 * cameras + 3 * point + j;
            variables[15 * i + 14] = WeightIndex(i);
        }
    }

    /// <summary>n, the number of cameras.</summary>
    public int Cameras { get; }
    /// <summary>m, the number of points.</summary>
    public int Points { get; }
    /// <summary>p, the number of observations.</summary>
    public int Observations { get; }
    /// <summary>The number of variables, 11n + 3m + p.</summary>
    public int Dimension { get; }
    /// <summary>The number of residuals, 3p.</summary>
    public int ResidualCountTotal => 3 * Observations;
    /// <summary>The number of stored Jacobian entries, 31p.</summary>
    public int JacobianEntryCount => 31 * Observations;
    /// <summary>2p blocks: the reprojection blocks, then the weight blocks.</summary>
    public int BlockCount => 2 * Observations;

    /// <summary>The replicated camera, point and weight: the point at which ADBench evaluates (a fresh copy).</summary>
    public double[] StartingPoint
    {
        get
        {
            var x = new double[Dimension];
            for (int c = 0; c < Cameras; c++) Camera.CopyTo(x, 11 * c);
            for (int q = 0; q < Points; q++) Point.CopyTo(x, 11 * Cameras + 3 * q);
            Array.Fill(x, Weight, 11 * Cameras + 3 * Points, Observations);
            return x;
        }
    }

    private int WeightIndex(int observation) => 11 * Cameras + 3 * Points + observation;

    /// <inheritdoc/>
    public ReadOnlySpan<int> BlockVariables(int block) =>
        block < Observations ? variables.AsSpan(15 * block, 15) : variables.AsSpan(15 * (block - Observations) + 14, 1);

    /// <inheritdoc/>
    public int ResidualCount(int block) => block < Observations ? 2 : 1;

    /// <summary>The residual of the feature observation <paramref name="observation"/> sees: ADBench replicates one.</summary>
    private static ReprojectionResidual Reprojection(int observation) => new(FeatureX, FeatureY);

    /// <inheritdoc/>
    public void EvaluateBlock<T>(int block, ReadOnlySpan<T> x, Span<T> residuals) where T : IFloatingPointIeee754<T>
    {
        if (block < Observations) Reprojection(block).Evaluate(x, residuals[..2]);
        else residuals[0] = default(WeightResidual).Evaluate(x);
    }

    /// <summary>Row starts of the compressed-row Jacobian (3p + 1 entries, a fresh copy).</summary>
    public int[] JacobianRowStarts()
    {
        var starts = new int[3 * Observations + 1];
        for (int r = 1; r <= 2 * Observations; r++) starts[r] = 15 * r;
        for (int r = 2 * Observations + 1; r <= 3 * Observations; r++) starts[r] = starts[r - 1] + 1;
        return starts;
    }

    /// <summary>Column indices of the compressed-row Jacobian (31p entries, a fresh copy).</summary>
    public int[] JacobianColumns()
    {
        var columns = new int[JacobianEntryCount];
        for (int i = 0; i < Observations; i++)
        {
            variables.AsSpan(15 * i, 15).CopyTo(columns.AsSpan(30 * i));
            variables.AsSpan(15 * i, 15).CopyTo(columns.AsSpan(30 * i + 15));
            columns[30 * Observations + i] = WeightIndex(i);
        }
        return columns;
    }

    private void Check(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(residuals.Length, ResidualCountTotal, nameof(residuals));
        if (jacobian.Length != JacobianEntryCount)
            throw new ArgumentException($"jacobian has length {jacobian.Length}; expected {JacobianEntryCount} (31 per observation).", nameof(jacobian));
    }

    /// <summary>The residuals, by the hand-written projection (one projection per observation for both coordinates).</summary>
    /// <param name="x">The variables.</param>
    /// <param name="residuals">Destination, 3p entries: reprojection residuals (x, y per observation), then weight residuals.</param>
    public void Residuals(ReadOnlySpan<double> x, Span<double> residuals)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(residuals.Length, ResidualCountTotal, nameof(residuals));
        Span<double> v = stackalloc double[15];
        for (int i = 0; i < Observations; i++)
        {
            Gather(x, i, v);
            ReprojectionByHand.Residual(v, FeatureX, FeatureY, residuals.Slice(2 * i, 2), default);
            residuals[2 * Observations + i] = 1 - v[14] * v[14];
        }
    }

    /// <summary>The residuals and the Jacobian's values (in the order of <see cref="JacobianColumns"/>) by the hand-written derivative.</summary>
    /// <param name="x">The variables.</param>
    /// <param name="residuals">Destination for the 3p residuals.</param>
    /// <param name="jacobian">Destination for the 31p Jacobian entries.</param>
    public void JacobianByHand(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian)
    {
        Check(x, residuals, jacobian);
        Span<double> v = stackalloc double[15];
        for (int i = 0; i < Observations; i++)
        {
            Gather(x, i, v);
            ReprojectionByHand.Residual(v, FeatureX, FeatureY, residuals.Slice(2 * i, 2), jacobian.Slice(30 * i, 30));
            WeightRow(v[14], i, residuals, jacobian);
        }
    }

    /// <summary>The residuals and the Jacobian's values by the adjoint code the derivative generator wrote (per block, one forward sweep and a backward sweep per row).</summary>
    /// <param name="x">The variables.</param>
    /// <param name="residuals">Destination for the 3p residuals.</param>
    /// <param name="jacobian">Destination for the 31p Jacobian entries.</param>
    public void JacobianByGeneratedCode(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian)
    {
        Check(x, residuals, jacobian);
        Span<double> v = stackalloc double[15];
        for (int i = 0; i < Observations; i++)
        {
            Gather(x, i, v);
            Reprojection(i).EvaluateJacobian(v, residuals.Slice(2 * i, 2), jacobian.Slice(30 * i, 30));
            residuals[2 * Observations + i] = default(WeightResidual).EvaluateGradient(v[14..], jacobian.Slice(30 * Observations + i, 1));
        }
    }

    /// <summary>
    /// The residuals and the Jacobian's values by forward mode per block: the block evaluated over vector duals with 8
    /// tangents, twice for its 15 variables.
    /// </summary>
    /// <param name="x">The variables.</param>
    /// <param name="residuals">Destination for the 3p residuals.</param>
    /// <param name="jacobian">Destination for the 31p Jacobian entries.</param>
    public void JacobianByForwardMode(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian)
    {
        Check(x, residuals, jacobian);
        Span<double> v = stackalloc double[15];
        Span<DualVector<Chunk8>> duals = stackalloc DualVector<Chunk8>[15];
        Span<DualVector<Chunk8>> outputs = stackalloc DualVector<Chunk8>[2];
        for (int i = 0; i < Observations; i++)
        {
            Gather(x, i, v);
            for (int start = 0; start < 15; start += 8)
            {
                for (int j = 0; j < 15; j++) duals[j] = DualVector<Chunk8>.Seed(v[j], j - start);
                EvaluateBlock<DualVector<Chunk8>>(i, duals, outputs);
                for (int r = 0; r < 2; r++)
                {
                    residuals[2 * i + r] = outputs[r].Value;
                    for (int j = 0; j < 8 && start + j < 15; j++) jacobian[30 * i + 15 * r + start + j] = outputs[r].Tangents[j];
                }
            }
            var w = DualVector<Chunk8>.Seed(v[14], 0);
            var weight = default(WeightResidual).Evaluate(new ReadOnlySpan<DualVector<Chunk8>>(in w));
            residuals[2 * Observations + i] = weight.Value;
            jacobian[30 * Observations + i] = weight.Tangents[0];
        }
    }

    private static void WeightRow(double w, int i, Span<double> residuals, Span<double> jacobian)
    {
        int p = residuals.Length / 3;
        residuals[2 * p + i] = 1 - w * w;
        jacobian[30 * p + i] = -2 * w;
    }

    private void Gather(ReadOnlySpan<double> x, int observation, Span<double> v)
    {
        var indices = variables.AsSpan(15 * observation, 15);
        for (int j = 0; j < 15; j++) v[j] = x[indices[j]];
    }

    /// <inheritdoc/>
    public override string ToString() => $"ba-n{Cameras}-m{Points}-p{Observations} (n = {Dimension}, m = {ResidualCountTotal})";
}
