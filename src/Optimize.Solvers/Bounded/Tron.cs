using System.Globalization;
using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Solvers.Bounded;

/// <summary>
/// TRON, the projected trust-region Newton method of Lin &amp; Moré (1999), "Newton's method for large bound-constrained
/// optimization problems", SIAM J. Optim. 9(4): each iteration minimizes the model q(s) = ∇fᵀs + ½sᵀ∇²f s over the
/// box and the trust region ‖s‖₂ ≤ Δ in two phases. The Cauchy step s = P(x − αg) − x takes α from a projected search
/// (extrapolating or interpolating by 10 from the previous α) that meets q(s) ≤ μ₀gᵀs inside the region (§3). Then,
/// from the Cauchy point, subspace steps: Steihaug's conjugate gradient on the variables strictly inside their bounds
/// (truncated at the trust-region boundary or at negative curvature), followed by a projected search along the CG step
/// that enforces sufficient decrease of q (§4); they repeat while the search meets new bounds and the projected model
/// gradient is still large. The radius follows the actual-to-predicted reduction with the interpolation rule of the
/// TRON code. Needs only Hessian-vector products, one per CG iteration and per trial of a projected search; the
/// incomplete-Cholesky preconditioner of the paper is not used (it needs the matrix). Without bounds it is a
/// Steihaug trust-region Newton method.
/// </summary>
public sealed class Tron : Minimizer<IHessianVectorObjective, Tron.State>
{
    private const double Shrink = 0.1, Grow = 10;
    private const double Eta0 = 1e-4, Eta1 = 0.25, Eta2 = 0.75, Sigma1 = 0.25, Sigma2 = 0.5, Sigma3 = 4;
    private const int SearchLimit = 60;
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public Tron(TronOptions? options = null)
    {
        Options = options ?? new TronOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public TronOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "TRON";

    /// <summary>Yes: TRON is a method for bounds.</summary>
    public override bool SupportsBounds => true;

    /// <summary>The TRON state: the box, the step and the model's work vectors, allocated once.</summary>
    public sealed class State : MinimizerState
    {
        internal State(IHessianVectorObjective objective) : base(objective.Dimension, hasGradient: true)
        {
            int n = objective.Dimension;
            Objective = objective;
            Lower = new double[n];
            Upper = new double[n];
            Step = new double[n];
            HessianStep = new double[n];
            ModelGradient = new double[n];
            Candidate = new double[n];
            CandidateStep = new double[n];
            CandidateProduct = new double[n];
            Trial = new double[n];
            TrialGradient = new double[n];
            Residual = new double[n];
            Conjugate = new double[n];
            Product = new double[n];
            Increment = new double[n];
            Free = new bool[n];
        }

        internal readonly IHessianVectorObjective Objective;
        internal readonly double[] Lower, Upper, Step, HessianStep, ModelGradient, Candidate, CandidateStep, CandidateProduct;
        internal readonly double[] Trial, TrialGradient, Residual, Conjugate, Product, Increment;
        internal readonly bool[] Free;
        internal double Radius, CauchyAlpha = 1;
        internal int Rejected, ConjugateGradientIterations;
    }

    /// <inheritdoc/>
    protected override State CreateState(IHessianVectorObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        var bounds = state.Bounds;
        for (int i = 0; i < state.X.Length; i++)
        {
            state.Lower[i] = bounds?.Lower[i] ?? double.NegativeInfinity;
            state.Upper[i] = bounds?.Upper[i] ?? double.PositiveInfinity;
        }
        state.EvaluateValueAndGradient(state.Objective);
        double projected = 0;
        for (int i = 0; i < state.X.Length; i++)
        {
            double p = state.X[i] - Math.Clamp(state.X[i] - state.Gradient[i], state.Lower[i], state.Upper[i]);
            projected += p * p;
        }
        state.Radius = Options.InitialRadius > 0 ? Options.InitialRadius : Math.Max(1, Math.Sqrt(projected));
        if (!(state.Radius > 0) || !double.IsFinite(state.Radius)) state.Radius = 1;
        state.CauchyAlpha = 1;
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        int n = state.X.Length;
        for (int attempt = 0; ; attempt++)
        {
            if (!(state.Radius > 1e-300 * (1 + TensorPrimitives.Norm(state.X))) || attempt >= 100)
            {
                state.StopDetail = string.Create(CultureInfo.InvariantCulture, $"the trust-region radius collapsed to {state.Radius:E2}");
                return TerminationReason.NoProgress;
            }
            CauchyStep(state);
            SubspaceSteps(state);
            // q(s) = gᵀs + ½sᵀHs; HessianStep holds Hs.
            double gs = TensorPrimitives.Dot(state.Gradient, state.Step);
            double predicted = -(gs + 0.5 * TensorPrimitives.Dot(state.Step, state.HessianStep));
            double stepNorm = TensorPrimitives.Norm(state.Step);
            // x + s, kept inside the box against rounding.
            for (int i = 0; i < n; i++) state.Trial[i] = Math.Clamp(state.X[i] + state.Step[i], state.Lower[i], state.Upper[i]);
            double trialValue = state.Objective.ValueAndGradient(state.Trial, state.TrialGradient);
            if (double.IsNegativeInfinity(trialValue)) return Accept(state, trialValue, stepNorm) ?? TerminationReason.Unbounded;
            double actual = state.Value - trialValue;
            if (!double.IsFinite(trialValue) || !double.IsFinite(TensorPrimitives.Sum(state.TrialGradient)))
            {
                state.Radius = Sigma1 * Math.Min(state.Radius, stepNorm);
                state.Rejected++;
                continue;
            }
            if (state.Iteration == 0 && attempt == 0) state.Radius = Math.Min(state.Radius, stepNorm);
            // The radius update of the TRON code: α minimizes the quadratic through f(x), gᵀs and f(x + s).
            double curvature = -actual - gs;
            double alpha = curvature <= 0 ? Sigma3 : Math.Max(Sigma1, -0.5 * gs / curvature);
            double radius = state.Radius;
            if (!(predicted > 0) || actual < Eta0 * predicted) radius = Math.Min(Math.Max(alpha, Sigma1) * stepNorm, Sigma2 * radius);
            else if (actual < Eta1 * predicted) radius = Math.Max(Sigma1 * radius, Math.Min(alpha * stepNorm, Sigma2 * radius));
            else if (actual < Eta2 * predicted) radius = Math.Max(Sigma1 * radius, Math.Min(alpha * stepNorm, Sigma3 * radius));
            else radius = Math.Max(radius, Math.Min(alpha * stepNorm, Sigma3 * radius));
            state.Radius = radius;
            if (predicted > 0 && actual > Eta0 * predicted) return Accept(state, trialValue, stepNorm);
            if (stepNorm == 0 || predicted <= 4 * MachineEpsilon * Math.Abs(state.Value))
            {
                // f cannot resolve the decrease the model predicts: x stays (a null step), and the driver decides
                // whether the point is stationary to rounding (StoppingRules.RoundingLimited, on the projected gradient).
                state.RememberCurrent();
                state.StopDetail = string.Create(CultureInfo.InvariantCulture,
                    $"the model's predicted decrease {predicted:E2} is below the rounding of f");
                return TerminationReason.NoProgress;
            }
            state.Rejected++;
        }
    }

    private static TerminationReason? Accept(State state, double value, double stepNorm)
    {
        state.RememberCurrent();
        state.Trial.CopyTo(state.X, 0);
        BoundSnapping.Snap(state.X, state.PreviousX, state.Lower, state.Upper);
        state.TrialGradient.CopyTo(state.Gradient, 0);
        state.Value = value;
        state.UpdateGradientNorm();
        state.StepLength = stepNorm;
        return null;
    }

    /// <summary>
    /// The Cauchy step s = P(x − αg) − x of Lin &amp; Moré, §3: from the previous α, interpolate by 0.1 until
    /// ‖s‖ ≤ Δ and q(s) ≤ μ₀gᵀs, or extrapolate by 10 while both still hold and the path still moves. Leaves s in
    /// <see cref="State.Step"/> and Hs in <see cref="State.HessianStep"/>.
    /// </summary>
    private void CauchyStep(State state)
    {
        double alpha = state.CauchyAlpha;
        bool acceptable = ProjectedGradientStep(state, alpha, state.Step, state.HessianStep);
        if (!acceptable)
        {
            for (int k = 0; k < SearchLimit && !acceptable; k++)
            {
                alpha *= Shrink;
                acceptable = ProjectedGradientStep(state, alpha, state.Step, state.HessianStep);
            }
        }
        else
        {
            double largest = LargestBreakpoint(state);
            for (int k = 0; k < SearchLimit && alpha <= largest; k++)
            {
                double next = alpha * Grow;
                if (!ProjectedGradientStep(state, next, state.CandidateStep, state.CandidateProduct)) break;
                alpha = next;
                state.CandidateStep.CopyTo(state.Step, 0);
                state.CandidateProduct.CopyTo(state.HessianStep, 0);
            }
        }
        state.CauchyAlpha = alpha;
    }

    /// <summary>s = P(x − αg) − x and Hs; whether ‖s‖ ≤ Δ and q(s) ≤ μ₀gᵀs.</summary>
    private bool ProjectedGradientStep(State state, double alpha, double[] step, double[] product)
    {
        var x = state.X;
        var g = state.Gradient;
        for (int i = 0; i < x.Length; i++) step[i] = Math.Clamp(x[i] - alpha * g[i], state.Lower[i], state.Upper[i]) - x[i];
        if (TensorPrimitives.Norm(step) > state.Radius) return false;
        state.Objective.HessianVector(x, step, product);
        double gs = TensorPrimitives.Dot(g, step);
        double q = gs + 0.5 * TensorPrimitives.Dot(step, product);
        return q <= Options.SufficientDecrease * gs;
    }

    /// <summary>The α past which P(x − αg) no longer moves (every variable with gᵢ ≠ 0 at its bound), +∞ when some never stops.</summary>
    private static double LargestBreakpoint(State state)
    {
        double largest = 0;
        for (int i = 0; i < state.X.Length; i++)
        {
            double gi = state.Gradient[i];
            if (gi < 0) largest = Math.Max(largest, (state.Upper[i] - state.X[i]) / -gi);
            else if (gi > 0) largest = Math.Max(largest, (state.X[i] - state.Lower[i]) / gi);
        }
        return largest;
    }

    /// <summary>
    /// The subspace phase of Lin &amp; Moré, §4, from x + s (the Cauchy point): Steihaug CG on the free variables, then
    /// a projected search along its step; repeated (the search may have met new bounds) until the CG step ends on the
    /// trust-region boundary or at negative curvature, or the reduced gradient of the model has fallen by the CG
    /// tolerance. Updates s and Hs.
    /// </summary>
    private void SubspaceSteps(State state)
    {
        int n = state.X.Length;
        var x = state.X;
        var s = state.Step;
        // ∇q(s) = g + Hs.
        TensorPrimitives.Add(state.Gradient, state.HessianStep, state.ModelGradient);
        double initialNorm = double.NaN;
        for (int round = 0; round < n; round++)
        {
            int free = 0;
            for (int i = 0; i < n; i++)
            {
                double xi = x[i] + s[i];
                state.Free[i] = xi > state.Lower[i] && xi < state.Upper[i];
                if (state.Free[i]) free++;
            }
            if (free == 0) return;
            double reducedNorm = ReducedNorm(state, state.ModelGradient);
            if (double.IsNaN(initialNorm)) initialNorm = reducedNorm;
            if (reducedNorm <= Options.ConjugateGradientTolerance * initialNorm || reducedNorm == 0) return;
            bool boundary = SteihaugConjugateGradient(state, Options.ConjugateGradientTolerance * reducedNorm, free);
            if (!ProjectedSearch(state) || boundary) return;
        }
    }

    private static double ReducedNorm(State state, double[] v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++) if (state.Free[i]) sum += v[i] * v[i];
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Steihaug's CG (Steihaug 1983; Nocedal &amp; Wright, Algorithm 7.2) on min ∇qᵀw + ½wᵀHw over the free variables with
    /// ‖s + w‖ ≤ Δ; w in <see cref="State.Increment"/>. Returns whether it stopped on the boundary or at negative curvature.
    /// </summary>
    private bool SteihaugConjugateGradient(State state, double tolerance, int free)
    {
        var w = state.Increment;
        var r = state.Residual;
        var d = state.Conjugate;
        var hd = state.Product;
        var s = state.Step;
        int n = w.Length;
        Array.Clear(w);
        for (int i = 0; i < n; i++) r[i] = state.Free[i] ? -state.ModelGradient[i] : 0;
        r.CopyTo(d, 0);
        double rr = TensorPrimitives.Dot(r, r);
        for (int k = 0; k < free; k++)
        {
            state.Objective.HessianVector(state.X, d, hd);
            for (int i = 0; i < n; i++) if (!state.Free[i]) hd[i] = 0;
            state.ConjugateGradientIterations++;
            double dhd = TensorPrimitives.Dot(d, hd);
            if (!(dhd > 0))
            {
                ToBoundary(state, d);
                return true;
            }
            double a = rr / dhd;
            // Would s + w + a·d leave the region?
            TensorPrimitives.MultiplyAdd(d, a, w, state.CandidateStep);
            TensorPrimitives.Add(state.CandidateStep, s, state.CandidateProduct);
            if (TensorPrimitives.Norm(state.CandidateProduct) >= state.Radius)
            {
                ToBoundary(state, d);
                return true;
            }
            state.CandidateStep.CopyTo(w, 0);
            TensorPrimitives.MultiplyAdd(hd, -a, r, r);
            double next = TensorPrimitives.Dot(r, r);
            if (Math.Sqrt(next) <= tolerance) return false;
            TensorPrimitives.MultiplyAdd(d, next / rr, r, d);
            rr = next;
        }
        return false;
    }

    /// <summary>w ← w + τd with τ ≥ 0 and ‖s + w + τd‖ = Δ.</summary>
    private static void ToBoundary(State state, double[] d)
    {
        var w = state.Increment;
        TensorPrimitives.Add(state.Step, w, state.CandidateProduct);
        double tau = SteihaugToint.ToBoundary(state.CandidateProduct, d, state.Radius);
        TensorPrimitives.MultiplyAdd(d, Math.Max(tau, 0), w, w);
    }

    /// <summary>
    /// The projected search of Lin &amp; Moré, §4, along w from x + s: α = 1, 0.1, … until the step
    /// t = P(x + s + αw) − (x + s) meets ∇qᵀt + ½tᵀHt ≤ μ₀∇qᵀt; then s += t, Hs and ∇q follow. Returns whether a
    /// step was taken.
    /// </summary>
    private bool ProjectedSearch(State state)
    {
        var x = state.X;
        var s = state.Step;
        var w = state.Increment;
        var t = state.CandidateStep;
        var ht = state.CandidateProduct;
        int n = x.Length;
        double alpha = 1;
        for (int k = 0; k < SearchLimit; k++, alpha *= Shrink)
        {
            for (int i = 0; i < n; i++)
            {
                double at = x[i] + s[i];
                t[i] = Math.Clamp(at + alpha * w[i], state.Lower[i], state.Upper[i]) - at;
            }
            state.Objective.HessianVector(x, t, ht);
            double gt = TensorPrimitives.Dot(state.ModelGradient, t);
            if (gt + 0.5 * TensorPrimitives.Dot(t, ht) <= Options.SufficientDecrease * gt)
            {
                TensorPrimitives.Add(s, t, s);
                TensorPrimitives.Add(state.HessianStep, ht, state.HessianStep);
                TensorPrimitives.Add(state.ModelGradient, ht, state.ModelGradient);
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc/>
    protected override void AddDiagnostics(State state, IDictionary<string, double> diagnostics)
    {
        diagnostics["rejected steps"] = state.Rejected;
        diagnostics["CG iterations"] = state.ConjugateGradientIterations;
        diagnostics["trust radius"] = state.Radius;
    }
}
