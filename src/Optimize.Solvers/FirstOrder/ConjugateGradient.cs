using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.FirstOrder;

/// <summary>
/// Nonlinear conjugate gradients (Nocedal &amp; Wright, Algorithm 5.4 and §5.2) with the Fletcher–Reeves,
/// Polak–Ribière⁺, Hestenes–Stiefel or Hager–Zhang β, restarting with steepest descent every n iterations (6n for
/// Hager–Zhang, <see cref="ConjugateGradientOptions.RestartInterval"/>),
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
        lineSearch = Options.LineSearch ?? new MoreThuenteLineSearch { Curvature = 0.1 };
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

    /// <summary>CG_DESCENT's restart_fac: the Hager–Zhang update restarts every 6n iterations by default.</summary>
    private const int HagerZhangRestartFactor = 6;

    private void NextDirection(State state)
    {
        var g = state.Gradient;
        var previous = state.PreviousGradient;
        var d = state.Direction;
        int interval = Options.RestartInterval > 0 ? Options.RestartInterval
            : Options.Update == ConjugateGradientUpdate.HagerZhang ? HagerZhangRestartFactor * g.Length : g.Length;
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
