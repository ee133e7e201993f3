using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.LineSearches;

/// <summary>
/// The line search of Moré &amp; Thuente (1994), "Line search algorithms with guaranteed sufficient decrease",
/// ACM TOMS 20(3): finds α with the strong Wolfe conditions φ(α) ≤ φ(0) + c₁αφ′(0) and |φ′(α)| ≤ c₂|φ′(0)|
/// by safeguarded cubic and quadratic interpolation on an interval of uncertainty (MINPACK-2 <c>dcsrch</c> and
/// <c>dcstep</c>). A non-finite trial value halves the step towards the best point so far. When f no longer
/// resolves the decrease (near a minimizer, where the required decrease c₁α|φ′(0)| is below
/// <see cref="RoundoffTolerance"/>·|φ(0)|), a step meeting the curvature condition with φ(α) ≤ φ(0) +
/// <see cref="RoundoffTolerance"/>·|φ(0)| is accepted, as Hager &amp; Zhang's approximate Wolfe conditions do.
/// </summary>
public sealed record MoreThuenteLineSearch : LineSearch
{
    private const double ExtrapolateLower = 1.1, ExtrapolateUpper = 4.0;

    /// <summary>c₁ of the sufficient-decrease condition. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>c₂ of the curvature condition; 0.9 suits quasi-Newton, 0.1 nonlinear CG. Default 0.9.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>Relative width below which the interval of uncertainty is too small to continue. Default 1e-14.</summary>
    public double IntervalTolerance { get; init; } = 1e-14;

    /// <summary>
    /// The smallest step (<c>stpmin</c> of <c>dcsrch</c>). Default 0, the value L-BFGS-B passes: a step is then bounded
    /// below only by the interval of uncertainty, however large ‖d‖ is. An absolute positive bound would override the
    /// trial step of a direction of norm 10²⁸ (variably dimensioned at n = 10⁴, where the first step is 10⁻²⁹).
    /// </summary>
    public double MinimumStep { get; init; }

    /// <summary>The largest step; reaching it while φ still decreases reports <see cref="LineSearchStatus.MaximumStepReached"/>. Default 1e20.</summary>
    public double MaximumStep { get; init; } = 1e20;

    /// <summary>Relative size of the round-off in f below which sufficient decrease is not tested. Default 1e-13; 0 disables.</summary>
    public double RoundoffTolerance { get; init; } = 1e-13;

    /// <summary>The most evaluations of φ. Default 30.</summary>
    public int MaximumEvaluations { get; init; } = 30;

    /// <inheritdoc/>
    public override bool UsesSlope => true;

    /// <inheritdoc/>
    public override void Validate()
    {
        DriverOptions.Between(SufficientDecrease, 0, 1, nameof(SufficientDecrease));
        DriverOptions.Between(Curvature, SufficientDecrease, 1, nameof(Curvature));
        DriverOptions.NonNegative(IntervalTolerance, nameof(IntervalTolerance));
        DriverOptions.NonNegative(RoundoffTolerance, nameof(RoundoffTolerance));
        DriverOptions.NonNegative(MinimumStep, nameof(MinimumStep));
        DriverOptions.StrictlyPositive(MaximumStep, nameof(MaximumStep));
        if (MaximumStep <= MinimumStep)
            throw new ArgumentOutOfRangeException(nameof(MaximumStep), MaximumStep, "MaximumStep must exceed MinimumStep.");
        Guard.Positive(MaximumEvaluations, nameof(MaximumEvaluations));
    }

    /// <inheritdoc/>
    public override LineSearchResult Search(LineFunction phi, double value0, double slope0, double initialStep)
    {
        ArgumentNullException.ThrowIfNull(phi);
        double step = Math.Clamp(initialStep, MinimumStep, MaximumStep);
        bool bracketed = false;
        int stage = 1;
        double testSlope = SufficientDecrease * slope0;
        double width = MaximumStep - MinimumStep, previousWidth = 2 * width;
        // stx: best step so far; sty: the other end of the interval of uncertainty.
        double stx = 0, fx = value0, gx = slope0;
        double sty = 0, fy = value0, gy = slope0;
        double stepMin = 0, stepMax = step + ExtrapolateUpper * step;
        double bestArmijoStep = 0, bestArmijoValue = value0, lastSlope = slope0;

        for (int evaluation = 1; evaluation <= MaximumEvaluations; evaluation++)
        {
            if (!EvaluateFinite(phi, stx, 60, ref step, out double value, out double slope))
                return bestArmijoStep > 0
                    ? new LineSearchResult(LineSearchStatus.SufficientDecreaseOnly, bestArmijoStep, bestArmijoValue, evaluation)
                    : new LineSearchResult(LineSearchStatus.NonFinite, 0, value0, evaluation);
            lastSlope = slope;
            double armijo = value0 + step * testSlope;
            if (value <= armijo && value < bestArmijoValue) { bestArmijoStep = step; bestArmijoValue = value; }

            if (stage == 1 && value <= armijo && slope >= 0) stage = 2;
            bool curvature = Math.Abs(slope) <= Curvature * -slope0;
            double roundoff = RoundoffTolerance * Math.Abs(value0);
            bool unresolvable = -step * testSlope <= roundoff && value - value0 <= roundoff;
            if (curvature && (value <= armijo || unresolvable))
                return new LineSearchResult(LineSearchStatus.Converged, step, value, evaluation);
            if (step == MaximumStep && value <= armijo && slope <= testSlope)
                return new LineSearchResult(LineSearchStatus.MaximumStepReached, step, value, evaluation);
            bool roundingTrouble = bracketed && (step <= stepMin || step >= stepMax);
            bool intervalTooSmall = bracketed && stepMax - stepMin <= IntervalTolerance * stepMax;
            bool atMinimum = step == MinimumStep && (value > armijo || slope >= testSlope);
            if (roundingTrouble || intervalTooSmall || atMinimum) break;

            if (stage == 1 && value <= fx && value > armijo)
            {
                // The modified function ψ(α) = φ(α) − φ(0) − c₁αφ′(0) keeps the search on the sufficient-decrease side.
                double fxm = fx - stx * testSlope, fym = fy - sty * testSlope, fm = value - step * testSlope;
                double gxm = gx - testSlope, gym = gy - testSlope, gm = slope - testSlope;
                ComputeStep(ref stx, ref fxm, ref gxm, ref sty, ref fym, ref gym, ref step, fm, gm, ref bracketed, stepMin, stepMax);
                fx = fxm + stx * testSlope;
                fy = fym + sty * testSlope;
                gx = gxm + testSlope;
                gy = gym + testSlope;
            }
            else
            {
                ComputeStep(ref stx, ref fx, ref gx, ref sty, ref fy, ref gy, ref step, value, slope, ref bracketed, stepMin, stepMax);
            }

            if (bracketed)
            {
                if (Math.Abs(sty - stx) >= 0.66 * previousWidth) step = stx + 0.5 * (sty - stx);
                previousWidth = width;
                width = Math.Abs(sty - stx);
                stepMin = Math.Min(stx, sty);
                stepMax = Math.Max(stx, sty);
            }
            else
            {
                stepMin = step + ExtrapolateLower * (step - stx);
                stepMax = step + ExtrapolateUpper * (step - stx);
            }
            step = Math.Clamp(step, MinimumStep, MaximumStep);
            if (bracketed && (step <= stepMin || step >= stepMax || stepMax - stepMin <= IntervalTolerance * stepMax))
                step = stx;
        }
        // Extrapolating all the way without a bracket while φ kept falling at the initial rate: unbounded along d.
        if (!bracketed && bestArmijoStep == stx && stx > 0 && lastSlope <= testSlope)
            return new LineSearchResult(LineSearchStatus.MaximumStepReached, bestArmijoStep, bestArmijoValue, MaximumEvaluations);
        return bestArmijoStep > 0
            ? new LineSearchResult(LineSearchStatus.SufficientDecreaseOnly, bestArmijoStep, bestArmijoValue, MaximumEvaluations)
            : new LineSearchResult(LineSearchStatus.Failed, 0, value0, MaximumEvaluations);
    }

    /// <summary>
    /// One safeguarded step of MINPACK-2 <c>dcstep</c>: updates the interval [stx, sty] containing a step with
    /// sufficient decrease and curvature, and proposes the next trial step by cubic/quadratic/secant
    /// interpolation according to the four cases of Moré &amp; Thuente, §4.
    /// </summary>
    private static void ComputeStep(
        ref double stx, ref double fx, ref double dx, ref double sty, ref double fy, ref double dy,
        ref double stp, double fp, double dp, ref bool bracketed, double stpmin, double stpmax)
    {
        double sgnd = dp * Math.Sign(dx);
        double stpf;
        if (fp > fx)
        {
            // Case 1: higher value; the minimum is bracketed.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp < stx) gamma = -gamma;
            double p = (gamma - dx) + theta, q = ((gamma - dx) + gamma) + dp;
            double stpc = stx + p / q * (stp - stx);
            double stpq = stx + dx / ((fx - fp) / (stp - stx) + dx) / 2 * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            bracketed = true;
        }
        else if (sgnd < 0)
        {
            // Case 2: lower value, derivatives of opposite sign; the minimum is bracketed.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dx;
            double stpc = stp + p / q * (stx - stp);
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            bracketed = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Case 3: lower value, same-sign derivative decreasing in magnitude.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta, q = (gamma + (dx - dp)) + gamma;
            double r = p / q;
            double stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            if (bracketed)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + 0.66 * (sty - stp), stpf) : Math.Max(stp + 0.66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Clamp(stpf, stpmin, stpmax);
            }
        }
        else
        {
            // Case 4: lower value, derivative not decreasing in magnitude.
            if (bracketed)
            {
                double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
                double s = Max3(theta, dy, dp);
                double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dy / s) * (dp / s)));
                if (stp > sty) gamma = -gamma;
                double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dy;
                stpf = stp + p / q * (sty - stp);
            }
            else
            {
                stpf = stp > stx ? stpmax : stpmin;
            }
        }

        if (fp > fx)
        {
            sty = stp; fy = fp; dy = dp;
        }
        else
        {
            if (sgnd < 0) { sty = stx; fy = fx; dy = dx; }
            stx = stp; fx = fp; dx = dp;
        }
        stp = stpf;
    }

    private static double Max3(double a, double b, double c) => Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c)));
}
