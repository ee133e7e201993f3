using System.Globalization;
using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.Bounded;

/// <summary>
/// L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995, "A limited memory algorithm for bound constrained optimization", SIAM J.
/// Sci. Comput. 16(5); Zhu, Byrd, Lu &amp; Nocedal 1997, ACM TOMS 23(4), Algorithm 778; version 3.0 with the subspace
/// refinement of Morales &amp; Nocedal 2011, ACM TOMS 38(1)): minimizes f over the box l ≤ x ≤ u with a limited-memory
/// BFGS model in compact form B = θI − WMWᵀ. Each iteration finds the generalized Cauchy point along the projected
/// steepest-descent path (<c>GeneralizedCauchyPoint</c>), minimizes the model over the variables still free there
/// (<c>SubspaceMinimization</c>, the direct primal method, then projection or backtrack), and searches along
/// d = x̄ − x with a Moré–Thuente line search whose largest step keeps x inside the box. A singular middle matrix,
/// an uphill direction or a failed search refreshes the memory and repeats the iteration once, as the 3.0 code does.
/// Without bounds it is a limited-memory BFGS method (no Cauchy step once a pair is stored). O(mn) work per iteration
/// plus O(m²) per variable entering or leaving the free set, and no allocation after start-up.
/// </summary>
/// <example>
/// <code>
/// var box = Bounds.Create(lower: [-1.5, 1.5], upper: [0.5, double.PositiveInfinity]);
/// var result = new Lbfgsb().Minimize(problem, [-1.2, 1], box);
/// Console.WriteLine(result.Message);     // "converged: projected gradient ‖x − P(x − ∇f)‖∞ = … ≤ …"
/// </code>
/// </example>
public sealed class Lbfgsb : Minimizer<IGradientObjective, Lbfgsb.State>
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The largest step of an unconstrained direction (the 3.0 code's <c>big</c>).</summary>
    private const double LargestStep = 1e10;

    private readonly MoreThuenteLineSearch boundedSearch;

    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public Lbfgsb(LbfgsbOptions? options = null)
    {
        Options = options ?? new LbfgsbOptions();
        Options.Validate();
        // Along a direction scaled to reach the boundary at α = 1.
        boundedSearch = Options.LineSearch with { MaximumStep = 1 };
        boundedSearch.Validate();
    }

    /// <summary>The options.</summary>
    public LbfgsbOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "L-BFGS-B";

    /// <summary>Yes: L-BFGS-B is a method for bounds.</summary>
    public override bool SupportsBounds => true;

    /// <summary>The L-BFGS-B state: the bounds by kind, the compact memory and the work vectors, allocated once.</summary>
    public sealed class State : DescentState
    {
        internal State(IGradientObjective objective, int memory) : base(objective)
        {
            int n = objective.Dimension;
            Memory = new CompactLimitedMemory(n, memory);
            Lower = new double[n];
            Upper = new double[n];
            Kind = new int[n];
            Where = new int[n];
            IsFree = new bool[n];
            Index = new int[n];
            CauchyPoint = new double[n];
            CauchyDirection = new double[n];
            Breakpoints = new double[n];
            Order = new int[n];
            Reduced = new double[n];
            Saved = new double[n];
            P = new double[2 * memory];
            C = new double[2 * memory];
            V = new double[2 * memory];
            Wbp = new double[2 * memory];
            Wv = new double[2 * memory];
        }

        internal readonly CompactLimitedMemory Memory;
        internal readonly double[] Lower, Upper, CauchyPoint, CauchyDirection, Breakpoints, Reduced, Saved, P, C, V, Wbp, Wv;
        internal readonly int[] Kind, Where, Index, Order;
        internal readonly bool[] IsFree;
        internal bool Constrained, Boxed;

        /// <summary>Refreshes of the memory after a singular system, an uphill direction or a failed search.</summary>
        internal int Restarts;

        /// <summary>Pairs not stored because sᵀy ≤ ε·(−gᵀs).</summary>
        internal int SkippedUpdates;

        /// <summary>Subspace steps whose projection was uphill, replaced by the backtrack (Morales &amp; Nocedal 2011).</summary>
        internal int Backtracks;
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective, Options.Memory);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        int n = state.X.Length;
        var bounds = state.Bounds;
        state.Constrained = bounds is not null;
        state.Boxed = bounds is not null;
        for (int i = 0; i < n; i++)
        {
            double l = bounds?.Lower[i] ?? double.NegativeInfinity, u = bounds?.Upper[i] ?? double.PositiveInfinity;
            state.Lower[i] = l;
            state.Upper[i] = u;
            int kind = VariableKind.Of(l, u);
            state.Kind[i] = kind;
            state.Boxed &= kind == VariableKind.Both;
            state.Where[i] = kind == VariableKind.Unbounded ? VariableWhere.Unbounded
                : kind == VariableKind.Both && u - l <= 0 ? VariableWhere.Fixed : VariableWhere.Free;
        }
        state.Memory.Reset();
        state.EvaluateStart();
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        for (int attempt = 0; ; attempt++)
        {
            TerminationReason? failure;
            if (!TrialPoint(state))
            {
                failure = TerminationReason.NoProgress;
                state.StopDetail = "the limited-memory matrix became singular";
            }
            else
            {
                TensorPrimitives.Subtract(state.CauchyPoint, state.X, state.Direction);
                double slope = TensorPrimitives.Dot(state.Gradient, state.Direction);
                if (!double.IsFinite(slope)) return TerminationReason.NonFiniteValue;
                if (slope < 0)
                {
                    var outcome = SearchAndMove(state, slope);
                    if (outcome != TerminationReason.LineSearchFailed) return outcome;
                    failure = outcome;
                    state.StopDetail = "no step along x̄ − x decreased f enough within the evaluation budget";
                }
                else
                {
                    failure = TerminationReason.NoProgress;
                    state.StopDetail = string.Create(CultureInfo.InvariantCulture, $"the direction x̄ − x was not downhill (gᵀd = {slope:E2})");
                }
            }
            // An empty memory has nothing to refresh; otherwise start again from B = I, once.
            if (state.Memory.Count == 0 || attempt > 0) return failure;
            state.Memory.Reset();
            state.Restarts++;
        }
    }

    /// <summary>x̄ into <see cref="State.CauchyPoint"/>: the Cauchy point, then the subspace minimizer. False when a system is singular.</summary>
    private static bool TrialPoint(State state)
    {
        int n = state.X.Length, freeCount = 0, activeStart = n;
        if (!state.Constrained && state.Memory.Count > 0)
        {
            // No bounds: the Cauchy point is not needed, the subspace is everything.
            state.X.CopyTo(state.CauchyPoint, 0);
            state.C.AsSpan().Clear();
        }
        else if (!GeneralizedCauchyPoint.Compute(state))
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            bool free = state.Where[i] <= 0;
            state.IsFree[i] = free;
            if (free) state.Index[freeCount++] = i;
            else state.Index[--activeStart] = i;
        }
        return SubspaceMinimization.Refine(state, freeCount);
    }

    /// <summary>
    /// The line search of the 3.0 code's <c>lnsrlb</c>: the largest step keeps x in the box (1 on the first
    /// iteration, where d leads to the Cauchy point), the first trial is the full step (1/‖d‖ on the first iteration
    /// unless every variable is boxed). Returns null after a move, <see cref="TerminationReason.LineSearchFailed"/> to
    /// ask for a restart, or another reason to stop.
    /// </summary>
    private TerminationReason? SearchAndMove(State state, double slope)
    {
        var d = state.Direction;
        double maximumStep = LargestStep;
        if (state.Constrained)
        {
            if (state.Iteration == 0) maximumStep = 1;
            else maximumStep = StepToBoundary(state, maximumStep);
        }
        double first = state.Iteration == 0 && !state.Boxed ? Math.Min(1 / TensorPrimitives.Norm(d), maximumStep) : 1;
        if (!(maximumStep > 0)) return TerminationReason.LineSearchFailed;

        // A finite largest step becomes α = 1 along the direction scaled by it.
        bool scaled = maximumStep < LargestStep;
        double scale = scaled ? maximumStep : 1;
        if (scaled) TensorPrimitives.Multiply(d, scale, d);
        var search = scaled ? boundedSearch : Options.LineSearch;
        state.Line.ResetCount();
        var result = search.Search(state.Line, state.Value, slope * scale, first / scale);
        switch (result.Status)
        {
            case LineSearchStatus.MaximumStepReached when !scaled:
                if (result.Step > 0 && double.IsFinite(result.Value)) state.MoveAlong(result.Step);
                return TerminationReason.Unbounded;
            case LineSearchStatus.NonFinite:
                return TerminationReason.NonFiniteValue;
            case LineSearchStatus.Failed:
                return TerminationReason.LineSearchFailed;
        }
        double previousSlope = slope * scale;
        if (state.MoveAlong(result.Step) is { } stop) return stop;
        state.StepLength = result.Step * scale;
        if (state.Constrained) BoundSnapping.Snap(state.X, state.PreviousX, state.Lower, state.Upper);
        Remember(state, previousSlope * result.Step);
        return null;
    }

    /// <summary>The largest α ≤ <paramref name="largest"/> with x + αd inside the box.</summary>
    private static double StepToBoundary(State state, double largest)
    {
        var x = state.X;
        var d = state.Direction;
        for (int i = 0; i < x.Length; i++)
        {
            int kind = state.Kind[i];
            if (kind == VariableKind.Unbounded) continue;
            double di = d[i];
            if (di < 0 && VariableKind.HasLower(kind))
            {
                double room = state.Lower[i] - x[i];
                if (room >= 0) return 0;
                if (di * largest < room) largest = room / di;
            }
            else if (di > 0 && VariableKind.HasUpper(kind))
            {
                double room = state.Upper[i] - x[i];
                if (room <= 0) return 0;
                if (di * largest > room) largest = room / di;
            }
        }
        return largest;
    }

    /// <summary>
    /// Stores s = xₖ₊₁ − xₖ and y = ∇fₖ₊₁ − ∇fₖ unless sᵀy ≤ ε·(−∇fₖᵀs) (the 3.0 code's skip test); refreshes the
    /// memory when T becomes singular.
    /// </summary>
    private static void Remember(State state, double directionalDecrease)
    {
        // The line search's work vectors are free again: s in Reduced, y in Saved.
        var s = state.Reduced;
        var y = state.Saved;
        TensorPrimitives.Subtract(state.X, state.PreviousX, s);
        TensorPrimitives.Subtract(state.Gradient, state.PreviousGradient, y);
        double curvature = TensorPrimitives.Dot(s, y);
        if (!(curvature > MachineEpsilon * -directionalDecrease))
        {
            state.SkippedUpdates++;
            return;
        }
        if (!state.Memory.Add(s, y, curvature, TensorPrimitives.Dot(y, y)))
        {
            state.Memory.Reset();
            state.Restarts++;
        }
    }

    /// <inheritdoc/>
    protected override void AddDiagnostics(State state, IDictionary<string, double> diagnostics)
    {
        diagnostics["memory restarts"] = state.Restarts;
        diagnostics["skipped updates"] = state.SkippedUpdates;
        diagnostics["subspace backtracks"] = state.Backtracks;
    }
}
