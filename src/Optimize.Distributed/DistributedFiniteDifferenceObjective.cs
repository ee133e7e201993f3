using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Distributed;

/// <summary>
/// A finite-difference gradient whose columns are spread over the processes: every process can evaluate the
/// whole objective f, and computes the difference quotients of its contiguous block of coordinates
/// (<see cref="ShardRange"/>); one Allreduce of the blocks, zero elsewhere, assembles ∇f. With P processes a
/// gradient costs about 2n/P evaluations of f per process (central differences; n/P forward) instead of 2n.
/// </summary>
/// <remarks>
/// <para>Each column is computed by the toolkit's own finite differences (<see cref="FiniteDifferenceObjective"/>,
/// the step rules of <see cref="StepSize"/>) from the same point and step as in one process, and every other
/// process adds an exact zero, so the gradient is bit for bit the single-process
/// <see cref="FiniteDifferenceObjective"/> gradient, whatever the number of processes.</para>
/// <para>f must give the same value on every process (the same code and data: a replicated objective).
/// <see cref="Value"/> is local; <see cref="ValueAndGradient"/> is a collective call. With
/// <see cref="FiniteDifferenceOptions.ThreadSafe"/> each process also spreads its own columns over its cores.
/// A column whose perturbed value is not finite makes the whole gradient NaN on every process (the solver then
/// reports it); any other exception is thrown as a <see cref="DistributedEvaluationException"/> on every process.
/// Not safe for concurrent calls.</para>
/// </remarks>
public sealed class DistributedFiniteDifferenceObjective : IGradientObjective
{
    private readonly ICommunicator communicator;
    private readonly IObjective objective;
    private readonly ShardRange columns;
    private readonly FiniteDifferenceObjective? block;
    private readonly double[] point;
    private readonly double[] sums;

    /// <summary>Spreads the gradient of <paramref name="objective"/> over the processes of <paramref name="communicator"/>.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="objective">f, the same on every process; only values are used.</param>
    /// <param name="options">Finite-difference options (no sparsity pattern); <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="communicator"/> or <paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">The options carry a sparsity pattern, or are invalid.</exception>
    public DistributedFiniteDifferenceObjective(ICommunicator communicator, IObjective objective, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(objective);
        options ??= FiniteDifferenceOptions.Default;
        options.Validate();
        if (options.Sparsity is not null)
            throw new ArgumentException("options.Sparsity is set; distributed differences take dense columns only.", nameof(options));
        this.communicator = communicator;
        this.objective = objective;
        Options = options;
        int n = objective.Dimension;
        columns = ShardRange.Of(n, communicator);
        point = new double[n];
        sums = new double[n + 1];
        if (columns.Count > 0) block = FiniteDifferenceObjective.Create(columns.Count, BlockValue, options);
    }

    /// <inheritdoc/>
    public int Dimension => objective.Dimension;

    /// <summary>The coordinates whose difference quotients this process computes.</summary>
    public ShardRange Columns => columns;

    /// <summary>The finite-difference options in force.</summary>
    public FiniteDifferenceOptions Options { get; }

    /// <summary>f(x), evaluated on this process alone.</summary>
    /// <param name="x">The point, of length n.</param>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        return objective.Value(x);
    }

    /// <summary>f(x) and the finite-difference gradient, each process differencing its own columns. A collective call.</summary>
    /// <param name="x">The point, of length n; the same on every process.</param>
    /// <param name="gradient">Destination of length n.</param>
    /// <returns>f(x).</returns>
    /// <exception cref="DistributedEvaluationException">f threw on some process.</exception>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int n = Dimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Length(gradient.Length, n, nameof(gradient));
        Array.Clear(sums);
        string? error = null;
        Exception? exception = null;
        double value = double.NaN;
        try
        {
            x.CopyTo(point);
            value = block is null
                ? objective.Value(x)
                : block.ValueAndGradient(x.Slice(columns.Start, columns.Count), sums.AsSpan(columns.Start, columns.Count));
        }
        catch (NonFiniteValueException)
        {
            value = objective.Value(x);   // finite, as on every other process
            sums.AsSpan(0, n).Fill(double.NaN);
        }
        catch (Exception e)
        {
            exception = e;
            error = Agreement.Describe(e);
        }
        Agreement.Sum(communicator, sums, n, error, exception, "the finite-difference gradient");
        sums.AsSpan(0, n).CopyTo(gradient);
        return value;
    }

    /// <summary>f with this process's block of coordinates replaced by <paramref name="z"/> and the rest at the current point.</summary>
    private double BlockValue(ReadOnlySpan<double> z)
    {
        Span<double> y = point.Length <= 256 ? stackalloc double[point.Length] : new double[point.Length];
        point.CopyTo(y);
        z.CopyTo(y.Slice(columns.Start, columns.Count));
        return objective.Value(y);
    }
}
