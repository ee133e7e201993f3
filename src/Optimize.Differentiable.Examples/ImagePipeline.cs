using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Differentiable.Examples;

/// <summary>
/// A parameterized image pipeline written once over the scalar type, so that reverse mode gives the gradient of an
/// image loss with respect to every stage's parameters: white-balance gains → gamma → a 3×3 colour matrix →
/// a Gaussian blur of learnable width. Images are height×width×3, interleaved (index (row·width + column)·3 + channel),
/// with values in (0, 1].
/// </summary>
/// <remarks>
/// <para>The 11 parameters, in order: gains (g_R, g_G, g_B); gamma γ; the six off-diagonal entries of the colour
/// matrix C, row by row (C₀₁, C₀₂, C₁₀, C₁₂, C₂₀, C₂₁), each diagonal entry being 1 minus its row's off-diagonals so
/// that C keeps neutral greys (rows sum to 1, as camera colour-correction matrices do; without that constraint the
/// gains and the matrix could trade scale and would not be identifiable); and the blur width σ in pixels.</para>
/// <para>Stages: vᶜ = (g_c·xᶜ)^γ (the base is floored at 1e-6 so that trial steps with a negative gain stay finite),
/// uᶜ = Σ_k C_ck v^k, then a separable Gaussian blur with weights e^{−k²/2σ²}, |k| ≤ radius, normalized, and
/// replicated edges.</para>
/// <para>Not thread-safe: the intermediate images for each scalar type are kept for reuse.</para>
/// </remarks>
public sealed class ImagePipeline
{
    /// <summary>The number of parameters: 3 gains, γ, 6 colour-matrix entries, σ.</summary>
    public const int ParameterCount = 11;

    private object? work;

    /// <summary>Creates the pipeline for images of one size.</summary>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="width">Columns, at least 1.</param>
    /// <param name="blurRadius">The blur's half-width in pixels, at least 1. Default 3.</param>
    public ImagePipeline(int height, int width, int blurRadius = 3)
    {
        Guard.Positive(height, nameof(height));
        Guard.Positive(width, nameof(width));
        Guard.Positive(blurRadius, nameof(blurRadius));
        Height = height;
        Width = width;
        BlurRadius = blurRadius;
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>The blur's half-width in pixels.</summary>
    public int BlurRadius { get; }

    /// <summary>height·width·3.</summary>
    public int Length => Height * Width * 3;

    /// <summary>The parameters of the identity pipeline, except for a unit blur width (σ = 1).</summary>
    public static double[] Neutral() => [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1];

    /// <summary>Runs the pipeline on <paramref name="image"/>.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="parameters">The 11 parameters (see the remarks of <see cref="ImagePipeline"/>).</param>
    /// <param name="image">The input, of length <see cref="Length"/>.</param>
    /// <param name="output">Destination of length <see cref="Length"/>.</param>
    public void Apply<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<double> image, Span<T> output) where T : IFloatingPointIeee754<T>
    {
        Guard.Length(parameters.Length, ParameterCount, nameof(parameters));
        Guard.Length(image.Length, Length, nameof(image));
        Guard.Length(output.Length, Length, nameof(output));
        var (colour, horizontal, kernel, matrix) = work as (T[], T[], T[], T[])?
            ?? ((T[], T[], T[], T[]))(work = (new T[Length], new T[Length], new T[2 * BlurRadius + 1], new T[9]));
        T gamma = parameters[3];
        T floor = T.CreateChecked(1e-6);
        for (int row = 0; row < 3; row++)
        {
            T first = parameters[4 + 2 * row], second = parameters[5 + 2 * row];
            int a = row == 0 ? 1 : 0, b = row == 2 ? 1 : 2;
            matrix[3 * row + row] = T.One - first - second;
            matrix[3 * row + a] = first;
            matrix[3 * row + b] = second;
        }
        for (int pixel = 0; pixel < Height * Width; pixel++)
        {
            int at = 3 * pixel;
            T v0 = T.Pow(T.Max(parameters[0] * T.CreateChecked(image[at]), floor), gamma);
            T v1 = T.Pow(T.Max(parameters[1] * T.CreateChecked(image[at + 1]), floor), gamma);
            T v2 = T.Pow(T.Max(parameters[2] * T.CreateChecked(image[at + 2]), floor), gamma);
            colour[at] = matrix[0] * v0 + matrix[1] * v1 + matrix[2] * v2;
            colour[at + 1] = matrix[3] * v0 + matrix[4] * v1 + matrix[5] * v2;
            colour[at + 2] = matrix[6] * v0 + matrix[7] * v1 + matrix[8] * v2;
        }
        GaussianKernel(parameters[10], kernel);
        Blur(colour, horizontal, kernel, alongRows: true);
        Blur(horizontal, output, kernel, alongRows: false);
    }

    /// <summary>w_k = e^{−k²/2σ²} / Σ_j e^{−j²/2σ²} for |k| ≤ radius.</summary>
    private void GaussianKernel<T>(T width, Span<T> kernel) where T : IFloatingPointIeee754<T>
    {
        T scale = T.CreateChecked(-0.5) / (width * width);
        T sum = T.Zero;
        for (int k = -BlurRadius; k <= BlurRadius; k++)
        {
            kernel[k + BlurRadius] = T.Exp(scale * T.CreateChecked(k * k));
            sum += kernel[k + BlurRadius];
        }
        for (int k = 0; k < kernel.Length; k++) kernel[k] /= sum;
    }

    /// <summary>One pass of the separable blur with replicated edges.</summary>
    private void Blur<T>(ReadOnlySpan<T> source, Span<T> destination, ReadOnlySpan<T> kernel, bool alongRows) where T : IFloatingPointIeee754<T>
    {
        for (int row = 0; row < Height; row++)
            for (int column = 0; column < Width; column++)
                for (int channel = 0; channel < 3; channel++)
                {
                    T sum = T.Zero;
                    for (int k = -BlurRadius; k <= BlurRadius; k++)
                    {
                        int r = alongRows ? row : Math.Clamp(row + k, 0, Height - 1);
                        int c = alongRows ? Math.Clamp(column + k, 0, Width - 1) : column;
                        sum += kernel[k + BlurRadius] * source[(r * Width + c) * 3 + channel];
                    }
                    destination[(row * Width + column) * 3 + channel] = sum;
                }
    }
}
