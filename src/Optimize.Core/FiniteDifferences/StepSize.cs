namespace Optimize.FiniteDifferences;

/// <summary>
/// Step selection that balances truncation error against round-off. With f evaluated to relative
/// accuracy ε, a forward difference errs by about h·|f″|/2 + 2ε|f|/h, minimized near h ≈ √ε; a central
/// difference by h²|f‴|/6 + ε|f|/h, minimized near h ≈ ∛ε; a central second difference by
/// h²|f⁗|/12 + 4ε|f|/h², minimized near h ≈ ε^¼ (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
/// 2nd ed., §8.1; Gill, Murray &amp; Wright, <i>Practical Optimization</i>, §8.6). Steps scale with
/// max(1, |xⱼ|) so that they stay meaningful for large coordinates.
/// </summary>
public static class StepSize
{
    /// <summary>√ε ≈ 1.49e−8: the default relative step of forward and backward differences.</summary>
    public static readonly double ForwardRelativeStep = Math.Sqrt(Machine);

    /// <summary>∛ε ≈ 6.06e−6: the default relative step of central differences.</summary>
    public static readonly double CentralRelativeStep = Math.Cbrt(Machine);

    /// <summary>ε^¼ ≈ 1.22e−4: the default relative step of central second differences (Hessians from values).</summary>
    public static readonly double SecondDifferenceRelativeStep = Math.Sqrt(Math.Sqrt(Machine));

    /// <summary>
    /// 0.05: the default relative initial step of Ridders' method, which needs a step over which f changes
    /// appreciably, not a small one (Numerical Recipes §5.7); extrapolation then removes the truncation error.
    /// </summary>
    public const double RiddersRelativeStep = 0.05;

    /// <summary>The machine epsilon of <see cref="double"/>, 2⁻⁵² ≈ 2.22e−16.</summary>
    public const double Machine = 2.220446049250313e-16;

    /// <summary>The default relative step of <paramref name="method"/> for first derivatives.</summary>
    /// <param name="method">The difference formula.</param>
    public static double DefaultRelativeStep(FiniteDifferenceMethod method) => method switch
    {
        FiniteDifferenceMethod.Forward or FiniteDifferenceMethod.Backward => ForwardRelativeStep,
        FiniteDifferenceMethod.Central => CentralRelativeStep,
        FiniteDifferenceMethod.Ridders => RiddersRelativeStep,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown finite-difference method."),
    };

    /// <summary>
    /// The step for coordinate value <paramref name="x"/> under <paramref name="options"/>: the absolute or
    /// relative step when set, else <paramref name="defaultRelativeStep"/>·max(1, |x|); made exactly
    /// representable when <see cref="FiniteDifferenceOptions.RepresentableSteps"/> is set.
    /// </summary>
    /// <param name="x">The coordinate's value.</param>
    /// <param name="options">The options.</param>
    /// <param name="defaultRelativeStep">The relative step used when the options set none.</param>
    public static double For(double x, FiniteDifferenceOptions options, double defaultRelativeStep)
    {
        ArgumentNullException.ThrowIfNull(options);
        double h = options.AbsoluteStep ?? (options.RelativeStep ?? defaultRelativeStep) * Math.Max(1.0, Math.Abs(x));
        return options.RepresentableSteps ? Representable(x, h) : h;
    }

    /// <summary>
    /// (x + h) − x: the step actually taken when x + h is rounded, so that the difference quotient divides by
    /// the true distance between the two points (Numerical Recipes §5.7). Falls back to the next representable
    /// neighbour of x when h is below half an ulp of x, so the result is never zero.
    /// </summary>
    /// <param name="x">The coordinate's value.</param>
    /// <param name="h">The intended step, positive.</param>
    public static double Representable(double x, double h)
    {
        double taken = (x + h) - x;
        return taken > 0 ? taken : Math.BitIncrement(x) - x;
    }

    /// <summary>
    /// The step δ along a direction p at x, so that the largest coordinate change δ·‖p‖∞ equals the absolute
    /// step when set, else r·max(1, ‖x‖∞) with r the relative step of the options or
    /// <paramref name="defaultRelativeStep"/>; 0 when p = 0.
    /// </summary>
    /// <param name="x">The point.</param>
    /// <param name="p">The direction.</param>
    /// <param name="options">The options.</param>
    /// <param name="defaultRelativeStep">The relative step used when the options set none.</param>
    public static double AlongDirection(ReadOnlySpan<double> x, ReadOnlySpan<double> p, FiniteDifferenceOptions options,
        double defaultRelativeStep)
    {
        ArgumentNullException.ThrowIfNull(options);
        double pNorm = InfinityNorm(p);
        if (pNorm == 0) return 0;
        double change = options.AbsoluteStep ?? (options.RelativeStep ?? defaultRelativeStep) * Math.Max(1.0, InfinityNorm(x));
        return change / pNorm;
    }

    private static double InfinityNorm(ReadOnlySpan<double> v)
    {
        double norm = 0;
        foreach (double e in v) norm = Math.Max(norm, Math.Abs(e));
        return norm;
    }
}
