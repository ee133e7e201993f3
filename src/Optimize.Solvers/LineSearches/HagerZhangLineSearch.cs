namespace Optimize.Solvers.LineSearches;

/// <summary>
/// The line search of Hager &amp; Zhang (2005), "A new conjugate gradient method with guaranteed descent and an
/// efficient line search", SIAM J. Optim. 16(1), and (2006) "Algorithm 851: CG_DESCENT", ACM TOMS 32(1):
/// a bracketing phase followed by double secant steps (secant²) with bisection safeguards, accepting a step
/// that satisfies the Wolfe conditions or the approximate Wolfe conditions
/// (2δ − 1)φ′(0) ≥ φ′(α) ≥ σφ′(0), φ(α) ≤ φ(0) + ε|φ(0)|, which stay testable when f is near round-off.
/// </summary>
public sealed record HagerZhangLineSearch : LineSearch
{
    /// <summary>δ of the sufficient-decrease condition. Default 0.1.</summary>
    public double SufficientDecrease { get; init; } = 0.1;

    /// <summary>σ of the curvature condition. Default 0.9.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>ε: φ may exceed φ(0) by ε|φ(0)| in the approximate Wolfe conditions. Default 1e-6.</summary>
    public double ValueTolerance { get; init; } = 1e-6;

    /// <summary>θ: the bisection point of update step U3. Default 0.5.</summary>
    public double BisectionRatio { get; init; } = 0.5;

    /// <summary>γ: a secant² step must shrink the bracket below this factor, else it is bisected. Default 0.66.</summary>
    public double RequiredShrink { get; init; } = 0.66;

    /// <summary>ρ: the growth factor of the bracketing phase. Default 5.</summary>
    public double Expansion { get; init; } = 5;

    /// <summary>Whether the approximate Wolfe conditions are accepted. Default true.</summary>
    public bool ApproximateWolfe { get; init; } = true;

    /// <summary>The most evaluations of φ. Default 50.</summary>
    public int MaximumEvaluations { get; init; } = 50;

    /// <inheritdoc/>
    public override bool UsesSlope => true;

    /// <inheritdoc/>
    public override void Validate()
    {
        DriverOptions.Between(SufficientDecrease, 0, 0.5, nameof(SufficientDecrease));
        DriverOptions.Between(Curvature, SufficientDecrease, 1, nameof(Curvature));
        DriverOptions.NonNegative(ValueTolerance, nameof(ValueTolerance));
        DriverOptions.Between(BisectionRatio, 0, 1, nameof(BisectionRatio));
        DriverOptions.Between(RequiredShrink, 0, 1, nameof(RequiredShrink));
        if (!(Expansion > 1) || double.IsInfinity(Expansion))
            throw new ArgumentOutOfRangeException(nameof(Expansion), Expansion, "Expansion must be a finite number > 1.");
        Guard.Positive(MaximumEvaluations, nameof(MaximumEvaluations));
    }

    /// <inheritdoc/>
    public override LineSearchResult Search(LineFunction phi, double value0, double slope0, double initialStep)
    {
        ArgumentNullException.ThrowIfNull(phi);
        var search = new Context(this, phi, value0, slope0);
        search.Run(initialStep);
        if (search.Accepted is { } point) return new LineSearchResult(LineSearchStatus.Converged, point.Step, point.Value, search.Evaluations);
        if (search.Unbounded) return new LineSearchResult(LineSearchStatus.MaximumStepReached, search.Best.Step, search.Best.Value, search.Evaluations);
        if (search.Best.Step > 0) return new LineSearchResult(LineSearchStatus.SufficientDecreaseOnly, search.Best.Step, search.Best.Value, search.Evaluations);
        return new LineSearchResult(search.SawFinite ? LineSearchStatus.Failed : LineSearchStatus.NonFinite, 0, value0, search.Evaluations);
    }

    private readonly record struct Point(double Step, double Value, double Slope);

    /// <summary>The working variables of one search, on the stack.</summary>
    private ref struct Context(HagerZhangLineSearch options, LineFunction phi, double value0, double slope0)
    {
        private readonly double valueBound = value0 + options.ValueTolerance * Math.Abs(value0);
        public Point? Accepted;
        public Point Best = new(0, value0, slope0);
        public int Evaluations;
        public bool SawFinite;
        public bool Unbounded;

        private readonly bool Done => Accepted is not null || Evaluations >= options.MaximumEvaluations;

        public void Run(double initialStep)
        {
            var low = new Point(0, value0, slope0);
            if (!Evaluate(initialStep, low.Step, out var c) || Done) return;

            // Bracketing (B0–B3): grow c until the slope turns nonnegative or the value rises too far.
            Point high;
            while (true)
            {
                if (c.Slope >= 0) { high = c; break; }
                if (c.Value > valueBound) { (low, high) = Bisect(low, c); break; }
                low = c;
                if (c.Step >= 1e20 / options.Expansion) { Unbounded = true; return; }
                if (!Evaluate(c.Step * options.Expansion, low.Step, out c) || Done) return;
            }
            if (Done) return;

            while (!Done)
            {
                var (a, b) = SecantSquared(low, high);
                if (Done) return;
                if (b.Step - a.Step > options.RequiredShrink * (high.Step - low.Step))
                {
                    (a, b) = Update(a, b, a.Step + 0.5 * (b.Step - a.Step));
                    if (Done) return;
                }
                if (b.Step - a.Step <= 1e-15 * b.Step) return;
                (low, high) = (a, b);
            }
        }

        /// <summary>secant²(a, b) of Hager &amp; Zhang (2005), §4.</summary>
        private (Point, Point) SecantSquared(Point a, Point b)
        {
            double c = Secant(a, b);
            var (lowNew, highNew) = Update(a, b, c);
            if (Done) return (lowNew, highNew);
            double? second = c == highNew.Step ? Secant(b, highNew) : c == lowNew.Step ? Secant(a, lowNew) : null;
            return second is { } step ? Update(lowNew, highNew, step) : (lowNew, highNew);
        }

        /// <summary>The update (U0–U3) of the bracket [a, b] with the trial step c.</summary>
        private (Point, Point) Update(Point a, Point b, double step)
        {
            if (!(step > a.Step && step < b.Step)) return (a, b);
            if (!Evaluate(step, a.Step, out var c) || Done) return (a, b);
            if (c.Slope >= 0) return (a, c);
            if (c.Value <= valueBound) return (c, b);
            return Bisect(a, c);
        }

        /// <summary>U3: bisection of [a, b] where φ′(b) &lt; 0 but φ(b) is too high.</summary>
        private (Point, Point) Bisect(Point a, Point b)
        {
            while (!Done)
            {
                double step = (1 - options.BisectionRatio) * a.Step + options.BisectionRatio * b.Step;
                if (!Evaluate(step, a.Step, out var d) || Done) break;
                if (d.Slope >= 0) return (a, d);
                if (d.Value <= valueBound) a = d; else b = d;
                if (b.Step - a.Step <= 1e-15 * b.Step) break;
            }
            return (a, b);
        }

        private static double Secant(Point a, Point b)
        {
            double step = (a.Step * b.Slope - b.Step * a.Slope) / (b.Slope - a.Slope);
            return double.IsFinite(step) ? step : 0.5 * (a.Step + b.Step);
        }

        /// <summary>Evaluates φ at a step (shrunk towards <paramref name="anchor"/> while non-finite) and tests acceptance.</summary>
        private bool Evaluate(double step, double anchor, out Point point)
        {
            point = default;
            for (int attempt = 0; attempt < 60 && Evaluations < options.MaximumEvaluations; attempt++)
            {
                Evaluations++;
                double value = phi.ValueAndSlope(step, out double slope);
                if (double.IsFinite(value) && double.IsFinite(slope))
                {
                    SawFinite = true;
                    point = new Point(step, value, slope);
                    if (value <= value0 + options.SufficientDecrease * step * slope0 && value < Best.Value) Best = point;
                    if (IsAcceptable(point)) Accepted = point;
                    return true;
                }
                if (double.IsNegativeInfinity(value)) { Unbounded = true; Best = new Point(step, value, slope); return false; }
                step = anchor + 0.5 * (step - anchor);
            }
            return false;
        }

        private readonly bool IsAcceptable(Point c)
        {
            bool curvature = c.Slope >= options.Curvature * slope0;
            if (!curvature) return false;
            if (c.Value - value0 <= options.SufficientDecrease * c.Step * slope0) return true;
            return options.ApproximateWolfe
                && (2 * options.SufficientDecrease - 1) * slope0 >= c.Slope
                && c.Value <= valueBound;
        }
    }
}
