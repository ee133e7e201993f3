using Optimize.Oracles;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Optimize.FiniteDifferences;

/// <summary>
/// The shared machinery of every finite-difference derivative: perturb x by t·Δ (one coordinate, a group
/// of structurally orthogonal coordinates, or a dense direction), evaluate F, and form the derivative of
/// F(x + tΔ) with respect to t at t = 0 by the chosen formula. Columns are independent, so they run in
/// parallel when the function is declared thread-safe; each worker owns a <see cref="Workspace"/>.
/// </summary>
/// <remarks>
/// Every column is computed by the same code from the same inputs whether serial or parallel, so the two
/// paths give bit-identical results. An engine is stateful (its buffers are reused between calls) and is
/// not itself safe for concurrent calls.
/// </remarks>
internal sealed class DifferenceEngine
{
    private readonly VectorValueFunction function;
    private readonly FiniteDifferenceOptions options;
    private readonly ConcurrentBag<Workspace> pool = new();
    private readonly double[] point;
    private readonly double[] baseValue;
    private readonly double[] steps;
    private readonly Action<Workspace, int> columnBody;
    private readonly Action<Workspace, int> groupBody;
    private readonly Action<Workspace, int> secondDifferenceBody;
    private double[] result = [];
    private double[] errors = [];
    private bool wantErrors;
    private ColumnColoring? coloring;
    private double[] groupSteps = [];

    public DifferenceEngine(int dimension, int outputDimension, VectorValueFunction function, FiniteDifferenceOptions options)
    {
        Guard.Positive(dimension, nameof(dimension));
        Guard.Positive(outputDimension, nameof(outputDimension));
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Dimension = dimension;
        OutputDimension = outputDimension;
        this.function = function;
        this.options = options;
        point = new double[dimension];
        baseValue = new double[outputDimension];
        steps = new double[dimension];
        columnBody = ColumnBody;
        groupBody = GroupBody;
        secondDifferenceBody = SecondDifferenceBody;
    }

    public int Dimension { get; }

    public int OutputDimension { get; }

    public FiniteDifferenceOptions Options => options;

    /// <summary>Whether the method needs F(x) itself: forward and backward differences do.</summary>
    public bool NeedsBaseValue => options.Method is FiniteDifferenceMethod.Forward or FiniteDifferenceMethod.Backward;

    /// <summary>Evaluates F at <paramref name="x"/> into <paramref name="value"/>.</summary>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value) => function(x, value);

    /// <summary>
    /// All n columns ∂F/∂xⱼ, column-major into <paramref name="destination"/> (m·n), with per-entry error
    /// estimates when <paramref name="errorEstimates"/> is non-empty. <paramref name="valueAtX"/> is F(x) when
    /// already known (empty otherwise; evaluated here only if the method needs it). Returns false, writing NaN,
    /// when F(x) is not finite.
    /// </summary>
    public bool Columns(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, Span<double> destination,
        Span<double> errorEstimates, double defaultRelativeStep)
    {
        int n = Dimension, m = OutputDimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Length(destination.Length, m * n, nameof(destination));
        wantErrors = !errorEstimates.IsEmpty;
        if (wantErrors) Guard.Length(errorEstimates.Length, m * n, nameof(errorEstimates));
        if (!Prepare(x, valueAtX, wantErrors && options.Method != FiniteDifferenceMethod.Ridders))
        {
            destination.Fill(double.NaN);
            errorEstimates.Fill(double.NaN);
            return false;
        }
        for (int j = 0; j < n; j++) steps[j] = StepSize.For(x[j], options, defaultRelativeStep);
        EnsureLength(ref result, m * n);
        if (wantErrors) EnsureLength(ref errors, m * n);
        ForEach(n, columnBody);
        result.AsSpan(0, m * n).CopyTo(destination);
        if (wantErrors) errors.AsSpan(0, m * n).CopyTo(errorEstimates);
        return true;
    }

    /// <summary>
    /// One column ∂F/∂xⱼ into <paramref name="destination"/> (length m). Returns false, writing NaN, when
    /// F(x) is not finite.
    /// </summary>
    public bool Column(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, int column, Span<double> destination,
        double defaultRelativeStep)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(destination.Length, OutputDimension, nameof(destination));
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Dimension);
        wantErrors = false;
        if (!Prepare(x, valueAtX, needErrorBase: false))
        {
            destination.Fill(double.NaN);
            return false;
        }
        double h = StepSize.For(x[column], options, defaultRelativeStep);
        var ws = Rent();
        try
        {
            Differentiate(ws, new ReadOnlySpan<int>(in column), new ReadOnlySpan<double>(in h), h, column, ws.Derivative,
                Span<double>.Empty);
            for (int i = 0; i < OutputDimension; i++) destination[i] = ws.Derivative[i] / h;
        }
        finally
        {
            Return(ws);
        }
        return true;
    }

    /// <summary>
    /// The Hessian of a scalar function (m = 1) from values only, column-major into <paramref name="destination"/>
    /// (n·n), by central second differences with steps hⱼ ∝ ε^¼:
    /// Hᵢⱼ ≈ [f(x+hᵢeᵢ+hⱼeⱼ) − f(x+hᵢeᵢ−hⱼeⱼ) − f(x−hᵢeᵢ+hⱼeⱼ) + f(x−hᵢeᵢ−hⱼeⱼ)] / (4hᵢhⱼ), and for i = j
    /// Hᵢᵢ ≈ [f(x+2hᵢeᵢ) − 2f(x) + f(x−2hᵢeᵢ)] / (4hᵢ²) (Abramowitz &amp; Stegun 25.3.26–27); error O(h²).
    /// 2n² + 1 evaluations (2n² with f(x) known), symmetric by construction. False, writing NaN, when f(x) is not finite.
    /// </summary>
    public bool SecondDifferences(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, Span<double> destination)
    {
        int n = Dimension;
        if (OutputDimension != 1) throw new InvalidOperationException("Second differences need a scalar function.");
        Guard.Length(x.Length, n, nameof(x));
        Guard.Length(destination.Length, n * n, nameof(destination));
        if (!Prepare(x, valueAtX, needErrorBase: true))
        {
            destination.Fill(double.NaN);
            return false;
        }
        for (int j = 0; j < n; j++) steps[j] = StepSize.For(x[j], options, StepSize.SecondDifferenceRelativeStep);
        EnsureLength(ref result, n * n);
        ForEach(n, secondDifferenceBody);
        result.AsSpan(0, n * n).CopyTo(destination);
        return true;
    }

    /// <summary>
    /// The nonzeros of a sparse Jacobian with pattern <paramref name="pattern"/>, in the pattern's
    /// column-major order, from one perturbation per colour of <paramref name="columnColoring"/>
    /// (Curtis, Powell &amp; Reid 1974). Returns false, writing NaN, when F(x) is not finite.
    /// </summary>
    public bool Groups(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, SparsityPattern pattern,
        ColumnColoring columnColoring, Span<double> nonZeros, double defaultRelativeStep)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(nonZeros.Length, pattern.NonZeroCount, nameof(nonZeros));
        wantErrors = false;
        if (!Prepare(x, valueAtX, needErrorBase: false))
        {
            nonZeros.Fill(double.NaN);
            return false;
        }
        for (int j = 0; j < Dimension; j++) steps[j] = StepSize.For(x[j], options, defaultRelativeStep);
        coloring = columnColoring;
        EnsureLength(ref groupSteps, Dimension);
        var order = columnColoring.ColumnOrder;
        for (int k = 0; k < order.Length; k++) groupSteps[k] = steps[order[k]];
        EnsureLength(ref result, pattern.NonZeroCount);
        ForEach(columnColoring.ColorCount, groupBody);
        result.AsSpan(0, pattern.NonZeroCount).CopyTo(nonZeros);
        return true;
    }

    /// <summary>
    /// The directional derivative J(x)·p into <paramref name="destination"/> (length m) from a perturbation
    /// δ·p with δ = c·max(1, ‖x‖∞)/‖p‖∞: one extra evaluation for forward/backward differences when F(x) is
    /// known, two for central. Returns false, writing NaN, when F(x) is not finite.
    /// </summary>
    public bool Direction(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, ReadOnlySpan<double> p,
        Span<double> destination, double relativeStep)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(p.Length, Dimension, nameof(p));
        Guard.Length(destination.Length, OutputDimension, nameof(destination));
        double delta = StepSize.AlongDirection(x, p, options, relativeStep);
        if (delta == 0)
        {
            destination.Clear();
            return true;
        }
        wantErrors = false;
        if (!Prepare(x, valueAtX, needErrorBase: false))
        {
            destination.Fill(double.NaN);
            return false;
        }
        var ws = Rent();
        try
        {
            for (int k = 0; k < Dimension; k++) ws.DirectionSteps[k] = delta * p[k];
            Differentiate(ws, ReadOnlySpan<int>.Empty, ws.DirectionSteps, delta, -1, ws.Derivative, Span<double>.Empty);
            for (int i = 0; i < OutputDimension; i++) destination[i] = ws.Derivative[i] / delta;
        }
        finally
        {
            Return(ws);
        }
        return true;
    }

    /// <summary>Copies x and F(x) into the engine; evaluates F(x) when needed and not given. False when F(x) is not finite.</summary>
    private bool Prepare(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, bool needErrorBase)
    {
        x.CopyTo(point);
        if (!valueAtX.IsEmpty)
        {
            Guard.Length(valueAtX.Length, OutputDimension, nameof(valueAtX));
            valueAtX.CopyTo(baseValue);
        }
        else if (NeedsBaseValue || needErrorBase)
        {
            function(point, baseValue);
        }
        else
        {
            return true;
        }
        foreach (double v in baseValue)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    private static void EnsureLength(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[length];
    }

    private void ColumnBody(Workspace ws, int j)
    {
        int m = OutputDimension;
        double h = steps[j];
        var derivative = result.AsSpan(j * m, m);
        var error = wantErrors ? errors.AsSpan(j * m, m) : Span<double>.Empty;
        Differentiate(ws, new ReadOnlySpan<int>(in j), new ReadOnlySpan<double>(in steps[j]), h, j, derivative, error);
        for (int i = 0; i < m; i++)
        {
            derivative[i] /= h;
            if (wantErrors) error[i] /= h;
        }
    }

    private void GroupBody(Workspace ws, int color)
    {
        var columnColoring = coloring!;
        int start = columnColoring.ColorStart(color), count = columnColoring.ColorStart(color + 1) - start;
        var columns = columnColoring.ColumnOrder.Slice(start, count);
        var pattern = columnColoring.Pattern;
        Differentiate(ws, columns, groupSteps.AsSpan(start, count), groupSteps[start], columns.Length == 1 ? columns[0] : -1,
            ws.Derivative, Span<double>.Empty);
        for (int k = 0; k < columns.Length; k++)
        {
            int j = columns[k];
            double h = groupSteps[start + k];
            int first = pattern.ColumnStart(j), last = pattern.ColumnStart(j + 1);
            for (int e = first; e < last; e++) result[e] = ws.Derivative[pattern.RowIndex(e)] / h;
        }
    }

    private void SecondDifferenceBody(Workspace ws, int i)
    {
        int n = Dimension;
        double hi = steps[i], f = baseValue[0];
        Span<int> pair = [i, i];
        Span<double> deltas = [hi, 0.0];
        Span<double> single = [2.0 * hi];
        double plus = ValueAt(ws, pair[..1], single);
        single[0] = -2.0 * hi;
        double minus = ValueAt(ws, pair[..1], single);
        result[i * n + i] = (plus - 2.0 * f + minus) / (4.0 * hi * hi);
        for (int j = i + 1; j < n; j++)
        {
            double hj = steps[j];
            pair[1] = j;
            deltas[0] = hi; deltas[1] = hj;
            double plusPlus = ValueAt(ws, pair, deltas);
            deltas[1] = -hj;
            double plusMinus = ValueAt(ws, pair, deltas);
            deltas[0] = -hi;
            double minusMinus = ValueAt(ws, pair, deltas);
            deltas[1] = hj;
            double minusPlus = ValueAt(ws, pair, deltas);
            double hij = (plusPlus - plusMinus - minusPlus + minusMinus) / (4.0 * hi * hj);
            result[j * n + i] = hij;
            result[i * n + j] = hij;
        }
    }

    private double ValueAt(Workspace ws, ReadOnlySpan<int> indices, ReadOnlySpan<double> deltas)
    {
        EvaluateAt(ws, indices, deltas, 1.0, deltas[0], indices.Length == 1 ? indices[0] : -1, ws.Plus);
        return ws.Plus[0];
    }

    /// <summary>
    /// d/dt F(x + tΔ) at t = 0, where Δ has entries <paramref name="deltas"/> at <paramref name="indices"/>
    /// (all coordinates when <paramref name="indices"/> is empty), by the options' method; per-component
    /// error estimates into <paramref name="error"/> when it is non-empty.
    /// </summary>
    private void Differentiate(Workspace ws, ReadOnlySpan<int> indices, ReadOnlySpan<double> deltas, double scale,
        int coordinate, Span<double> derivative, Span<double> error)
    {
        int m = OutputDimension;
        const double eps = StepSize.Machine;
        switch (options.Method)
        {
            case FiniteDifferenceMethod.Forward:
                EvaluateAt(ws, indices, deltas, 1.0, scale, coordinate, ws.Plus);
                for (int i = 0; i < m; i++) derivative[i] = ws.Plus[i] - baseValue[i];
                if (!error.IsEmpty)
                {
                    EvaluateAt(ws, indices, deltas, 2.0, scale, coordinate, ws.Far);
                    for (int i = 0; i < m; i++)
                        error[i] = Math.Abs(derivative[i] - 0.5 * (ws.Far[i] - baseValue[i]))
                                   + eps * (Math.Abs(ws.Plus[i]) + Math.Abs(baseValue[i]));
                }
                break;
            case FiniteDifferenceMethod.Backward:
                EvaluateAt(ws, indices, deltas, -1.0, scale, coordinate, ws.Minus);
                for (int i = 0; i < m; i++) derivative[i] = baseValue[i] - ws.Minus[i];
                if (!error.IsEmpty)
                {
                    EvaluateAt(ws, indices, deltas, -2.0, scale, coordinate, ws.Far);
                    for (int i = 0; i < m; i++)
                        error[i] = Math.Abs(derivative[i] - 0.5 * (baseValue[i] - ws.Far[i]))
                                   + eps * (Math.Abs(ws.Minus[i]) + Math.Abs(baseValue[i]));
                }
                break;
            case FiniteDifferenceMethod.Central:
                EvaluateAt(ws, indices, deltas, 1.0, scale, coordinate, ws.Plus);
                EvaluateAt(ws, indices, deltas, -1.0, scale, coordinate, ws.Minus);
                for (int i = 0; i < m; i++) derivative[i] = 0.5 * (ws.Plus[i] - ws.Minus[i]);
                if (!error.IsEmpty)
                {
                    // D(2h) − D(h) ≈ 3·(truncation error of D(h)) for an O(h²) formula.
                    EvaluateAt(ws, indices, deltas, 2.0, scale, coordinate, ws.Far);
                    EvaluateAt(ws, indices, deltas, -2.0, scale, coordinate, ws.FarMinus);
                    for (int i = 0; i < m; i++)
                        error[i] = Math.Abs(derivative[i] - 0.25 * (ws.Far[i] - ws.FarMinus[i])) / 3.0
                                   + 0.5 * eps * (Math.Abs(ws.Plus[i]) + Math.Abs(ws.Minus[i]));
                }
                break;
            case FiniteDifferenceMethod.Ridders:
                Ridders(ws, indices, deltas, scale, coordinate, derivative, error);
                break;
        }
    }

    /// <summary>
    /// Ridders' extrapolation (Numerical Recipes, 3rd ed., §5.7, dfridr) run for every output component at
    /// once: a Neville tableau of central differences at t = t₀, t₀/c, t₀/c², … keeps, per component, the
    /// entry with the smallest error estimate, and a component stops when its error grows by SAFE.
    /// </summary>
    /// <remarks>
    /// Two safeguards beyond dfridr. The error estimate is floored at the round-off of the first central
    /// quotient, ε(|F₊| + |F₋|)/(2t₀), since the tableau differences vanish when f is quadratic along the step.
    /// And when an estimate is grossly poor — above 10⁻⁶ of the derivative plus 10³ times that round-off, as
    /// happens when the large initial step crosses a kink of a piecewise-smooth function (ReLU) — the tableau
    /// restarts from t₀/10, up to <see cref="RiddersRestarts"/> times, keeping per component the estimate with
    /// the smallest error.
    /// </remarks>
    private void Ridders(Workspace ws, ReadOnlySpan<int> indices, ReadOnlySpan<double> deltas, double scale,
        int coordinate, Span<double> derivative, Span<double> error)
    {
        int m = OutputDimension;
        ws.EnsureTableau(options.RiddersTableauSize);
        double initial = 1.0;
        for (int restart = 0; restart <= RiddersRestarts; restart++, initial /= 10.0)
        {
            RiddersTableau(ws, indices, deltas, initial, scale, coordinate);
            bool acceptable = true;
            for (int i = 0; i < m; i++)
            {
                double roundOff = StepSize.Machine * ws.FirstMagnitude[i] / (2.0 * initial);
                double estimate = Math.Max(ws.BestError[i], roundOff);
                if (restart == 0 || estimate < ws.FinalError[i])
                {
                    ws.Final[i] = ws.Best[i];
                    ws.FinalError[i] = estimate;
                }
                if (ws.FinalError[i] > 1e-6 * Math.Abs(ws.Final[i]) + 1e3 * roundOff) acceptable = false;
            }
            if (acceptable) break;
        }
        ws.Final.AsSpan(0, m).CopyTo(derivative);
        if (!error.IsEmpty) ws.FinalError.AsSpan(0, m).CopyTo(error);
    }

    /// <summary>How many times Ridders' tableau may restart from a ten times smaller initial step.</summary>
    private const int RiddersRestarts = 4;

    /// <summary>One dfridr tableau from t = <paramref name="initial"/>, leaving the per-component best entry and error in the workspace.</summary>
    private void RiddersTableau(Workspace ws, ReadOnlySpan<int> indices, ReadOnlySpan<double> deltas, double initial,
        double scale, int coordinate)
    {
        int m = OutputDimension, size = options.RiddersTableauSize;
        double shrink = options.RiddersShrinkFactor, shrinkSquared = shrink * shrink, safe = options.RiddersSafetyFactor;
        var previous = ws.Previous;
        var current = ws.Current;
        var best = ws.Best;
        var active = ws.Active;
        double t = initial;
        CentralQuotient(ws, indices, deltas, t, scale, coordinate, current);
        for (int i = 0; i < m; i++)
        {
            best[i] = current[i];
            ws.BestError[i] = double.MaxValue;
            ws.FirstMagnitude[i] = Math.Abs(ws.Plus[i]) + Math.Abs(ws.Minus[i]);
            active[i] = true;
        }
        int stillActive = m;
        for (int k = 1; k < size && stillActive > 0; k++)
        {
            (previous, current) = (current, previous);
            t /= shrink;
            CentralQuotient(ws, indices, deltas, t, scale, coordinate, current);
            double factor = shrinkSquared;
            for (int j = 1; j <= k; j++)
            {
                int row = j * m, before = (j - 1) * m;
                for (int i = 0; i < m; i++)
                {
                    if (!active[i]) continue;
                    double value = (current[before + i] * factor - previous[before + i]) / (factor - 1.0);
                    current[row + i] = value;
                    double estimate = Math.Max(Math.Abs(value - current[before + i]), Math.Abs(value - previous[before + i]));
                    if (estimate <= ws.BestError[i])
                    {
                        ws.BestError[i] = estimate;
                        best[i] = value;
                    }
                }
                factor *= shrinkSquared;
            }
            for (int i = 0; i < m; i++)
            {
                if (active[i] && Math.Abs(current[k * m + i] - previous[(k - 1) * m + i]) >= safe * ws.BestError[i])
                {
                    active[i] = false;
                    stillActive--;
                }
            }
        }
    }

    /// <summary>(F(x + tΔ) − F(x − tΔ)) / (2t) into the first m entries of <paramref name="destination"/>.</summary>
    private void CentralQuotient(Workspace ws, ReadOnlySpan<int> indices, ReadOnlySpan<double> deltas, double t,
        double scale, int coordinate, double[] destination)
    {
        EvaluateAt(ws, indices, deltas, t, scale, coordinate, ws.Plus);
        EvaluateAt(ws, indices, deltas, -t, scale, coordinate, ws.Minus);
        for (int i = 0; i < OutputDimension; i++) destination[i] = (ws.Plus[i] - ws.Minus[i]) / (2.0 * t);
    }

    /// <summary>Evaluates F(x + tΔ) into <paramref name="value"/> using the worker's copy of x, restored afterwards.</summary>
    private void EvaluateAt(Workspace ws, ReadOnlySpan<int> indices, ReadOnlySpan<double> deltas, double t,
        double scale, int coordinate, double[] value)
    {
        var p = ws.Point;
        if (indices.IsEmpty)
        {
            for (int k = 0; k < p.Length; k++) p[k] = point[k] + t * deltas[k];
            function(p, value);
            point.AsSpan().CopyTo(p);
        }
        else
        {
            for (int k = 0; k < indices.Length; k++) p[indices[k]] = point[indices[k]] + t * deltas[k];
            function(p, value);
            for (int k = 0; k < indices.Length; k++) p[indices[k]] = point[indices[k]];
        }
        for (int i = 0; i < OutputDimension; i++)
            if (!double.IsFinite(value[i]))
                throw new NonFiniteValueException(Describe(indices, t, scale, coordinate), coordinate, t * scale, i, value[i]);
    }

    private static string Describe(ReadOnlySpan<int> indices, double t, double scale, int coordinate)
    {
        string step = (t * scale).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (coordinate >= 0) return $"coordinate {coordinate}, step h = {step}";
        if (indices.IsEmpty) return $"along a direction, step δ = {step}";
        return $"coordinates {string.Join(", ", indices.ToArray())} perturbed together, step of coordinate {indices[0]} = {step}";
    }

    /// <summary>
    /// Runs <paramref name="body"/> for items 0 … count − 1. With several workers, item 0 runs first and is
    /// timed: if the remaining work is estimated below <see cref="FiniteDifferenceOptions.MinimumParallelWork"/>
    /// (where dispatching to the thread pool would cost more than it saves) the loop stays serial. Either way
    /// every item runs the same code on the same inputs.
    /// </summary>
    private void ForEach(int count, Action<Workspace, int> body)
    {
        // Long work (n columns, n² second differences) stops within one item when the caller cancels.
        // The deadline of a time limit is read from the clock here, not left to a timer the busy pool may delay.
        if (EvaluationCancellation.Capture() is { } limits)
        {
            var inner = body;
            body = (ws, k) =>
            {
                limits.ThrowIfRequested();
                inner(ws, k);
            };
        }
        int workers = Math.Min(options.Workers, count);
        if (workers > 1)
        {
            var first = Rent();
            long started = Stopwatch.GetTimestamp();
            try
            {
                body(first, 0);
            }
            finally
            {
                Return(first);
            }
            var estimate = Stopwatch.GetElapsedTime(started) * (count - 1);
            if (estimate >= options.MinimumParallelWork)
            {
                RunInParallel(1, count, workers, body);
                return;
            }
        }
        var ws = Rent();
        try
        {
            for (int k = workers > 1 ? 1 : 0; k < count; k++) body(ws, k);
        }
        finally
        {
            Return(ws);
        }
    }

    private void RunInParallel(int from, int count, int workers, Action<Workspace, int> body)
    {
        var partitions = Partitioner.Create(from, count, Math.Max(1, (count - from) / (4 * workers)));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        try
        {
            Parallel.ForEach(partitions, parallel, Rent, (range, _, ws) =>
            {
                for (int k = range.Item1; k < range.Item2; k++) body(ws, k);
                return ws;
            }, Return);
        }
        catch (AggregateException aggregate)
        {
            // Report the same failure the serial loop would meet first.
            var first = aggregate.InnerExceptions.OfType<NonFiniteValueException>()
                .OrderBy(e => e.Coordinate).FirstOrDefault() ?? aggregate.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    private Workspace Rent()
    {
        if (!pool.TryTake(out var ws)) ws = new Workspace(Dimension, OutputDimension);
        point.AsSpan().CopyTo(ws.Point);
        return ws;
    }

    private void Return(Workspace ws) => pool.Add(ws);

    /// <summary>One worker's buffers: its own copy of x and the values at perturbed points.</summary>
    internal sealed class Workspace(int dimension, int outputDimension)
    {
        public readonly double[] Point = new double[dimension];
        public readonly double[] DirectionSteps = new double[dimension];
        public readonly double[] Plus = new double[outputDimension];
        public readonly double[] Minus = new double[outputDimension];
        public readonly double[] Far = new double[outputDimension];
        public readonly double[] FarMinus = new double[outputDimension];
        public readonly double[] Derivative = new double[outputDimension];
        public double[] Previous = [];
        public double[] Current = [];
        public double[] Best = [];
        public double[] BestError = [];
        public double[] FirstMagnitude = [];
        public double[] Final = [];
        public double[] FinalError = [];
        public bool[] Active = [];

        public void EnsureTableau(int size)
        {
            if (Previous.Length >= size * outputDimension) return;
            Previous = new double[size * outputDimension];
            Current = new double[size * outputDimension];
            Best = new double[outputDimension];
            BestError = new double[outputDimension];
            FirstMagnitude = new double[outputDimension];
            Final = new double[outputDimension];
            FinalError = new double[outputDimension];
            Active = new bool[outputDimension];
        }
    }
}
