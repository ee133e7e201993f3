using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff.Forward;

/// <summary>
/// Forward-mode automatic differentiation of functions written once over the generic scalar
/// (Griewank &amp; Walther, <i>Evaluating Derivatives</i>, §3.1). One evaluation on <see cref="Dual{T}"/>
/// gives a JVP; vector-mode duals (<see cref="DualVector{TChunk}"/>) give ⌈n / chunk⌉-pass gradients and
/// Jacobian columns; forward over forward (<c>Dual&lt;DualVector&gt;</c>) gives Hessian-vector products and
/// Hessians for small n.
/// </summary>
public static class ForwardMode
{
    /// <summary>f(x) and the directional derivative ∇f(x)·p in one pass on dual numbers.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The direction, of length n.</param>
    /// <param name="derivative">∇f(x)·p.</param>
    /// <returns>f(x).</returns>
    public static double ValueAndJvp(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> p, out double derivative)
    {
        CheckPoint(f, x);
        Guard.Length(p.Length, x.Length, nameof(p));
        Dual<double>[] buffer = Scratch<Dual<double>>.Rent(x.Length);
        try
        {
            Span<Dual<double>> xs = buffer.AsSpan(0, x.Length);
            Seed(x, p, xs);
            Dual<double> y = f.Evaluate<Dual<double>>(xs);
            derivative = y.Tangent;
            return y.Value;
        }
        finally { Scratch<Dual<double>>.Return(buffer); }
    }

    /// <summary>F(x) and the JVP J(x)·p in one pass on dual numbers.</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The direction, of length n.</param>
    /// <param name="value">Destination of length m for F(x), or empty when F(x) is not needed.</param>
    /// <param name="result">Destination of length m for J·p.</param>
    public static void ValueAndJvp(IVectorScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> value, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Length(p.Length, f.Dimension, nameof(p));
        CheckValue(value, f.OutputDimension);
        Guard.Length(result.Length, f.OutputDimension, nameof(result));
        int n = f.Dimension, m = f.OutputDimension;
        Dual<double>[] buffer = Scratch<Dual<double>>.Rent(n + m);
        try
        {
            Span<Dual<double>> xs = buffer.AsSpan(0, n), ys = buffer.AsSpan(n, m);
            Seed(x, p, xs);
            ys.Clear();
            f.Evaluate<Dual<double>>(xs, ys);
            for (int i = 0; i < m; i++) result[i] = ys[i].Tangent;
            for (int i = 0; i < value.Length; i++) value[i] = ys[i].Value;
        }
        finally { Scratch<Dual<double>>.Return(buffer); }
    }

    /// <summary>f(x) and ∇f(x) by vector-mode duals: ⌈n / <c>TChunk.Length</c>⌉ evaluations.</summary>
    /// <typeparam name="TChunk">The chunk of tangent directions (<see cref="Chunk8"/> is a good default).</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n.</param>
    /// <returns>f(x).</returns>
    public static double ValueAndGradient<TChunk>(IScalarFunction f, ReadOnlySpan<double> x, Span<double> gradient)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        CheckPoint(f, x);
        Guard.Length(gradient.Length, x.Length, nameof(gradient));
        int n = x.Length, k = TChunk.Length;
        if (n == 0) return f.Evaluate(x);
        DualVector<TChunk>[] buffer = Scratch<DualVector<TChunk>>.Rent(n);
        try
        {
            Span<DualVector<TChunk>> xs = buffer.AsSpan(0, n);
            double value = 0;
            for (int start = 0; start < n; start += k)
            {
                for (int i = 0; i < n; i++) xs[i] = DualVector<TChunk>.Seed(x[i], i - start);
                DualVector<TChunk> y = f.Evaluate<DualVector<TChunk>>(xs);
                for (int j = 0; j < k && start + j < n; j++) gradient[start + j] = y.Tangents[j];
                value = y.Value;
            }
            return value;
        }
        finally { Scratch<DualVector<TChunk>>.Return(buffer); }
    }

    /// <summary>The m×n Jacobian by columns: ⌈n / <c>TChunk.Length</c>⌉ evaluations on vector-mode duals.</summary>
    /// <typeparam name="TChunk">The chunk of tangent directions.</typeparam>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="value">Destination of length m for F(x), or empty when F(x) is not needed.</param>
    /// <param name="jacobian">Destination m×n matrix.</param>
    public static void ValueAndJacobian<TChunk>(IVectorScalarFunction f, ReadOnlySpan<double> x, Span<double> value, Matrix<double> jacobian)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        ArgumentNullException.ThrowIfNull(f);
        int n = f.Dimension, m = f.OutputDimension, k = TChunk.Length;
        Guard.Length(x.Length, n, nameof(x));
        CheckValue(value, m);
        Guard.Shape(jacobian, m, n, nameof(jacobian));
        DualVector<TChunk>[] buffer = Scratch<DualVector<TChunk>>.Rent(n + m);
        try
        {
            Span<DualVector<TChunk>> xs = buffer.AsSpan(0, n), ys = buffer.AsSpan(n, m);
            for (int start = 0; start < n || start == 0; start += k)
            {
                for (int i = 0; i < n; i++) xs[i] = DualVector<TChunk>.Seed(x[i], i - start);
                ys.Clear();
                f.Evaluate<DualVector<TChunk>>(xs, ys);
                for (int r = 0; r < m; r++)
                    for (int j = 0; j < k && start + j < n; j++) jacobian[r, start + j] = ys[r].Tangents[j];
                for (int r = 0; r < value.Length; r++) value[r] = ys[r].Value;
                if (n == 0) break;
            }
        }
        finally { Scratch<DualVector<TChunk>>.Return(buffer); }
    }

    /// <summary>
    /// ∇²f(x)·v by forward over forward: ⌈n / <c>TChunk.Length</c>⌉ evaluations on
    /// <c>Dual&lt;DualVector&lt;TChunk&gt;&gt;</c>, the outer tangent seeded with v, the inner chunk with unit vectors.
    /// </summary>
    /// <typeparam name="TChunk">The chunk of tangent directions.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    public static void HessianVector<TChunk>(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        CheckPoint(f, x);
        Guard.Length(v.Length, x.Length, nameof(v));
        Guard.Length(result.Length, x.Length, nameof(result));
        int n = x.Length, k = TChunk.Length;
        Dual<DualVector<TChunk>>[] buffer = Scratch<Dual<DualVector<TChunk>>>.Rent(n);
        try
        {
            Span<Dual<DualVector<TChunk>>> xs = buffer.AsSpan(0, n);
            for (int start = 0; start < n; start += k)
            {
                for (int i = 0; i < n; i++)
                    xs[i] = new(DualVector<TChunk>.Seed(x[i], i - start), DualVector<TChunk>.Constant(v[i]));
                Dual<DualVector<TChunk>> y = f.Evaluate<Dual<DualVector<TChunk>>>(xs);
                for (int j = 0; j < k && start + j < n; j++) result[start + j] = y.Tangent.Tangents[j];
            }
        }
        finally { Scratch<Dual<DualVector<TChunk>>>.Return(buffer); }
    }

    /// <summary>
    /// The full Hessian by forward over forward: n·⌈n / <c>TChunk.Length</c>⌉ evaluations (row i seeds the
    /// outer tangent with eᵢ). Meant for small n.
    /// </summary>
    /// <typeparam name="TChunk">The chunk of tangent directions.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination n×n matrix.</param>
    public static void Hessian<TChunk>(IScalarFunction f, ReadOnlySpan<double> x, Matrix<double> hessian)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        CheckPoint(f, x);
        int n = x.Length;
        Guard.Shape(hessian, n, n, nameof(hessian));
        double[] unit = new double[n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++)
        {
            // n products take long at large n: stop, with NaN and a reported failure, when the caller cancels.
            if (EvaluationCancellation.AbandonIfRequested(hessian)) return;
            unit[i] = 1;
            HessianVector<TChunk>(f, x, unit, row);
            unit[i] = 0;
            for (int j = 0; j < n; j++) hessian[i, j] = row[j];
        }
    }

    /// <summary>
    /// Seeds dual numbers with a point and a direction, dualsᵢ = xᵢ + pᵢ·ε: the input of a JVP. On x86 with AVX
    /// four pairs are interleaved per step (two loads, two unpacks, two lane permutes, two stores), the rest
    /// one by one; the array of duals is then read by f, so this is the only pass over x and p.
    /// </summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The direction, of length n.</param>
    /// <param name="duals">Destination of length n.</param>
    public static void Seed(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<Dual<double>> duals)
    {
        Guard.Length(p.Length, x.Length, nameof(p));
        Guard.Length(duals.Length, x.Length, nameof(duals));
        int n = x.Length, i = 0;
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ps = ref MemoryMarshal.GetReference(p);
        // Dual<double> is two doubles, value then tangent, with no padding.
        ref double pairs = ref Unsafe.As<Dual<double>, double>(ref MemoryMarshal.GetReference(duals));
        if (Avx.IsSupported)
        {
            for (; i <= n - 4; i += 4)
            {
                Vector256<double> value = Vector256.LoadUnsafe(ref xs, (nuint)i), tangent = Vector256.LoadUnsafe(ref ps, (nuint)i);
                Vector256<double> even = Avx.UnpackLow(value, tangent), odd = Avx.UnpackHigh(value, tangent);
                Avx.Permute2x128(even, odd, 0x20).StoreUnsafe(ref pairs, (nuint)(2 * i));
                Avx.Permute2x128(even, odd, 0x31).StoreUnsafe(ref pairs, (nuint)(2 * i + 4));
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref pairs, 2 * i) = Unsafe.Add(ref xs, i);
            Unsafe.Add(ref pairs, 2 * i + 1) = Unsafe.Add(ref ps, i);
        }
    }

    /// <summary>F(x) is written only where the caller asks for it: length m, or empty.</summary>
    internal static void CheckValue(Span<double> value, int outputDimension)
    {
        if (value.Length != 0) Guard.Length(value.Length, outputDimension, nameof(value));
    }

    private static void CheckPoint(IScalarFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
    }
}
