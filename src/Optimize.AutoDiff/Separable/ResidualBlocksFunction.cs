using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff.Separable;

/// <summary>
/// The residual vector r(x) of residual blocks as an <see cref="IVectorFunction"/>: each block's Jacobian by
/// vector-mode duals sized to the block, scattered into the rows of J; JVPs and VJPs block by block.
/// </summary>
/// <typeparam name="TBlocks">The residual blocks type (a struct for speed).</typeparam>
public sealed class ResidualBlocksFunction<TBlocks> : IVectorFunction, IVectorScalarFunction where TBlocks : IResidualBlocks
{
    private TBlocks blocks;
    private readonly int[] offsets;

    /// <summary>Wraps <paramref name="blocks"/>, checking every block's variable indices.</summary>
    /// <param name="blocks">The residual blocks.</param>
    public ResidualBlocksFunction(TBlocks blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        this.blocks = blocks;
        int n = blocks.Dimension;
        offsets = new int[blocks.BlockCount + 1];
        for (int k = 0; k < blocks.BlockCount; k++)
        {
            foreach (int index in blocks.BlockVariables(k))
                if ((uint)index >= (uint)n)
                    throw new ArgumentException($"Block {k} reads variable {index}; expected indices in [0, {n}).", nameof(blocks));
            int m = blocks.ResidualCount(k);
            if (m < 0) throw new ArgumentException($"Block {k} has {m} residuals; expected at least 0.", nameof(blocks));
            offsets[k + 1] = offsets[k] + m;
            MaxArity = Math.Max(MaxArity, blocks.BlockVariables(k).Length);
            MaxResiduals = Math.Max(MaxResiduals, m);
        }
    }

    /// <inheritdoc cref="IVectorFunction.Dimension"/>
    public int Dimension => blocks.Dimension;

    /// <inheritdoc cref="IVectorFunction.OutputDimension"/>
    public int OutputDimension => offsets[^1];

    private int MaxArity { get; }
    private int MaxResiduals { get; }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value) => Evaluate<double>(x, value);

    /// <inheritdoc/>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(value.Length, OutputDimension, nameof(value));
        T[] local = Scratch<T>.Rent(MaxArity);
        for (int k = 0; k < blocks.BlockCount; k++)
        {
            ReadOnlySpan<int> variables = blocks.BlockVariables(k);
            for (int i = 0; i < variables.Length; i++) local[i] = x[variables[i]];
            blocks.EvaluateBlock(k, new ReadOnlySpan<T>(local, 0, variables.Length), value[offsets[k]..offsets[k + 1]]);
        }
        Scratch<T>.Return(local);
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(jacobian, OutputDimension, Dimension, nameof(jacobian));
        jacobian.Clear();
        double[] buffer = Scratch<double>.Rent(MaxResiduals * (MaxArity + 1));
        for (int k = 0; k < blocks.BlockCount; k++)
        {
            ReadOnlySpan<int> variables = blocks.BlockVariables(k);
            int m = offsets[k + 1] - offsets[k], a = variables.Length;
            Span<double> local = buffer.AsSpan(m, m * a);
            BlockJacobian(k, variables, x, buffer.AsSpan(0, m), local);
            for (int r = 0; r < m; r++)
                for (int j = 0; j < a; j++) jacobian[offsets[k] + r, variables[j]] += local[r * a + j];
        }
        Scratch<double>.Return(buffer);
    }

    /// <inheritdoc/>
    public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(p.Length, Dimension, nameof(p));
        Guard.Length(result.Length, OutputDimension, nameof(result));
        var local = Scratch<Dual<double>>.Rent(MaxArity + MaxResiduals);
        for (int k = 0; k < blocks.BlockCount; k++)
        {
            ReadOnlySpan<int> variables = blocks.BlockVariables(k);
            int m = offsets[k + 1] - offsets[k], a = variables.Length;
            for (int i = 0; i < a; i++) local[i] = new Dual<double>(x[variables[i]], p[variables[i]]);
            Span<Dual<double>> residuals = local.AsSpan(a, m);
            blocks.EvaluateBlock(k, new ReadOnlySpan<Dual<double>>(local, 0, a), residuals);
            for (int r = 0; r < m; r++) result[offsets[k] + r] = residuals[r].Tangent;
        }
        Scratch<Dual<double>>.Return(local);
    }

    /// <inheritdoc/>
    public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(w.Length, OutputDimension, nameof(w));
        Guard.Length(result.Length, Dimension, nameof(result));
        result.Clear();
        double[] buffer = Scratch<double>.Rent(MaxResiduals * (MaxArity + 1));
        for (int k = 0; k < blocks.BlockCount; k++)
        {
            ReadOnlySpan<int> variables = blocks.BlockVariables(k);
            int m = offsets[k + 1] - offsets[k], a = variables.Length;
            Span<double> local = buffer.AsSpan(m, m * a);
            BlockJacobian(k, variables, x, buffer.AsSpan(0, m), local);
            for (int r = 0; r < m; r++)
                for (int j = 0; j < a; j++) result[variables[j]] += w[offsets[k] + r] * local[r * a + j];
        }
        Scratch<double>.Return(buffer);
    }

    /// <summary>The block's residuals and its m×a Jacobian (row-major), with the chunk sized to the block.</summary>
    private void BlockJacobian(int block, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, Span<double> residuals, Span<double> local)
    {
        int arity = variables.Length;
        if (arity <= 2) BlockJacobian<Chunk2>(block, variables, x, residuals, local);
        else if (arity <= 4) BlockJacobian<Chunk4>(block, variables, x, residuals, local);
        else BlockJacobian<Chunk8>(block, variables, x, residuals, local);
    }

    private void BlockJacobian<TChunk>(int block, ReadOnlySpan<int> variables, ReadOnlySpan<double> x, Span<double> residuals, Span<double> local)
        where TChunk : unmanaged, ITangentChunk<TChunk>
    {
        int a = variables.Length, m = residuals.Length, width = TChunk.Length;
        DualVector<TChunk>[]? rented = a + m > TermBuffer<DualVector<TChunk>>.Length ? Scratch<DualVector<TChunk>>.Rent(a + m) : null;
        Unsafe.SkipInit(out TermBuffer<DualVector<TChunk>> stack);
        Span<DualVector<TChunk>> buffer = rented is null ? ((Span<DualVector<TChunk>>)stack)[..(a + m)] : rented.AsSpan(0, a + m);
        int start = 0;
        do
        {
            for (int i = 0; i < a; i++) buffer[i] = DualVector<TChunk>.Seed(x[variables[i]], i - start);
            Span<DualVector<TChunk>> outputs = buffer.Slice(a, m);
            blocks.EvaluateBlock(block, (ReadOnlySpan<DualVector<TChunk>>)buffer[..a], outputs);
            for (int r = 0; r < m; r++)
            {
                residuals[r] = outputs[r].Value;
                for (int j = 0; j < width && start + j < a; j++) local[r * a + start + j] = outputs[r].Tangents[j];
            }
            start += width;
        }
        while (start < a);
        if (rented is not null) Scratch<DualVector<TChunk>>.Return(rented);
    }
}
