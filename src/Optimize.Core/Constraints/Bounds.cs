using System.Globalization;

namespace Optimize.Constraints;

/// <summary>
/// Simple bounds lᵢ ≤ xᵢ ≤ uᵢ on every variable (±∞ allowed), the feasible set of bound-constrained methods
/// (L-BFGS-B, projected Newton, bounded least squares). Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// The stationarity measure of a bound-constrained problem is the projected gradient
/// x − P(x − ∇f(x)), P the projection onto the box (Conn, Gould &amp; Toint 1988; Byrd, Lu, Nocedal &amp; Zhu 1995,
/// eq. 6.1: L-BFGS-B stops when its ∞-norm is small). It equals ∇f at interior points and vanishes exactly at the
/// points satisfying the first-order (KKT) conditions.
/// </remarks>
/// <example>
/// <code>
/// var box = Bounds.Create(lower: [0, 0], upper: [1, double.PositiveInfinity]);
/// double[] x = [-0.5, 3];
/// box.Project(x);                       // x = [0, 3]
/// </code>
/// </example>
public sealed class Bounds
{
    private readonly double[] lower;
    private readonly double[] upper;

    private Bounds(double[] lower, double[] upper)
    {
        this.lower = lower;
        this.upper = upper;
    }

    /// <summary>
    /// Bounds from per-variable lower and upper limits. −∞ in <paramref name="lower"/> or +∞ in
    /// <paramref name="upper"/> leaves that side open; equal limits fix a variable.
    /// </summary>
    /// <param name="lower">lᵢ: a number or −∞ (never NaN or +∞).</param>
    /// <param name="upper">uᵢ: a number or +∞ (never NaN or −∞), of the same length as <paramref name="lower"/>.</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ or are zero, a bound is NaN or infinite on the wrong side, or some lᵢ &gt; uᵢ.
    /// </exception>
    public static Bounds Create(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        if (lower.Length == 0) throw new ArgumentException("lower is empty; expected one bound per variable.", nameof(lower));
        Guard.Length(upper.Length, lower.Length, nameof(upper));
        for (int i = 0; i < lower.Length; i++)
        {
            if (double.IsNaN(lower[i]) || double.IsPositiveInfinity(lower[i]))
                throw new ArgumentException(Invariant($"lower[{i}] is {lower[i]}; expected a number or -∞."), nameof(lower));
            if (double.IsNaN(upper[i]) || double.IsNegativeInfinity(upper[i]))
                throw new ArgumentException(Invariant($"upper[{i}] is {upper[i]}; expected a number or +∞."), nameof(upper));
            if (lower[i] > upper[i])
                throw new ArgumentException(
                    Invariant($"lower[{i}] = {lower[i]} exceeds upper[{i}] = {upper[i]}; expected lower ≤ upper."), nameof(lower));
        }
        return new Bounds(lower.ToArray(), upper.ToArray());
    }

    /// <summary>The same bounds <paramref name="lower"/> ≤ xᵢ ≤ <paramref name="upper"/> on each of <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">The number of variables, at least 1.</param>
    /// <param name="lower">The common lower bound (a number or −∞).</param>
    /// <param name="upper">The common upper bound (a number or +∞).</param>
    /// <exception cref="ArgumentException">As <see cref="Create"/>.</exception>
    public static Bounds Box(int dimension, double lower, double upper)
    {
        Guard.Positive(dimension, nameof(dimension));
        return Create(Enumerable.Repeat(lower, dimension).ToArray(), Enumerable.Repeat(upper, dimension).ToArray());
    }

    /// <summary>No bounds on any of <paramref name="dimension"/> variables (every lᵢ = −∞, uᵢ = +∞).</summary>
    /// <param name="dimension">The number of variables, at least 1.</param>
    public static Bounds Unbounded(int dimension) => Box(dimension, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The number of variables.</summary>
    public int Dimension => lower.Length;

    /// <summary>The lower bounds lᵢ.</summary>
    public ReadOnlySpan<double> Lower => lower;

    /// <summary>The upper bounds uᵢ.</summary>
    public ReadOnlySpan<double> Upper => upper;

    /// <summary>Whether no variable has a finite bound.</summary>
    public bool IsUnbounded
    {
        get
        {
            for (int i = 0; i < lower.Length; i++)
                if (double.IsFinite(lower[i]) || double.IsFinite(upper[i])) return false;
            return true;
        }
    }

    /// <summary>Throws unless <paramref name="length"/> equals <see cref="Dimension"/>.</summary>
    /// <param name="length">The length of the vector the bounds apply to.</param>
    /// <param name="argument">The vector's argument name, for the message.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void CheckDimension(int length, string argument)
    {
        if (length != lower.Length)
            throw new ArgumentException(
                Invariant($"{argument} has length {length} but the bounds have {lower.Length} variables; expected equal lengths."), argument);
    }

    /// <summary>Whether lᵢ ≤ xᵢ ≤ uᵢ for every i.</summary>
    /// <param name="x">A point of length <see cref="Dimension"/>.</param>
    public bool Contains(ReadOnlySpan<double> x)
    {
        CheckDimension(x.Length, nameof(x));
        for (int i = 0; i < x.Length; i++)
            if (!(x[i] >= lower[i] && x[i] <= upper[i])) return false;
        return true;
    }

    /// <summary>Projects <paramref name="x"/> onto the box in place, xᵢ ← min(max(xᵢ, lᵢ), uᵢ).</summary>
    /// <param name="x">A point of length <see cref="Dimension"/>.</param>
    /// <returns>The number of entries that moved.</returns>
    public int Project(Span<double> x)
    {
        CheckDimension(x.Length, nameof(x));
        int moved = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double p = Math.Clamp(x[i], lower[i], upper[i]);
            if (p != x[i]) { x[i] = p; moved++; }
        }
        return moved;
    }

    /// <summary>
    /// The projected gradient x − P(x − g): gᵢ where xᵢ is free to move against gᵢ, else the part of gᵢ that the
    /// bound does not block (zero at a bound the gradient pushes against).
    /// </summary>
    /// <param name="x">A feasible point.</param>
    /// <param name="gradient">∇f(x).</param>
    /// <param name="result">The projected gradient (length <see cref="Dimension"/>).</param>
    public void ProjectedGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, Span<double> result)
    {
        CheckDimension(x.Length, nameof(x));
        CheckDimension(gradient.Length, nameof(gradient));
        CheckDimension(result.Length, nameof(result));
        for (int i = 0; i < x.Length; i++)
            result[i] = x[i] - Math.Clamp(x[i] - gradient[i], lower[i], upper[i]);
    }

    /// <summary>‖x − P(x − g)‖∞, the stationarity measure L-BFGS-B tests against <c>pgtol</c>.</summary>
    /// <param name="x">A feasible point.</param>
    /// <param name="gradient">∇f(x).</param>
    public double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient)
    {
        CheckDimension(x.Length, nameof(x));
        CheckDimension(gradient.Length, nameof(gradient));
        double norm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double p = x[i] - Math.Clamp(x[i] - gradient[i], lower[i], upper[i]);
            if (double.IsNaN(p)) return double.NaN;
            norm = Math.Max(norm, Math.Abs(p));
        }
        return norm;
    }

    /// <summary>Where variable <paramref name="index"/> of <paramref name="x"/> stands against its bounds.</summary>
    /// <param name="x">A feasible point.</param>
    /// <param name="index">The variable.</param>
    public BoundState StateOf(ReadOnlySpan<double> x, int index)
    {
        CheckDimension(x.Length, nameof(x));
        if ((uint)index >= (uint)x.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, Invariant($"index must be in [0, {x.Length})."));
        if (lower[index] == upper[index]) return BoundState.Fixed;
        if (x[index] <= lower[index]) return BoundState.AtLower;
        if (x[index] >= upper[index]) return BoundState.AtUpper;
        return BoundState.Free;
    }

    /// <summary>The indices of the variables at a bound (or fixed) at <paramref name="x"/>, in increasing order.</summary>
    /// <param name="x">A feasible point.</param>
    public int[] ActiveSet(ReadOnlySpan<double> x)
    {
        CheckDimension(x.Length, nameof(x));
        var active = new List<int>();
        for (int i = 0; i < x.Length; i++)
            if (StateOf(x, i) != BoundState.Free) active.Add(i);
        return [.. active];
    }

    /// <summary>The bounds as "[l₀, u₀] × [l₁, u₁] × …" (at most six variables shown).</summary>
    public override string ToString()
    {
        const int shown = 6;
        var parts = Enumerable.Range(0, Math.Min(shown, lower.Length)).Select(i => Invariant($"[{lower[i]}, {upper[i]}]"));
        return string.Join(" × ", parts) + (lower.Length > shown ? Invariant($" × … ({lower.Length - shown} more)") : "");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
