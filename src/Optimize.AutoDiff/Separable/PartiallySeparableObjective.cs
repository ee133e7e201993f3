using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// The whole objective contract for a partially separable f(x) = Σₖ fₖ(x_{Sₖ}), differentiated term by
/// term with forward-mode vector duals sized to the term (<see cref="Chunk2"/> up to 2 variables,
/// <see cref="Chunk4"/> up to 4, <see cref="Chunk8"/> beyond, in ⌈|Sₖ|/8⌉ passes): local gradients, local
/// Hessian-vector products and local Hessians (forward over forward on the small term) are scattered into
/// the global ones. No tape is involved, so the cost stays a small multiple of f's (Griewank &amp; Walther,
/// <i>Evaluating Derivatives</i>, §11.2, partial separability; Ceres Solver's per-residual-block Jets).
/// </summary>
/// <typeparam name="TFunction">The function type; a struct gets direct, inlined per-term calls.</typeparam>
[SkipLocalsInit]
public sealed class PartiallySeparableObjective<TFunction> : IHessianObjective, IScalarFunction
    where TFunction : IPartiallySeparableFunction
{
    private TFunction function;

    /// <summary>Wraps <paramref name="function"/>, checking every term's variable indices.</summary>
    /// <param name="function">The sum of terms.</param>
    public PartiallySeparableObjective(TFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        this.function = function;
        int n = function.Dimension, terms = function.TermCount;
        if (n < 0) throw new ArgumentException($"function.Dimension is {n}; expected at least 0.", nameof(function));
        for (int k = 0; k < terms; k++)
        {
            ReadOnlySpan<int> variables = function.TermVariables(k);
            MaxTermArity = Math.Max(MaxTermArity, variables.Length);
            foreach (int index in variables)
                if ((uint)index >= (uint)n)
                    throw new ArgumentException($"Term {k} reads variable {index}; expected indices in [0, {n}).", nameof(function));
        }
    }

    /// <inheritdoc cref="IObjective.Dimension"/>
    public int Dimension => function.Dimension;

    /// <summary>The number of terms.</summary>
    public int TermCount => function.TermCount;

    /// <summary>The largest number of variables a term reads.</summary>
    public int MaxTermArity { get; }

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
        T[] buffer = Scratch<T>.Rent(MaxTermArity);
        T sum = T.Zero;
        for (int k = 0; k < function.TermCount; k++)
        {
            ReadOnlySpan<int> variables = function.TermVariables(k);
            Span<T> local = buffer.AsSpan(0, variables.Length);
            for (int i = 0; i < local.Length; i++) local[i] = x[variables[i]];
            sum += function.EvaluateTerm(k, (ReadOnlySpan<T>)local);
        }
        Scratch<T>.Return(buffer);
        return sum;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        gradient.Clear();
        double sum = 0;
        for (int k = 0; k < function.TermCount; k++)
        {
            ReadOnlySpan<int> variables = function.TermVariables(k);
            int arity = variables.Length;
            if (arity <= 2) sum += TermGradient<Chunk2>(k, variables, x, gradient);
            else if (arity <= 4) sum += TermGradient<Chunk4>(k, variables, x, gradient);
            else sum += TermGradient<Chunk8>(k, variables, x, gradient);
        }
        return sum;
    }

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        result.Clear();
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

    /// <summary>Adds ∇fₖ into <paramref name="gradient"/> and returns fₖ: one pass when the term fits the chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double TermGradient<TChunk>(int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, Span<double> gradient)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        int arity = variables.Length;
        if (arity > TChunk.Length) return TermGradientInPasses<TChunk>(term, variables, x, gradient);
        Unsafe.SkipInit(out TermBuffer<DualVector<TChunk>> buffer);
        Span<DualVector<TChunk>> local = ((Span<DualVector<TChunk>>)buffer)[..arity];
        for (int i = 0; i < local.Length; i++) local[i] = DualVector<TChunk>.Seed(x[variables[i]], i);
        DualVector<TChunk> y = function.EvaluateTerm(term, (ReadOnlySpan<DualVector<TChunk>>)local);
        Unsafe.SkipInit(out TermBuffer<double> partials);
        y.Tangents.CopyTo(partials);
        for (int i = 0; i < local.Length; i++) gradient[variables[i]] += partials[i];
        return y.Value;
    }

    /// <summary>Adds ∇fₖ into <paramref name="gradient"/> and returns fₖ, in ⌈arity / chunk⌉ passes.</summary>
    private double TermGradientInPasses<TChunk>(int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, Span<double> gradient)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        int arity = variables.Length, width = TChunk.Length;
        DualVector<TChunk>[] local = Scratch<DualVector<TChunk>>.Rent(arity);
        double value = 0;
        for (int start = 0; start < arity; start += width)
        {
            for (int i = 0; i < arity; i++) local[i] = DualVector<TChunk>.Seed(x[variables[i]], i - start);
            DualVector<TChunk> y = function.EvaluateTerm(term, new ReadOnlySpan<DualVector<TChunk>>(local, 0, arity));
            for (int j = 0; j < width && start + j < arity; j++) gradient[variables[start + j]] += y.Tangents[j];
            value = y.Value;
        }
        Scratch<DualVector<TChunk>>.Return(local);
        return value;
    }

    /// <summary>The local product ∇²fₖ·w by forward over forward, with the chunk sized to the term.</summary>
    private void TermHessianVector(int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> product)
    {
        int arity = variables.Length;
        if (arity <= 2) TermHessianVector<Chunk2>(term, variables, x, w, product);
        else if (arity <= 4) TermHessianVector<Chunk4>(term, variables, x, w, product);
        else TermHessianVector<Chunk8>(term, variables, x, w, product);
    }

    private void TermHessianVector<TChunk>(int term, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> product)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        int arity = variables.Length, width = TChunk.Length;
        Dual<DualVector<TChunk>>[] local = Scratch<Dual<DualVector<TChunk>>>.Rent(arity);
        for (int start = 0; start < arity; start += width)
        {
            for (int i = 0; i < arity; i++)
                local[i] = new(DualVector<TChunk>.Seed(x[variables[i]], i - start), DualVector<TChunk>.Constant(w[i]));
            Dual<DualVector<TChunk>> y = function.EvaluateTerm(term, new ReadOnlySpan<Dual<DualVector<TChunk>>>(local, 0, arity));
            for (int j = 0; j < width && start + j < arity; j++) product[start + j] = y.Tangent.Tangents[j];
        }
        Scratch<Dual<DualVector<TChunk>>>.Return(local);
    }
}

/// <summary>Factories that infer the function type, e.g. <c>PartiallySeparable.Objective(myStructSum)</c>.</summary>
public static class PartiallySeparable
{
    /// <summary>The objective of a sum of terms.</summary>
    /// <typeparam name="TFunction">The function type (a struct for speed).</typeparam>
    /// <param name="function">The sum of terms.</param>
    public static PartiallySeparableObjective<TFunction> Objective<TFunction>(TFunction function)
        where TFunction : IPartiallySeparableFunction => new(function);

    /// <summary>The least-squares objective ½‖r(x)‖² of residual blocks, as a sum of terms ½‖rₖ‖².</summary>
    /// <typeparam name="TBlocks">The residual blocks type (a struct for speed).</typeparam>
    /// <param name="blocks">The residual blocks.</param>
    public static PartiallySeparableObjective<LeastSquaresTerms<TBlocks>> LeastSquares<TBlocks>(TBlocks blocks)
        where TBlocks : IResidualBlocks => new(new LeastSquaresTerms<TBlocks>(blocks));

    /// <summary>The residual vector r(x) with its Jacobian, JVP and VJP, block by block.</summary>
    /// <typeparam name="TBlocks">The residual blocks type (a struct for speed).</typeparam>
    /// <param name="blocks">The residual blocks.</param>
    public static ResidualBlocksFunction<TBlocks> Residuals<TBlocks>(TBlocks blocks)
        where TBlocks : IResidualBlocks => new(blocks);
}

/// <summary>Eight scalars on the stack: a term's local variables or partials when it fits one chunk.</summary>
/// <typeparam name="T">The element type.</typeparam>
[InlineArray(8)]
internal struct TermBuffer<T>
{
    private T element;
}
