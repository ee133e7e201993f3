using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.DerivativeFree;

/// <summary>
/// The Nelder–Mead simplex method (Nelder &amp; Mead 1965, in the form of Lagarias et al. 1998) with the adaptive
/// coefficients of Gao &amp; Han (2012): the derivative-free baseline. Needs values only; NaN values count as +∞.
/// One iteration is one reflection, expansion, contraction or shrink. Practical for small n only. It stops on the
/// whole simplex, never on the best vertex alone: converged (<see cref="TerminationReason.FunctionChangeTolerance"/>)
/// when both the simplex diameter and the spread of f over the vertices are within their tolerances, as scipy's
/// <c>xatol</c> and <c>fatol</c> (an iteration that does not improve the best vertex says nothing about convergence).
/// A simplex can collapse away from any stationary point (McKinnon 1998, SIAM J. Optim. 9), so a collapse is checked
/// before it is reported: the initial simplex is rebuilt around the best vertex (n evaluations, the final check of
/// O'Neill's AS 47 and the restart of Kelley 1999, SIAM J. Optim. 10). A vertex lower by more than the f tolerance
/// continues the search from the fresh simplex; otherwise the run has converged, unless a moved vertex has the very
/// same f, which means f does not depend on that coordinate there (a plateau, such as an underflowed exponential):
/// then it stops with <see cref="TerminationReason.NoProgress"/>, since values cannot tell a minimum from a plateau.
/// </summary>
public sealed class NelderMead : Minimizer<IObjective, NelderMead.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public NelderMead(NelderMeadOptions? options = null)
    {
        Options = options ?? new NelderMeadOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public NelderMeadOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => Options.Adaptive ? "Nelder–Mead (adaptive)" : "Nelder–Mead";

    /// <summary>
    /// Yes: as scipy (1.7 and later) does, every vertex is projected onto the box — the initial simplex (a step
    /// that would cross an upper bound is taken downwards instead) and every reflected, expanded or contracted point.
    /// </summary>
    public override bool SupportsBounds => true;

    /// <summary>The state: the simplex vertices and their values.</summary>
    public sealed class State : MinimizerState
    {
        internal State(IObjective objective) : base(objective.Dimension, hasGradient: false)
        {
            int n = objective.Dimension;
            Objective = objective;
            Vertices = new double[(n + 1) * n];
            Values = new double[n + 1];
            Order = new int[n + 1];
            Centroid = new double[n];
            Reflected = new double[n];
            Moved = new double[n];
        }

        internal readonly IObjective Objective;
        internal readonly double[] Vertices, Values, Centroid, Reflected, Moved;
        internal readonly int[] Order;

        /// <summary>Whether the next iteration rebuilds the simplex around the best vertex to check a collapse.</summary>
        internal bool CheckPending;

        /// <summary>The f tolerance of the collapse that asked for the check.</summary>
        internal double CheckTolerance;

        /// <summary>The numbers of the collapse that asked for the check.</summary>
        internal string CollapseDetail = "";

        /// <summary>The verdict of a check that found no lower point, or null.</summary>
        internal TerminationReason? CheckVerdict;

        internal Span<double> Vertex(int i) => Vertices.AsSpan(i * X.Length, X.Length);
    }

    /// <inheritdoc/>
    protected override State CreateState(IObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.Value = Evaluate(state, state.X);
        BuildSimplex(state, state.Value);
        // x₀ stays the reported point until the first iteration; vertex 0 is x₀.
        return double.IsFinite(state.Values[0]) ? null : TerminationReason.NonFiniteValue;
    }

    /// <summary>
    /// Vertex 0 is x (with f(x) = <paramref name="value"/>, not evaluated again); vertex i moves xᵢ₋₁ by
    /// <see cref="NelderMeadOptions.InitialSimplexScale"/>·xᵢ₋₁ (by 0.00025 when xᵢ₋₁ = 0).
    /// </summary>
    private void BuildSimplex(State state, double value)
    {
        int n = state.X.Length;
        for (int i = 0; i <= n; i++)
        {
            var vertex = state.Vertex(i);
            state.X.CopyTo(vertex);
            if (i > 0)
            {
                double step = state.X[i - 1] != 0 ? Options.InitialSimplexScale * state.X[i - 1] : 0.00025;
                if (state.Bounds is { } bounds && state.X[i - 1] + step > bounds.Upper[i - 1]) step = -step;
                vertex[i - 1] += step;
                state.Bounds?.Project(vertex);
            }
            state.Values[i] = i == 0 ? value : Evaluate(state, vertex);
            state.Order[i] = i;
        }
        Sort(state);
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        int n = state.X.Length;
        if (state.CheckPending)
        {
            // The final check: a fresh simplex around the best vertex. No new vertex lower by more than the f tolerance
            // confirms the collapse; one that is lower continues the search from the fresh simplex.
            state.CheckPending = false;
            double centre = state.Value;
            BuildSimplex(state, centre);
            state.RememberCurrent();
            Publish(state);
            state.StepLength = TensorPrimitives.Distance(state.X, state.PreviousX);
            if (!(centre - state.Value > state.CheckTolerance))
            {
                int flat = Array.IndexOf(state.Values, centre, 1);
                state.CheckVerdict = flat < 0 ? TerminationReason.FunctionChangeTolerance : TerminationReason.NoProgress;
                state.StopDetail = flat < 0
                    ? state.CollapseDetail + "; a fresh simplex around the best vertex found no lower f"
                    : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{state.CollapseDetail}, but f is the same to the last bit with coordinate {flat} of the best vertex moved: a plateau, not a confirmed minimum");
            }
            return null;
        }
        double reflection = 1, expansion = Options.Adaptive ? 1 + 2.0 / n : 2;
        double contraction = Options.Adaptive ? 0.75 - 0.5 / n : 0.5, shrink = Options.Adaptive ? 1 - 1.0 / n : 0.5;
        int best = state.Order[0], worst = state.Order[n], secondWorst = state.Order[n - 1];

        var centroid = state.Centroid.AsSpan();
        centroid.Clear();
        for (int k = 0; k < n; k++) TensorPrimitives.Add(centroid, state.Vertex(state.Order[k]), centroid);
        TensorPrimitives.Multiply(centroid, 1.0 / n, centroid);

        var worstVertex = state.Vertex(worst);
        Along(state, centroid, worstVertex, -reflection, state.Reflected);
        double reflectedValue = Evaluate(state, state.Reflected);
        if (reflectedValue < state.Values[best])
        {
            Along(state, centroid, worstVertex, -reflection * expansion, state.Moved);
            double expandedValue = Evaluate(state, state.Moved);
            if (expandedValue < reflectedValue) Replace(state, worst, state.Moved, expandedValue);
            else Replace(state, worst, state.Reflected, reflectedValue);
        }
        else if (reflectedValue < state.Values[secondWorst])
        {
            Replace(state, worst, state.Reflected, reflectedValue);
        }
        else
        {
            bool outside = reflectedValue < state.Values[worst];
            Along(state, centroid, worstVertex, outside ? -reflection * contraction : contraction, state.Moved);
            double contractedValue = Evaluate(state, state.Moved);
            if (contractedValue < (outside ? reflectedValue : state.Values[worst]))
            {
                Replace(state, worst, state.Moved, contractedValue);
            }
            else
            {
                var bestVertex = state.Vertex(best);
                for (int k = 1; k <= n; k++)
                {
                    int i = state.Order[k];
                    var vertex = state.Vertex(i);
                    TensorPrimitives.Subtract(vertex, bestVertex, vertex);
                    TensorPrimitives.MultiplyAdd(vertex, shrink, bestVertex, vertex);
                    state.Values[i] = Evaluate(state, vertex);
                }
            }
        }

        Sort(state);
        state.RememberCurrent();
        Publish(state);
        state.StepLength = TensorPrimitives.Distance(state.X, state.PreviousX);
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Test(State state, DriverOptions options)
    {
        if (double.IsNegativeInfinity(state.Value) || state.Value < options.UnboundedValue) return TerminationReason.Unbounded;
        if (state.CheckVerdict is { } verdict) return verdict;
        double diameter = Diameter(state), spread = Spread(state);
        double size = (options.StepTolerance > 0 ? options.StepTolerance : Options.SimplexSizeTolerance)
            * (1 + Math.Abs(TensorPrimitives.MaxMagnitude(state.X)));
        double values = options.FunctionChangeTolerance > 0
            ? options.FunctionChangeTolerance * Math.Max(1, Math.Abs(state.Value))
            : Options.ValueSpreadTolerance;
        if (!(diameter <= size && spread <= values)) return null;
        state.CollapseDetail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"simplex diameter {diameter:E2} ≤ {size:E2} and f spread {spread:E2} ≤ {values:E2}");
        state.CheckPending = true;
        state.CheckTolerance = values;
        return null;
    }

    /// <inheritdoc/>
    protected override void AddDiagnostics(State state, IDictionary<string, double> diagnostics)
    {
        diagnostics["simplex diameter"] = Diameter(state);
        diagnostics["f spread"] = Spread(state);
    }

    /// <summary>destination = centroid + coefficient·(vertex − centroid), projected onto the bounds of a bounded run.</summary>
    private static void Along(State state, ReadOnlySpan<double> centroid, ReadOnlySpan<double> vertex, double coefficient, Span<double> destination)
    {
        TensorPrimitives.Subtract(vertex, centroid, destination);
        TensorPrimitives.MultiplyAdd(destination, coefficient, centroid, destination);
        state.Bounds?.Project(destination);
    }

    private static double Evaluate(State state, ReadOnlySpan<double> x)
    {
        double value = state.Objective.Value(x);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }

    private static void Replace(State state, int index, ReadOnlySpan<double> point, double value)
    {
        point.CopyTo(state.Vertex(index));
        state.Values[index] = value;
    }

    /// <summary>Insertion sort of the vertex order by value (n + 1 entries, nearly sorted after one step).</summary>
    private static void Sort(State state)
    {
        var order = state.Order;
        var values = state.Values;
        for (int i = 1; i < order.Length; i++)
        {
            int current = order[i];
            int j = i - 1;
            while (j >= 0 && values[order[j]] > values[current])
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = current;
        }
    }

    private static void Publish(State state)
    {
        state.Vertex(state.Order[0]).CopyTo(state.X);
        state.Value = state.Values[state.Order[0]];
    }

    /// <summary>maxᵢ |f(vᵢ) − f(v_best)| over the vertices (+∞ when a vertex has no finite value).</summary>
    private static double Spread(State state)
    {
        double best = state.Values[state.Order[0]], spread = 0;
        foreach (double v in state.Values) spread = Math.Max(spread, v - best);
        return double.IsNaN(spread) ? double.PositiveInfinity : spread;
    }

    /// <summary>maxᵢ ‖vᵢ − v_best‖∞ over the vertices.</summary>
    private static double Diameter(State state)
    {
        var best = state.Vertex(state.Order[0]);
        double diameter = 0;
        for (int i = 0; i < state.Values.Length; i++)
        {
            var vertex = state.Vertex(i);
            for (int j = 0; j < vertex.Length; j++) diameter = Math.Max(diameter, Math.Abs(vertex[j] - best[j]));
        }
        return diameter;
    }
}
