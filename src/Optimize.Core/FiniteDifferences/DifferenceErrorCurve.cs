using System.Globalization;
using System.Text;

namespace Optimize.FiniteDifferences;

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
