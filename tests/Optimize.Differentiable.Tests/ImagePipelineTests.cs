using Optimize.AutoDiff;
using Optimize.Differentiable.Examples;
using Xunit.Abstractions;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.Tests;

public sealed class ImagePipelineTests(ITestOutputHelper output)
{
    private const int Size = 16;

    /// <summary>Gains (1.25, 1, 0.8), γ = 0.8, a colour matrix with rows summing to 1, σ = 1.4.</summary>
    private static readonly double[] TrueParameters = [1.25, 1.0, 0.8, 0.8, 0.1, -0.05, -0.08, 0.12, 0.03, -0.1, 1.4];

    /// <summary>Images with smooth colour gradients, a bright square and pixel noise (texture makes σ identifiable).</summary>
    private static double[] SyntheticImage(int seed)
    {
        var random = new Random(seed);
        var image = new double[Size * Size * 3];
        double phase = random.NextDouble() * Math.PI;
        int corner = random.Next(2, 8);
        for (int r = 0; r < Size; r++)
            for (int c = 0; c < Size; c++)
                for (int ch = 0; ch < 3; ch++)
                {
                    double smooth = 0.45 + 0.25 * Math.Sin(phase + 0.3 * r + 0.2 * c * (ch + 1));
                    double square = r >= corner && r < corner + 6 && c >= corner && c < corner + 6 ? 0.2 : 0;
                    image[(r * Size + c) * 3 + ch] = Math.Clamp(smooth + square + 0.15 * (random.NextDouble() - 0.5), 0.02, 1.0);
                }
        return image;
    }

    [Fact]
    public void FittingThePipelineByReverseModeRecoversTheTrueParameters()
    {
        var pipeline = new ImagePipeline(Size, Size);
        var inputs = Enumerable.Range(0, 4).Select(SyntheticImage).ToList();
        var targets = inputs.Select(image =>
        {
            var target = new double[pipeline.Length];
            pipeline.Apply<double>(TrueParameters, image, target);
            return target;
        }).ToList();
        var fit = new ImagePipelineFit(pipeline, inputs, targets);
        double before = fit.Evaluate<double>(ImagePipeline.Neutral());

        var result = fit.Fit();
        double after = result.Minimum;
        output.WriteLine($"loss {before:E3} → {after:E3} (factor {before / after:E2}) in {result.Iterations} iterations, {result.Evaluations}, {result.Reason}");
        output.WriteLine($"true      [{string.Join(", ", TrueParameters.Select(p => p.ToString("F6")))}]");
        output.WriteLine($"recovered [{string.Join(", ", result.Minimizer.Select(p => p.ToString("F6")))}]");
        Assert.True(after < 1e-8 * before, $"loss {before} → {after}");
        for (int i = 0; i < ImagePipeline.ParameterCount; i++) Assert.Equal(TrueParameters[i], result.Minimizer[i], 1e-7);
    }

    [Fact]
    public void PipelineGradientMatchesCentralDifferences()
    {
        var pipeline = new ImagePipeline(6, 5, blurRadius: 2);
        var random = new Random(7);
        var input = Enumerable.Range(0, pipeline.Length).Select(_ => 0.1 + 0.8 * random.NextDouble()).ToArray();
        var target = Enumerable.Range(0, pipeline.Length).Select(_ => random.NextDouble()).ToArray();
        var fit = new ImagePipelineFit(pipeline, [input], [target]);
        double[] point = [1.1, 0.9, 1.05, 0.9, 0.05, -0.02, 0.03, 0.01, -0.04, 0.02, 1.2];
        var gradient = new double[point.Length];
        ReverseMode.ValueAndGradient(fit, point, gradient);
        Numerical.AssertMatchesCentralDifferences(z => fit.Evaluate<double>(z), point, gradient, 1e-6, 1e-7);
    }

    [Fact]
    public void RejectsImagesOfTheWrongSize()
    {
        var pipeline = new ImagePipeline(4, 4);
        Assert.Throws<ArgumentException>(() => new ImagePipelineFit(pipeline, [new double[47]], [new double[48]]));
        Assert.Throws<ArgumentException>(() => pipeline.Apply<double>(ImagePipeline.Neutral(), new double[48], new double[47]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePipeline(0, 4));
    }
}
