using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Differentiable.Examples;

/// <summary>
/// The fitting loss of an <see cref="ImagePipeline"/>: the mean squared difference between the pipeline's outputs
/// on the input images and the target images, as a function of the 11 parameters.
/// </summary>
public sealed class ImagePipelineFit : IScalarFunction
{
    private readonly double[][] inputs, targets;
    private object? output;

    /// <summary>Creates the loss.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="inputs">Input images, each of length <see cref="ImagePipeline.Length"/>.</param>
    /// <param name="targets">Target images, one per input.</param>
    public ImagePipelineFit(ImagePipeline pipeline, IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targets)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        Guard.Positive(inputs.Count, "inputs.Count");
        Guard.Length(targets.Count, inputs.Count, nameof(targets));
        for (int i = 0; i < inputs.Count; i++)
        {
            Guard.Length(inputs[i].Length, pipeline.Length, $"inputs[{i}]");
            Guard.Length(targets[i].Length, pipeline.Length, $"targets[{i}]");
        }
        Pipeline = pipeline;
        this.inputs = [.. inputs];
        this.targets = [.. targets];
    }

    /// <summary>The pipeline.</summary>
    public ImagePipeline Pipeline { get; }

    /// <summary>11.</summary>
    public int Dimension => ImagePipeline.ParameterCount;

    /// <summary>The mean squared difference over every pixel and channel of every image pair.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="parameters">The pipeline's parameters.</param>
    public T Evaluate<T>(ReadOnlySpan<T> parameters) where T : IFloatingPointIeee754<T>
    {
        var result = output as T[] ?? (T[])(output = new T[Pipeline.Length]);
        T sum = T.Zero;
        for (int i = 0; i < inputs.Length; i++)
        {
            Pipeline.Apply(parameters, inputs[i], result);
            double[] target = targets[i];
            for (int j = 0; j < result.Length; j++)
            {
                T difference = result[j] - T.CreateChecked(target[j]);
                sum += difference * difference;
            }
        }
        return sum / T.CreateChecked((double)inputs.Length * Pipeline.Length);
    }

    /// <summary>Fits the parameters by L-BFGS with reverse-mode gradients through the whole pipeline.</summary>
    /// <param name="start">The starting parameters; null for <see cref="ImagePipeline.Neutral"/>.</param>
    /// <param name="options">Driver options; null for a gradient tolerance of 1e-14 and 300 iterations.</param>
    public MinimizationResult Fit(double[]? start = null, DriverOptions? options = null)
    {
        start ??= ImagePipeline.Neutral();
        options ??= new DriverOptions { GradientTolerance = 1e-14, MaximumIterations = 300 };
        return new Lbfgs().Minimize(new ReverseModeObjective(this), start, options);
    }
}
