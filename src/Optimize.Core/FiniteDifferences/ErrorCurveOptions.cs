using System.Globalization;
using System.Text;

namespace Optimize.FiniteDifferences;

/// <summary>Options of <see cref="DifferenceErrorCurve.Compute"/>.</summary>
public sealed record ErrorCurveOptions
{
    /// <summary>The largest step of the sweep. Default 1e−1.</summary>
    public double LargestStep { get; init; } = 1e-1;

    /// <summary>The smallest step of the sweep. Default 1e−16.</summary>
    public double SmallestStep { get; init; } = 1e-16;

    /// <summary>Steps per decade, spaced evenly in log h. Default 4; at least 1.</summary>
    public int PointsPerDecade { get; init; } = 4;

    /// <summary>
    /// Whether each step is replaced by (x + h) − x. Default false: the sweep shows the textbook formulas,
    /// whose round-off includes the rounding of x + h.
    /// </summary>
    public bool RepresentableSteps { get; init; }

    /// <summary>|f″(x)| for the forward optimum; estimated by a second difference with step ε^¼ when null.</summary>
    public double? SecondDerivative { get; init; }

    /// <summary>|f‴(x)| for the central optimum; estimated by a third difference with step ε^⅕ when null.</summary>
    public double? ThirdDerivative { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the offending property unless the options are valid.</summary>
    public void Validate()
    {
        if (!(SmallestStep > 0 && double.IsFinite(SmallestStep)))
            throw new ArgumentException($"{nameof(SmallestStep)} is {SmallestStep}; expected a positive finite step.", "options");
        if (!(LargestStep > SmallestStep && double.IsFinite(LargestStep)))
            throw new ArgumentException($"{nameof(LargestStep)} is {LargestStep}; expected a finite step larger than {nameof(SmallestStep)} ({SmallestStep}).", "options");
        if (PointsPerDecade < 1)
            throw new ArgumentException($"{nameof(PointsPerDecade)} is {PointsPerDecade}; expected at least 1.", "options");
    }
}
