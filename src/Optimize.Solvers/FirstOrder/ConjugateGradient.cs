using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.FirstOrder;

/// <summary>The formula for βₖ in dₖ₊₁ = −∇fₖ₊₁ + βₖdₖ (Nocedal &amp; Wright, §5.2).</summary>
public enum ConjugateGradientUpdate
{
    /// <summary>Fletcher–Reeves (1964): β = ‖gₖ₊₁‖²/‖gₖ‖² (eq. 5.41a).</summary>
    FletcherReeves,

    /// <summary>Polak–Ribière with the nonnegative truncation β⁺ = max(0, gₖ₊₁ᵀ(gₖ₊₁ − gₖ)/‖gₖ‖²) (eq. 5.45).</summary>
    PolakRibierePlus,

    /// <summary>Hestenes–Stiefel (1952): β = gₖ₊₁ᵀyₖ/dₖᵀyₖ (eq. 5.46).</summary>
    HestenesStiefel,

    /// <summary>
    /// Hager–Zhang (2005): β = (yₖ − 2dₖ‖yₖ‖²/dₖᵀyₖ)ᵀgₖ₊₁/dₖᵀyₖ, truncated below by
    /// −1/(‖dₖ‖·min(η, ‖gₖ‖)) with η = 0.01 (CG_DESCENT).
    /// </summary>
    HagerZhang,
}

/// <summary>Options of <see cref="ConjugateGradient"/>.</summary>
public sealed record ConjugateGradientOptions
{
    /// <summary>The β formula. Default Hager–Zhang.</summary>
    public ConjugateGradientUpdate Update { get; init; } = ConjugateGradientUpdate.HagerZhang;

    /// <summary>
    /// The line search; null picks Hager–Zhang's (δ = 0.01, σ = 0.1) for the Hager–Zhang update and a strong
    /// Wolfe Moré–Thuente search with c₂ = 0.1 for the others (Fletcher–Reeves needs c₂ &lt; ½, Nocedal &amp; Wright
    /// Lemma 5.6). CG_DESCENT's looser σ = 0.9 made CG on Rosenbrock take about six times more iterations here.
    /// </summary>
    public LineSearch? LineSearch { get; init; }

    /// <summary>The first trial step of each line search. Default quadratic interpolation.</summary>
    public InitialStep InitialStep { get; init; } = InitialStep.QuadraticInterpolation;

    /// <summary>Restart with −∇f every this many iterations; 0 means every n iterations. Default 0.</summary>
    public int RestartInterval { get; init; }

    /// <summary>Powell's restart: restart when |gₖ₊₁ᵀgₖ| ≥ this value · ‖gₖ₊₁‖² (eq. 5.52). Default 0.2; a huge value such as 1e300 disables the test.</summary>
    public double OrthogonalityThreshold { get; init; } = 0.2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Update)) throw new ArgumentOutOfRangeException(nameof(Update), Update, "Unknown update.");
        LineSearch?.Validate();
        if (RestartInterval < 0) throw new ArgumentOutOfRangeException(nameof(RestartInterval), RestartInterval, "RestartInterval must be at least 0.");
        DriverOptions.StrictlyPositive(OrthogonalityThreshold, nameof(OrthogonalityThreshold));
    }
}

/// <summary>
/// Nonlinear conjugate gradients (Nocedal &amp; Wright, Algorithm 5.4 and §5.2) with the Fletcher–Reeves,
/// Polak–Ribière⁺, Hestenes–Stiefel or Hager–Zhang β, restarting with steepest descent every n iterations,
/// when successive gradients lose orthogonality (Powell), or when dₖ is not a descent direction.
/// </summary>
public sealed class ConjugateGradient : Minimizer<IGradientObjective, ConjugateGradient.State>
{
    private readonly LineSearch lineSearch;

    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public ConjugateGradient(ConjugateGradientOptions? options = null)
    {
        Options = options ?? new ConjugateGradientOptions();
        Options.Validate();
        lineSearch = Options.LineSearch ?? (Options.Update == ConjugateGradientUpdate.HagerZhang
            ? new HagerZhangLineSearch { SufficientDecrease = 0.01, Curvature = 0.1 }
            : new MoreThuenteLineSearch { Curvature = 0.1 });
    }

    /// <summary>The options.</summary>
    public ConjugateGradientOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => $"Conjugate gradient ({Options.Update})";

    /// <summary>The CG state.</summary>
    public sealed class State : DescentState
    {
        internal State(IGradientObjective objective) : base(objective) => Y = new double[objective.Dimension];

        internal readonly double[] Y;
        internal int SinceRestart;
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateStart();
        TensorPrimitives.Negate(state.Gradient, state.Direction);
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        if (!(TensorPrimitives.Dot(state.Gradient, state.Direction) < 0))
        {
            TensorPrimitives.Negate(state.Gradient, state.Direction);
            state.SinceRestart = 0;
        }
        if (state.SearchAndMove(lineSearch, Options.InitialStep) is { } stop) return stop;
        NextDirection(state);
        return null;
    }

    private void NextDirection(State state)
    {
        var g = state.Gradient;
        var previous = state.PreviousGradient;
        var d = state.Direction;
        int interval = Options.RestartInterval > 0 ? Options.RestartInterval : g.Length;
        state.SinceRestart++;
        double gg = TensorPrimitives.Dot(g, g);
        bool restart = state.SinceRestart >= interval
            || Math.Abs(TensorPrimitives.Dot(g, previous)) >= Options.OrthogonalityThreshold * gg;

        double beta = 0;
        if (!restart)
        {
            double previousGg = TensorPrimitives.Dot(previous, previous);
            TensorPrimitives.Subtract(g, previous, state.Y);
            double dy = TensorPrimitives.Dot(d, state.Y);
            beta = Options.Update switch
            {
                ConjugateGradientUpdate.FletcherReeves => gg / previousGg,
                ConjugateGradientUpdate.PolakRibierePlus => Math.Max(0, TensorPrimitives.Dot(g, state.Y) / previousGg),
                ConjugateGradientUpdate.HestenesStiefel => TensorPrimitives.Dot(g, state.Y) / dy,
                _ => HagerZhangBeta(state.Y, d, g, dy, Math.Sqrt(previousGg)),
            };
            if (!double.IsFinite(beta)) beta = 0;
        }
        if (beta == 0) state.SinceRestart = 0;
        TensorPrimitives.Multiply(d, beta, d);
        TensorPrimitives.Subtract(d, g, d);
    }

    /// <summary>β of Hager &amp; Zhang (2005), eq. 1.3, with the lower bound of their eq. 2.4 (η = 0.01).</summary>
    private static double HagerZhangBeta(ReadOnlySpan<double> y, ReadOnlySpan<double> d, ReadOnlySpan<double> g, double dy, double previousGradientNorm)
    {
        double yy = TensorPrimitives.Dot(y, y);
        double beta = (TensorPrimitives.Dot(y, g) - 2 * yy / dy * TensorPrimitives.Dot(d, g)) / dy;
        double floor = -1 / (TensorPrimitives.Norm(d) * Math.Min(0.01, previousGradientNorm));
        return Math.Max(beta, floor);
    }
}
