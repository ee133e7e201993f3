using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Distributed;

/// <summary>
/// An objective that is a sum over data held in parts by the processes of a group, f(x) = Σₚ fₚ(x): each
/// process holds its part of the data and a local objective fₚ over it (hand-coded, automatic
/// differentiation, generated code or finite differences), and every value, gradient, Hessian-vector product
/// and Hessian is the sum of the local ones over the processes, formed by one Allreduce each — the
/// data-parallel evaluation of a separable objective (Bertsekas &amp; Tsitsiklis, <i>Parallel and Distributed
/// Computation</i>, 1989, §1.2; Dean et al., "Large Scale Distributed Deep Networks", NIPS 2012).
/// </summary>
/// <remarks>
/// <para>Every solver runs on it unchanged. Start the same solver with the same options and start on every
/// process: the Allreduce gives every process the identical sum, so every process performs the identical
/// iterations, evaluations and result, and must, because each evaluation is a collective call that all
/// processes make together. Keep per-process decisions out of the run: a callback must answer the same on
/// every process, and a time limit (which ends runs at different iterations on different processes) must not
/// be set. Let rank 0 alone print and write files.</para>
/// <para>The order of summation differs from one process count to another, so results on different numbers of
/// processes agree to rounding (about 1e-16 relative per evaluation), not bit for bit.</para>
/// <para>Failures: an exception from the local objective on any process makes every process throw the same
/// <see cref="DistributedEvaluationException"/> from the same call (see <see cref="NonFiniteShards"/> for
/// non-finite values). Not safe for concurrent calls: give finite-difference wrappers over it
/// <c>ThreadSafe = false</c>.</para>
/// <para><see cref="Create(ICommunicator, IObjective, NonFiniteShards)"/> and its overloads return the sharded
/// objective with the capabilities of the local objective's static type.</para>
/// </remarks>
public class ShardedObjective : IObjective
{
    private readonly IObjective local;
    private readonly LocalPart localValue;

    /// <summary>The group of processes.</summary>
    private protected readonly ICommunicator communicator;

    /// <summary>The buffer of the sums: the contribution, then one failure flag.</summary>
    private protected readonly double[] buffer;

    /// <summary>Wraps this process's local objective. A collective call: every process of the group must make it.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="local">This process's objective over its part of the data; the same dimension on every process.</param>
    /// <param name="nonFinite">What a non-finite local value or derivative does.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The local objectives' dimensions differ between processes (thrown on every process).</exception>
    public ShardedObjective(ICommunicator communicator, IObjective local, NonFiniteShards nonFinite = NonFiniteShards.Propagate)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(local);
        if (!Enum.IsDefined(nonFinite)) throw new ArgumentOutOfRangeException(nameof(nonFinite), nonFinite, "Unknown policy.");
        this.communicator = communicator;
        this.local = local;
        NonFinite = nonFinite;
        int n = local.Dimension;
        Span<double> dimensions = [n, (double)n * n, 1];
        communicator.AllreduceSum(dimensions);
        if (dimensions[1] * dimensions[2] != dimensions[0] * dimensions[0])
            throw new ArgumentException(
                $"The local objectives have different dimensions on different processes (this one: {n}); expected the same n on every process.",
                nameof(local));
        buffer = new double[n + 2];
        localValue = (x, _, destination) => destination[0] = local.Value(x);
    }

    /// <summary>Shards an objective that gives values only.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="local">This process's objective over its part of the data.</param>
    /// <param name="nonFinite">What a non-finite local value does.</param>
    public static ShardedObjective Create(ICommunicator communicator, IObjective local, NonFiniteShards nonFinite = NonFiniteShards.Propagate)
        => new(communicator, local, nonFinite);

    /// <summary>Shards an objective that gives gradients.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="local">This process's objective over its part of the data.</param>
    /// <param name="nonFinite">What a non-finite local value or gradient does.</param>
    public static ShardedGradientObjective Create(ICommunicator communicator, IGradientObjective local,
        NonFiniteShards nonFinite = NonFiniteShards.Propagate) => new(communicator, local, nonFinite);

    /// <summary>Shards an objective that gives Hessian-vector products.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="local">This process's objective over its part of the data.</param>
    /// <param name="nonFinite">What a non-finite local value or derivative does.</param>
    public static ShardedHessianVectorObjective Create(ICommunicator communicator, IHessianVectorObjective local,
        NonFiniteShards nonFinite = NonFiniteShards.Propagate) => new(communicator, local, nonFinite);

    /// <summary>Shards an objective that gives Hessians.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="local">This process's objective over its part of the data.</param>
    /// <param name="nonFinite">What a non-finite local value or derivative does.</param>
    public static ShardedHessianObjective Create(ICommunicator communicator, IHessianObjective local,
        NonFiniteShards nonFinite = NonFiniteShards.Propagate) => new(communicator, local, nonFinite);

    /// <inheritdoc/>
    public int Dimension => local.Dimension;

    /// <summary>The group of processes.</summary>
    public ICommunicator Communicator => communicator;

    /// <summary>This process's objective.</summary>
    public IObjective Local => local;

    /// <summary>What a non-finite local value or derivative does.</summary>
    public NonFiniteShards NonFinite { get; }

    /// <summary>f(x) = Σₚ fₚ(x). A collective call.</summary>
    /// <param name="x">The point, of length n; the same on every process.</param>
    /// <returns>The sum, identical on every process.</returns>
    /// <exception cref="DistributedEvaluationException">The local value failed on some process.</exception>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        SumOf(localValue, x, default, buffer, 1, "value", "the value");
        return buffer[0];
    }

    /// <summary>Writes this process's part for the point x (and direction v, where used) into the destination.</summary>
    private protected delegate void LocalPart(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> destination);

    /// <summary>
    /// Computes this process's part into the first <paramref name="count"/> entries of <paramref name="sums"/>, catching
    /// its failure, and sums them over the processes (throwing on every process if any failed).
    /// </summary>
    private protected void SumOf(LocalPart part, ReadOnlySpan<double> x, ReadOnlySpan<double> v, double[] sums, int count,
        string what, string operation)
    {
        string? error;
        Exception? exception = null;
        try
        {
            part(x, v, sums.AsSpan(0, count));
            error = NonFiniteError(sums.AsSpan(0, count), what);
        }
        catch (Exception e)
        {
            exception = e;
            error = LocalError(e, sums.AsSpan(0, count));
        }
        Agreement.Sum(communicator, sums, count, error, exception, operation);
    }

    /// <summary>
    /// The error text for a local exception; null (with NaN written into the contribution) for a finite-difference
    /// provider's non-finite value when non-finite parts propagate.
    /// </summary>
    private string? LocalError(Exception exception, Span<double> contribution)
    {
        if (exception is NonFiniteValueException && NonFinite == NonFiniteShards.Propagate)
        {
            contribution.Fill(double.NaN);
            return null;
        }
        return Agreement.Describe(exception);
    }

    /// <summary>The error text when the contribution is not finite and the policy is to stop; otherwise null.</summary>
    private string? NonFiniteError(ReadOnlySpan<double> contribution, string what)
    {
        if (NonFinite != NonFiniteShards.Stop) return null;
        foreach (double value in contribution)
            if (!double.IsFinite(value)) return $"the local {what} is not finite ({value})";
        return null;
    }
}
