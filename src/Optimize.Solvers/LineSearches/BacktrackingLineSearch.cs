using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.LineSearches;

/// <summary>
/// Backtracking until the Armijo condition φ(α) ≤ φ(0) + c₁·α·φ′(0) holds, each new trial the minimizer of a
/// quadratic (first backtrack) or cubic (later backtracks) interpolant of φ, safeguarded to
/// [<see cref="MinimumShrink"/>·α, <see cref="MaximumShrink"/>·α] (Nocedal &amp; Wright, §3.5, eqs. 3.57–3.58).
/// Needs only values of φ; a non-finite φ(α) shrinks α by <see cref="MinimumShrink"/>. After a backtrack, a step
/// with φ(α) = φ(0) (a change rounding hid) is accepted only when φ′(α) was evaluated and shows progress,
/// |φ′(α)| ≤ 0.9|φ′(0)|, so a step that rounding made null is not taken for a decrease.
/// </summary>
public sealed record BacktrackingLineSearch : LineSearch
{
    /// <summary>c₁ of the Armijo condition. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Smallest ratio αₙₑw/α. Default 0.1.</summary>
    public double MinimumShrink { get; init; } = 0.1;

    /// <summary>Largest ratio αₙₑw/α. Default 0.5.</summary>
    public double MaximumShrink { get; init; } = 0.5;

    /// <summary>Whether later backtracks use the cubic interpolant (otherwise quadratic only). Default true.</summary>
    public bool Cubic { get; init; } = true;

    /// <summary>The most evaluations of φ. Default 50.</summary>
    public int MaximumEvaluations { get; init; } = 50;

    /// <summary>
    /// Relative size of the round-off in f. When the first-order decrease α|φ′(0)| of a trial and the decrease it
    /// achieved are both at most this value times |φ(0)|, no shorter step can show a decrease f resolves, and the
    /// search fails at once instead of backtracking through rounding noise (the driver then judges whether x is
    /// stationary to the accuracy of f, <see cref="DriverOptions.StallIterations"/>). Default 1e-13, as
    /// <see cref="MoreThuenteLineSearch.RoundoffTolerance"/>; 0 disables.
    /// </summary>
    public double RoundoffTolerance { get; init; } = 1e-13;

    /// <summary>The search fails when α falls below this value. Default 1e-20.</summary>
    public double MinimumStep { get; init; } = 1e-20;

    /// <summary>
    /// Whether every trial is evaluated with the gradient (when the objective gives one), though only values
    /// decide: the accepted point then has its gradient already, so the method's move there evaluates nothing
    /// again, and no f is computed twice at one point. Costs a gradient at each rejected trial, rare for Newton
    /// directions. Default true; false evaluates values only (then the accepted point's f is computed again with
    /// its gradient).
    /// </summary>
    public bool EvaluateGradient { get; init; } = true;

    /// <inheritdoc/>
    public override bool UsesSlope => false;

    /// <inheritdoc/>
    public override void Validate()
    {
        DriverOptions.Between(SufficientDecrease, 0, 1, nameof(SufficientDecrease));
        DriverOptions.Between(MinimumShrink, 0, 1, nameof(MinimumShrink));
        DriverOptions.Between(MaximumShrink, 0, 1, nameof(MaximumShrink));
        if (MinimumShrink > MaximumShrink)
            throw new ArgumentOutOfRangeException(nameof(MinimumShrink), MinimumShrink, "MinimumShrink must not exceed MaximumShrink.");
        Guard.Positive(MaximumEvaluations, nameof(MaximumEvaluations));
        DriverOptions.StrictlyPositive(MinimumStep, nameof(MinimumStep));
        DriverOptions.NonNegative(RoundoffTolerance, nameof(RoundoffTolerance));
    }

    /// <inheritdoc/>
    public override LineSearchResult Search(LineFunction phi, double value0, double slope0, double initialStep)
    {
        ArgumentNullException.ThrowIfNull(phi);
        double alpha = initialStep, previousAlpha = double.NaN, previousValue = double.NaN;
        bool sawFinite = false;
        int evaluation = 0;
        while (evaluation < MaximumEvaluations)
        {
            evaluation++;
            double slope = double.NaN;
            bool withSlope = EvaluateGradient && phi.HasSlope;
            double value = withSlope ? phi.ValueAndSlope(alpha, out slope) : phi.Value(alpha);
            // A gradient the oracle could not compute makes the point unusable, like a non-finite value.
            if (withSlope && !double.IsFinite(slope) && double.IsFinite(value)) value = double.NaN;
            if (double.IsFinite(value))
            {
                sawFinite = true;
                // When c₁αφ′(0) is below the rounding of φ(0), φ(α) = φ(0) passes the test. Accept that only for the
                // first trial (f flat to rounding over the whole model step) or where the slope shows progress
                // (|φ′(α)| ≤ 0.9|φ′(0)|), never merely because backtracking shrank α until rounding hid the change.
                bool decreased = value < value0 || evaluation == 1 || Math.Abs(slope) <= 0.9 * Math.Abs(slope0);
                if (value <= value0 + SufficientDecrease * alpha * slope0 && decreased)
                    return new LineSearchResult(LineSearchStatus.Converged, alpha, value, evaluation);
            }
            else if (double.IsNegativeInfinity(value))
            {
                return new LineSearchResult(LineSearchStatus.MaximumStepReached, alpha, value, evaluation);
            }
            // The whole first-order decrease α|φ′(0)| is below the rounding of φ(0) and the trial found no decrease
            // f resolves: a shorter step only predicts less, so backtracking would sample rounding noise. Stop now.
            if (double.IsFinite(value) && Unresolvable(alpha, value, value0, slope0))
                return new LineSearchResult(LineSearchStatus.Failed, 0, value0, evaluation);

            double next = double.IsFinite(value) ? Interpolate(alpha, value, previousAlpha, previousValue, value0, slope0) : double.NaN;
            double low = MinimumShrink * alpha, high = MaximumShrink * alpha;
            next = double.IsFinite(next) ? Math.Clamp(next, low, high) : low;
            if (double.IsFinite(value)) { previousAlpha = alpha; previousValue = value; }
            alpha = next;
            if (alpha < MinimumStep) break;
        }
        return new LineSearchResult(sawFinite ? LineSearchStatus.Failed : LineSearchStatus.NonFinite, 0, value0, evaluation);
    }

    /// <summary>
    /// Whether a trial at α can show no decrease f resolves: the first-order decrease −αφ′(0) and the observed
    /// decrease φ(0) − φ(α) are both at most <see cref="RoundoffTolerance"/>·|φ(0)|.
    /// </summary>
    private bool Unresolvable(double alpha, double value, double value0, double slope0)
    {
        double roundoff = RoundoffTolerance * Math.Abs(value0);
        return -alpha * slope0 <= roundoff && value0 - value <= roundoff;
    }

    /// <summary>The minimizer of the quadratic (eq. 3.57) or, with a second trial, cubic (eq. 3.58) interpolant.</summary>
    private double Interpolate(double alpha, double value, double previousAlpha, double previousValue, double value0, double slope0)
    {
        if (!Cubic || double.IsNaN(previousAlpha))
            return -slope0 * alpha * alpha / (2 * (value - value0 - slope0 * alpha));
        double r1 = value - value0 - slope0 * alpha;
        double r0 = previousValue - value0 - slope0 * previousAlpha;
        double denominator = alpha * alpha * previousAlpha * previousAlpha * (alpha - previousAlpha);
        double a = (previousAlpha * previousAlpha * r1 - alpha * alpha * r0) / denominator;
        double b = (-previousAlpha * previousAlpha * previousAlpha * r1 + alpha * alpha * alpha * r0) / denominator;
        if (a == 0) return -slope0 / (2 * b);
        double discriminant = b * b - 3 * a * slope0;
        return discriminant < 0 ? double.NaN : (-b + Math.Sqrt(discriminant)) / (3 * a);
    }
}
