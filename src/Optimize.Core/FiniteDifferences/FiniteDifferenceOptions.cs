namespace Optimize.FiniteDifferences;

/// <summary>
/// How finite differences are taken: the formula, the step, the Ridders tableau, parallel evaluation
/// and an optional sparsity pattern. Immutable; change a copy with <c>with</c> and check it with
/// <see cref="IsValid(out string?)"/> or <see cref="Validate"/> (every provider validates on entry).
/// </summary>
/// <remarks>
/// Steps: by default coordinate j takes hⱼ = c·max(1, |xⱼ|) with c = √ε (forward/backward),
/// ∛ε (central), ε^¼ (second differences) — the choices that balance truncation against round-off
/// (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., §8.1; Gill, Murray &amp; Wright,
/// <i>Practical Optimization</i>, §8.6). <see cref="AbsoluteStep"/> sets hⱼ = a for every coordinate,
/// <see cref="RelativeStep"/> sets hⱼ = r·max(1, |xⱼ|). For Ridders' method the step is the initial one
/// of the tableau (default <see cref="StepSize.RiddersRelativeStep"/>·max(1, |xⱼ|)).
/// </remarks>
public sealed record FiniteDifferenceOptions
{
    /// <summary>The options every provider uses when none are given: central differences, default steps, serial.</summary>
    public static FiniteDifferenceOptions Default { get; } = new();

    /// <summary>The difference formula. Default <see cref="FiniteDifferenceMethod.Central"/>.</summary>
    public FiniteDifferenceMethod Method { get; init; } = FiniteDifferenceMethod.Central;

    /// <summary>When set, every coordinate takes this step (positive, finite). Exclusive with <see cref="RelativeStep"/>.</summary>
    public double? AbsoluteStep { get; init; }

    /// <summary>When set, coordinate j takes the step r·max(1, |xⱼ|) (positive, finite). Exclusive with <see cref="AbsoluteStep"/>.</summary>
    public double? RelativeStep { get; init; }

    /// <summary>
    /// Whether each coordinate step is replaced by (xⱼ + hⱼ) − xⱼ, so that the perturbed point is exactly
    /// xⱼ + hⱼ in floating point and the division uses the step actually taken (Press et al.,
    /// <i>Numerical Recipes</i>, 3rd ed., §5.7, eq. 5.7.4). Default true.
    /// </summary>
    public bool RepresentableSteps { get; init; } = true;

    /// <summary>Ridders' method: the factor by which the step shrinks between tableau columns (CON in dfridr). Default 1.4; must exceed 1.</summary>
    public double RiddersShrinkFactor { get; init; } = 1.4;

    /// <summary>Ridders' method: the largest tableau size, i.e. the number of steps tried (NTAB in dfridr). Default 10; at least 2.</summary>
    public int RiddersTableauSize { get; init; } = 10;

    /// <summary>Ridders' method: stop when the error grows by this factor over the best so far (SAFE in dfridr). Default 2; must exceed 1.</summary>
    public double RiddersSafetyFactor { get; init; } = 2.0;

    /// <summary>
    /// Declares the function safe to call from several threads at once. When true, independent perturbed
    /// evaluations run in parallel (one buffer per worker); results are bit-identical to the serial path
    /// because every column is computed by the same arithmetic from the same inputs. Default false.
    /// </summary>
    public bool ThreadSafe { get; init; }

    /// <summary>
    /// With <see cref="ThreadSafe"/> set, the least estimated work (the time of the first column times the number
    /// of columns left) for which the loop goes parallel; below it, thread-pool dispatch would cost more than it
    /// saves and the loop stays serial. Default 200 µs; <see cref="TimeSpan.Zero"/> always goes parallel.
    /// </summary>
    public TimeSpan MinimumParallelWork { get; init; } = TimeSpan.FromMicroseconds(200);

    /// <summary>The largest number of parallel workers when <see cref="ThreadSafe"/> is set; −1 means all cores. Default −1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Optional structure of the Jacobian (vector functions) or of the Hessian (gradient-difference Hessians).
    /// When set, structurally orthogonal columns are perturbed together (Curtis, Powell &amp; Reid 1974)
    /// and the derivative costs as many evaluations as colours instead of n.
    /// </summary>
    public SparsityPattern? Sparsity { get; init; }

    /// <summary>Whether the options are consistent; if not, <paramref name="error"/> says which property is wrong and why.</summary>
    /// <param name="error">The reason, or null when valid.</param>
    public bool IsValid(out string? error)
    {
        error = null;
        if (!Enum.IsDefined(Method))
            error = $"{nameof(Method)} is {(int)Method}; expected one of {string.Join(", ", Enum.GetNames<FiniteDifferenceMethod>())}.";
        else if (AbsoluteStep is { } a && !(double.IsFinite(a) && a > 0))
            error = $"{nameof(AbsoluteStep)} is {a}; expected a positive finite step.";
        else if (RelativeStep is { } r && !(double.IsFinite(r) && r > 0))
            error = $"{nameof(RelativeStep)} is {r}; expected a positive finite relative step.";
        else if (AbsoluteStep is not null && RelativeStep is not null)
            error = $"{nameof(AbsoluteStep)} and {nameof(RelativeStep)} are both set; expected at most one.";
        else if (!(RiddersShrinkFactor > 1 && double.IsFinite(RiddersShrinkFactor)))
            error = $"{nameof(RiddersShrinkFactor)} is {RiddersShrinkFactor}; expected a finite number greater than 1.";
        else if (RiddersTableauSize < 2)
            error = $"{nameof(RiddersTableauSize)} is {RiddersTableauSize}; expected at least 2.";
        else if (!(RiddersSafetyFactor > 1 && double.IsFinite(RiddersSafetyFactor)))
            error = $"{nameof(RiddersSafetyFactor)} is {RiddersSafetyFactor}; expected a finite number greater than 1.";
        else if (MinimumParallelWork < TimeSpan.Zero)
            error = $"{nameof(MinimumParallelWork)} is {MinimumParallelWork}; expected a non-negative duration.";
        else if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            error = $"{nameof(MaxDegreeOfParallelism)} is {MaxDegreeOfParallelism}; expected −1 (all cores) or a positive count.";
        return error is null;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the offending property unless the options are valid.</summary>
    public void Validate()
    {
        if (!IsValid(out string? error)) throw new ArgumentException($"Invalid finite-difference options: {error}", "options");
    }

    /// <summary>The number of workers a parallel loop may use under these options.</summary>
    internal int Workers => !ThreadSafe ? 1 : MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : MaxDegreeOfParallelism;
}
