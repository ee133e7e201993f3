using System.Globalization;
using System.Text;

namespace Optimize.FiniteDifferences;

/// <summary>
/// The error of forward and central differences as the step shrinks: truncation error falls as h (forward)
/// or h² (central) until round-off, growing as 1/h, takes over — the V shape on a log–log plot.
/// </summary>
public sealed class ErrorCurve
{
    internal ErrorCurve(double point, double derivative, IReadOnlyList<ErrorCurvePoint> points, double noise,
        double secondDerivative, double thirdDerivative)
    {
        Point = point;
        ExactDerivative = derivative;
        Points = points;
        NoiseLevel = noise;
        SecondDerivative = secondDerivative;
        ThirdDerivative = thirdDerivative;
        OptimalForwardStep = 2.0 * Math.Sqrt(noise / secondDerivative);
        OptimalCentralStep = Math.Cbrt(3.0 * noise / thirdDerivative);
        BestForward = points.MinBy(p => p.ForwardError);
        BestCentral = points.MinBy(p => p.CentralError);
    }

    /// <summary>The point x.</summary>
    public double Point { get; }

    /// <summary>The exact derivative f′(x) supplied.</summary>
    public double ExactDerivative { get; }

    /// <summary>The sweep, from the largest step to the smallest.</summary>
    public IReadOnlyList<ErrorCurvePoint> Points { get; }

    /// <summary>
    /// The absolute error ε_f of a computed value of f near x: ε·(|f(x)| + |x·f′(x)|), the rounding of f and
    /// of the argument x + h (Gill, Murray &amp; Wright, <i>Practical Optimization</i>, §8.5–8.6).
    /// </summary>
    public double NoiseLevel { get; }

    /// <summary>|f″(x)| used for the forward optimum.</summary>
    public double SecondDerivative { get; }

    /// <summary>|f‴(x)| used for the central optimum.</summary>
    public double ThirdDerivative { get; }

    /// <summary>
    /// The step minimizing the forward-difference error bound h|f″|/2 + 2ε_f/h: h* = 2√(ε_f/|f″|)
    /// (Gill, Murray &amp; Wright §8.6; Nocedal &amp; Wright §8.1).
    /// </summary>
    public double OptimalForwardStep { get; }

    /// <summary>The step minimizing the central-difference error bound h²|f‴|/6 + ε_f/h: h* = ∛(3ε_f/|f‴|).</summary>
    public double OptimalCentralStep { get; }

    /// <summary>The sweep point with the smallest forward-difference error.</summary>
    public ErrorCurvePoint BestForward { get; }

    /// <summary>The sweep point with the smallest central-difference error.</summary>
    public ErrorCurvePoint BestCentral { get; }

    /// <summary>A table of the sweep with the theoretical and observed optimal steps.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"error of finite differences at x = {Point:G6} (f′(x) = {ExactDerivative:G10})");
        text.AppendLine(c, $"forward: optimal h = {OptimalForwardStep:G3} (theory), {BestForward.Step:G3} (observed, error {BestForward.ForwardError:G3})");
        text.AppendLine(c, $"central: optimal h = {OptimalCentralStep:G3} (theory), {BestCentral.Step:G3} (observed, error {BestCentral.CentralError:G3})");
        text.AppendLine(c, $"{"h",10} {"forward",12} {"central",12}");
        foreach (var p in Points) text.AppendLine(c, $"{p.Step,10:G3} {p.ForwardError,12:G3} {p.CentralError,12:G3}");
        return text.ToString();
    }
}
