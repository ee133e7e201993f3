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

/// <summary>One step of an error-versus-step sweep.</summary>
/// <param name="Step">The step h.</param>
/// <param name="ForwardError">|(f(x + h) − f(x))/h − f′(x)|.</param>
/// <param name="CentralError">|(f(x + h) − f(x − h))/(2h) − f′(x)|.</param>
public readonly record struct ErrorCurvePoint(double Step, double ForwardError, double CentralError);

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

/// <summary>Sweeps the step of forward and central differences for a function of one variable and reports the error at each step.</summary>
public static class DifferenceErrorCurve
{
    /// <summary>
    /// Computes the error of forward and central differences of <paramref name="f"/> at <paramref name="x"/>
    /// against <paramref name="exactDerivative"/> for steps from <see cref="ErrorCurveOptions.LargestStep"/> down to
    /// <see cref="ErrorCurveOptions.SmallestStep"/>, with the theoretical optimal step of each method.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="exactDerivative">f′(x).</param>
    /// <param name="options">Sweep options; defaults when null.</param>
    /// <example>f(x) = sin(x²) at x = 2: <c>DifferenceErrorCurve.Compute(x =&gt; Math.Sin(x * x), 2, 4 * Math.Cos(4))</c>.</example>
    public static ErrorCurve Compute(Func<double, double> f, double x, double exactDerivative, ErrorCurveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        options ??= new ErrorCurveOptions();
        options.Validate();
        if (!double.IsFinite(x)) throw new ArgumentException($"x is {x}; expected a finite number.", nameof(x));
        if (!double.IsFinite(exactDerivative))
            throw new ArgumentException($"exactDerivative is {exactDerivative}; expected a finite number.", nameof(exactDerivative));
        double fx = f(x);
        if (!double.IsFinite(fx)) throw new ArgumentException($"f(x) is {fx} at x = {x}; expected a finite value.", nameof(f));

        double decades = Math.Log10(options.LargestStep / options.SmallestStep);
        int count = (int)Math.Round(decades * options.PointsPerDecade) + 1;
        var points = new ErrorCurvePoint[count];
        for (int k = 0; k < count; k++)
        {
            double h = options.LargestStep * Math.Pow(10.0, -(double)k / options.PointsPerDecade);
            if (options.RepresentableSteps) h = StepSize.Representable(x, h);
            double forward = (f(x + h) - fx) / h;
            double central = (f(x + h) - f(x - h)) / (2.0 * h);
            points[k] = new ErrorCurvePoint(h, Math.Abs(forward - exactDerivative), Math.Abs(central - exactDerivative));
        }

        double scale = Math.Max(1.0, Math.Abs(x));
        double second = options.SecondDerivative ?? SecondDerivative(f, x, fx, StepSize.SecondDifferenceRelativeStep * scale);
        double third = options.ThirdDerivative ?? ThirdDerivative(f, x, Math.Pow(StepSize.Machine, 0.2) * scale);
        double noise = StepSize.Machine * (Math.Abs(fx) + Math.Abs(x * exactDerivative));
        return new ErrorCurve(x, exactDerivative, points, noise, Math.Abs(second), Math.Abs(third));
    }

    private static double SecondDerivative(Func<double, double> f, double x, double fx, double h)
        => (f(x + h) - 2.0 * fx + f(x - h)) / (h * h);

    private static double ThirdDerivative(Func<double, double> f, double x, double h)
        => (f(x + 2 * h) - 2 * f(x + h) + 2 * f(x - h) - f(x - 2 * h)) / (2 * h * h * h);
}
