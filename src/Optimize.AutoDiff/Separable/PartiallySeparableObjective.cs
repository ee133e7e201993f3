using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff.Separable;

/// <summary>
/// The whole objective contract for a partially separable f(x) = Σₖ fₖ(x_{Sₖ}), differentiated term by
/// term with forward-mode vector duals sized to the term (a two-tangent dual with its value broadcast beside
/// the tangents up to 2 variables, <see cref="Chunk4"/> up to 4, <see cref="Chunk8"/> beyond, in ⌈|Sₖ|/8⌉
/// passes): local gradients, local Hessian-vector products and local Hessians (forward over forward on the
/// small term) are scattered into the global ones. No tape is involved, so the cost stays a small multiple of
/// f's (Griewank &amp; Walther, <i>Evaluating Derivatives</i>, §11.2, partial separability; Ceres Solver's
/// per-residual-block Jets).
/// </summary>
/// <remarks>
/// Per term the work is the term itself plus a gather of its variables into a few stack slots (none when it
/// reads consecutive variables and only the value is wanted) and a scatter of its partials (stores instead of
/// additions when the terms partition the variables, see <see cref="TermsPartitionVariables"/>).
/// </remarks>
/// <typeparam name="TFunction">The function type; a struct gets direct, inlined per-term calls.</typeparam>
[SkipLocalsInit]
public sealed class PartiallySeparableObjective<TFunction> : IHessianObjective, IScalarFunction
    where TFunction : IPartiallySeparableFunction
{
    private TFunction function;

    /// <summary>Whether every term reads a run of consecutive variables in order, so its locals are a slice of x.</summary>
    private readonly bool termsAreContiguous;

    /// <summary>Wraps <paramref name="function"/>, checking every term's variable indices.</summary>
    /// <param name="function">The sum of terms.</param>
    public PartiallySeparableObjective(TFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        this.function = function;
        int n = function.Dimension, terms = function.TermCount;
        if (n < 0) throw new ArgumentException($"function.Dimension is {n}; expected at least 0.", nameof(function));
        var read = new bool[n];
        bool once = true, contiguous = true;
        int distinct = 0;
        for (int k = 0; k < terms; k++)
        {
            ReadOnlySpan<int> variables = function.TermVariables(k);
            MaxTermArity = Math.Max(MaxTermArity, variables.Length);
            foreach (int index in variables)
            {
                if ((uint)index >= (uint)n)
                    throw new ArgumentException($"Term {k} reads variable {index}; expected indices in [0, {n}).", nameof(function));
                if (read[index]) once = false;
                else { read[index] = true; distinct++; }
            }
            for (int i = 1; i < variables.Length; i++)
                if (variables[i] != variables[0] + i) contiguous = false;
        }
        TermsPartitionVariables = once && distinct == n;
        termsAreContiguous = contiguous;
    }

    /// <inheritdoc cref="IObjective.Dimension"/>
    public int Dimension => function.Dimension;

    /// <summary>The number of terms.</summary>
    public int TermCount => function.TermCount;

    /// <summary>The largest number of variables a term reads.</summary>
    public int MaxTermArity { get; }

    /// <summary>
    /// Whether every variable is read exactly once, by one term (the terms partition the variables, as in the
    /// extended Rosenbrock function): then each gradient or Hv entry is written once instead of accumulated
    /// into a cleared array.
    /// </summary>
    public bool TermsPartitionVariables { get; }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        return Evaluate(x);
    }

    /// <summary>Σₖ fₖ(x_{Sₖ}) over any scalar type, so the sum also feeds the generic providers.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The point, of length n.</param>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        if (termsAreContiguous) return EvaluateContiguousTerms(x);
        // The term's locals on the stack, or in a reused array when some term is wider than the stack buffer.
        T[]? rented = MaxTermArity > TermBuffer<T>.Length ? Scratch<T>.Rent(MaxTermArity) : null;
        Unsafe.SkipInit(out TermBuffer<T> buffer);
        Span<T> scratch = rented is null ? buffer : rented;
        T sum = T.Zero;
        TFunction terms = function;
        int count = terms.TermCount;
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<int> variables = terms.TermVariables(k);
            Span<T> local = scratch[..variables.Length];
            if (local.Length == 2)
            {
                local[0] = x[variables[0]];
                local[1] = x[variables[1]];
            }
            else for (int i = 0; i < local.Length; i++) local[i] = x[variables[i]];
            sum += terms.EvaluateTerm(k, (ReadOnlySpan<T>)local);
        }
        if (rented is not null) Scratch<T>.Return(rented);
        return sum;
    }

    /// <summary>The sum when every term reads consecutive variables: each term sees its slice of x, nothing is copied.</summary>
    private T EvaluateContiguousTerms<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        TFunction terms = function;
        int count = terms.TermCount;
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<int> variables = terms.TermVariables(k);
            sum += terms.EvaluateTerm(k, variables.IsEmpty ? [] : x.Slice(variables[0], variables.Length));
        }
        return sum;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        // Terms of at most two variables (the common case: pairs, differences, penalties) get a loop of their own
        // whose seeds are constants and whose only per-term work is the gather, the term and the scatter.
        if (MaxTermArity <= 2 && TermsPartitionVariables) return PairTermsGradient<Assign>(x, gradient);
        gradient.Clear();
        if (MaxTermArity <= 2) return PairTermsGradient<Accumulate>(x, gradient);
        double sum = 0;
        TermPair<PairTangentDual> pairs = PairTangentDual.Seeds();
        int terms = function.TermCount;
        for (int k = 0; k < terms; k++)
        {
            ReadOnlySpan<int> variables = function.TermVariables(k);
            int arity = variables.Length;
            if (arity <= 2) sum += PairTermGradient<Accumulate>(ref function, ref pairs, k, variables, x, gradient);
            else if (arity <= 4) sum += TermGradient<Chunk4>(k, variables, x, gradient);
            else if (arity <= 8) sum += TermGradient<Chunk8>(k, variables, x, gradient);
            else sum += TermGradientInPasses(k, variables, x, gradient);
        }
        return sum;
    }

    /// <summary>The gradient loop when every term reads at most two variables: one <see cref="Chunk2"/> pass per term.</summary>
    private double PairTermsGradient<TScatter>(ReadOnlySpan<double> x, Span<double> gradient) where TScatter : IScatter
    {
        double sum = 0;
        TFunction terms = function;
        int count = terms.TermCount;
        TermPair<PairTangentDual> local = PairTangentDual.Seeds();
        for (int k = 0; k < count; k++) sum += PairTermGradient<TScatter>(ref terms, ref local, k, terms.TermVariables(k), x, gradient);
        return sum;
    }

    /// <summary>Adds ∇fₖ of a term of at most two variables into <paramref name="gradient"/> and returns fₖ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PairTermGradient<TScatter>(ref TFunction function, ref TermPair<PairTangentDual> local, int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, Span<double> gradient)
        where TScatter : IScatter
    {
        PairTangentDual y;
        if (variables.Length == 2)
        {
            int first = variables[0], second = variables[1];
            PairTangentDual.Reseed(ref local[0], x[first]);
            PairTangentDual.Reseed(ref local[1], x[second]);
            y = function.EvaluateTerm(term, (ReadOnlySpan<PairTangentDual>)local);
            TScatter.Into(ref gradient[first], y.Tangents.ToScalar());
            TScatter.Into(ref gradient[second], y.Tangents.GetElement(1));
        }
        else if (variables.Length == 1)
        {
            int only = variables[0];
            PairTangentDual.Reseed(ref local[0], x[only]);
            y = function.EvaluateTerm(term, ((ReadOnlySpan<PairTangentDual>)local)[..1]);
            TScatter.Into(ref gradient[only], y.Tangents.ToScalar());
        }
        else y = function.EvaluateTerm(term, ReadOnlySpan<PairTangentDual>.Empty);
        return y.Value;
    }

    /// <summary>Adds ∇fₖ into <paramref name="gradient"/> and returns fₖ: one pass for a term that fits the chunk.</summary>
    private double TermGradient<TChunk>(int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, Span<double> gradient)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        int arity = variables.Length;
        Unsafe.SkipInit(out TermBuffer<DualVector<TChunk>> buffer);
        Span<DualVector<TChunk>> local = ((Span<DualVector<TChunk>>)buffer)[..arity];
        for (int i = 0; i < local.Length; i++) local[i] = DualVector<TChunk>.Seed(x[variables[i]], i);
        DualVector<TChunk> y = function.EvaluateTerm(term, (ReadOnlySpan<DualVector<TChunk>>)local);
        Unsafe.SkipInit(out TermBuffer<double> partials);
        y.Tangents.CopyTo(partials);
        for (int i = 0; i < local.Length; i++) gradient[variables[i]] += partials[i];
        return y.Value;
    }

    /// <summary>Adds ∇fₖ of a term wider than eight variables into <paramref name="gradient"/> and returns fₖ, in ⌈arity / 8⌉ passes.</summary>
    private double TermGradientInPasses(int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, Span<double> gradient)
    {
        int arity = variables.Length, width = Chunk8.Length;
        DualVector<Chunk8>[] local = Scratch<DualVector<Chunk8>>.Rent(arity);
        double value = 0;
        for (int start = 0; start < arity; start += width)
        {
            for (int i = 0; i < arity; i++) local[i] = DualVector<Chunk8>.Seed(x[variables[i]], i - start);
            DualVector<Chunk8> y = function.EvaluateTerm(term, new ReadOnlySpan<DualVector<Chunk8>>(local, 0, arity));
            for (int j = 0; j < width && start + j < arity; j++) gradient[variables[start + j]] += y.Tangents[j];
            value = y.Value;
        }
        Scratch<DualVector<Chunk8>>.Return(local);
        return value;
    }

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        if (MaxTermArity <= 2 && TermsPartitionVariables)
        {
            PairTermsHessianVector<Assign>(x, v, result);
            return;
        }
        result.Clear();
        if (MaxTermArity <= 2)
        {
            PairTermsHessianVector<Accumulate>(x, v, result);
            return;
        }
        double[] buffer = Scratch<double>.Rent(2 * MaxTermArity);
        for (int k = 0; k < function.TermCount; k++)
        {
            ReadOnlySpan<int> variables = function.TermVariables(k);
            Span<double> direction = buffer.AsSpan(0, variables.Length), product = buffer.AsSpan(variables.Length, variables.Length);
            for (int i = 0; i < variables.Length; i++) direction[i] = v[variables[i]];
            TermHessianVector(k, variables, x, direction, product);
            for (int i = 0; i < variables.Length; i++) result[variables[i]] += product[i];
        }
        Scratch<double>.Return(buffer);
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(hessian, Dimension, Dimension, nameof(hessian));
        hessian.Clear();
        double[] buffer = Scratch<double>.Rent(2 * MaxTermArity);
        for (int k = 0; k < function.TermCount; k++)
        {
            ReadOnlySpan<int> variables = function.TermVariables(k);
            Span<double> unit = buffer.AsSpan(0, variables.Length), column = buffer.AsSpan(variables.Length, variables.Length);
            unit.Clear();
            for (int j = 0; j < variables.Length; j++)
            {
                unit[j] = 1;
                TermHessianVector(k, variables, x, unit, column);
                unit[j] = 0;
                for (int i = 0; i < variables.Length; i++) hessian[variables[i], variables[j]] += column[i];
            }
        }
        Scratch<double>.Return(buffer);
    }

    /// <summary>The local product ∇²fₖ·w (w and the product in the term's local coordinates), the chunk sized to the term.</summary>
    private void TermHessianVector(int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> product)
    {
        int arity = variables.Length;
        if (arity <= 2) TermHessianVector<Chunk2>(term, variables, x, w, product);
        else if (arity <= 4) TermHessianVector<Chunk4>(term, variables, x, w, product);
        else TermHessianVector<Chunk8>(term, variables, x, w, product);
    }

    /// <summary>The Hessian-vector loop when every term reads at most two variables.</summary>
    private void PairTermsHessianVector<TScatter>(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        where TScatter : IScatter
    {
        TFunction terms = function;
        int count = terms.TermCount;
        for (int k = 0; k < count; k++) PairTermHessianVector<TScatter>(ref terms, k, terms.TermVariables(k), x, v, result);
    }

    /// <summary>
    /// Adds ∇²fₖ·v of a term of at most two variables into <paramref name="result"/>: one evaluation on
    /// <c>Dual&lt;PairTangentDual&gt;</c>, the inner pair seeded with the two unit vectors, the outer tangent with v.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairTermHessianVector<TScatter>(ref TFunction function, int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        where TScatter : IScatter
    {
        Unsafe.SkipInit(out TermPair<Dual<PairTangentDual>> local);
        if (variables.Length == 2)
        {
            int first = variables[0], second = variables[1];
            local[0] = new(PairTangentDual.First(x[first]), PairTangentDual.Constant(v[first]));
            local[1] = new(PairTangentDual.Second(x[second]), PairTangentDual.Constant(v[second]));
            Vector128<double> product = function.EvaluateTerm(term, (ReadOnlySpan<Dual<PairTangentDual>>)local).Tangent.Tangents;
            TScatter.Into(ref result[first], product.ToScalar());
            TScatter.Into(ref result[second], product.GetElement(1));
        }
        else if (variables.Length == 1)
        {
            int only = variables[0];
            local[0] = new(PairTangentDual.First(x[only]), PairTangentDual.Constant(v[only]));
            TScatter.Into(ref result[only], function.EvaluateTerm(term, ((ReadOnlySpan<Dual<PairTangentDual>>)local)[..1]).Tangent.Tangents.ToScalar());
        }
    }

    /// <summary>The local product ∇²fₖ·w by forward over forward, in ⌈arity / chunk⌉ passes.</summary>
    private void TermHessianVector<TChunk>(int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> product)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        int arity = variables.Length, width = TChunk.Length;
        Dual<DualVector<TChunk>>[]? rented = arity > TermBuffer<Dual<DualVector<TChunk>>>.Length ? Scratch<Dual<DualVector<TChunk>>>.Rent(arity) : null;
        Unsafe.SkipInit(out TermBuffer<Dual<DualVector<TChunk>>> buffer);
        Span<Dual<DualVector<TChunk>>> local = rented is null ? ((Span<Dual<DualVector<TChunk>>>)buffer)[..arity] : rented.AsSpan(0, arity);
        for (int start = 0; start < arity; start += width)
        {
            for (int i = 0; i < arity; i++)
                local[i] = new(DualVector<TChunk>.Seed(x[variables[i]], i - start), DualVector<TChunk>.Constant(w[i]));
            TChunk tangents = function.EvaluateTerm(term, (ReadOnlySpan<Dual<DualVector<TChunk>>>)local).Tangent.Tangents;
            for (int j = 0; j < width && start + j < arity; j++) product[start + j] = tangents[j];
        }
        if (rented is not null) Scratch<Dual<DualVector<TChunk>>>.Return(rented);
    }
}

/// <summary>Eight scalars on the stack: a term's local variables or partials when it fits one chunk.</summary>
/// <typeparam name="T">The element type.</typeparam>
[InlineArray(Length)]
internal struct TermBuffer<T>
{
    internal const int Length = 8;
    private T element;
}

/// <summary>How a term's local derivative reaches its global entry.</summary>
internal interface IScatter
{
    /// <summary>Stores or adds <paramref name="value"/> into <paramref name="target"/>.</summary>
    static abstract void Into(ref double target, double value);
}

/// <summary>The entry is written by this term alone: store.</summary>
internal readonly struct Assign : IScatter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Into(ref double target, double value) => target = value;
}

/// <summary>Several terms share the entry: add into the cleared array.</summary>
internal readonly struct Accumulate : IScatter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Into(ref double target, double value) => target += value;
}

/// <summary>Two scalars on the stack: the local variables of a term of at most two variables.</summary>
/// <typeparam name="T">The element type.</typeparam>
[InlineArray(2)]
internal struct TermPair<T>
{
    private T element;
}
