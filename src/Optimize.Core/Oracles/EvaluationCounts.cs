namespace Optimize.Oracles;

/// <summary>
/// How many times each oracle was called, by kind, as Optim.jl and Ceres report them.
/// A fused value-and-gradient call counts one value and one gradient.
/// </summary>
/// <param name="Values">Evaluations of f.</param>
/// <param name="Gradients">Evaluations of ∇f.</param>
/// <param name="HessianVectors">Hessian-vector products ∇²f·v.</param>
/// <param name="Hessians">Full Hessians ∇²f.</param>
public readonly record struct EvaluationCounts(long Values, long Gradients, long HessianVectors, long Hessians)
{
    /// <summary>The counts accumulated since <paramref name="earlier"/>.</summary>
    /// <param name="earlier">A previous snapshot of the same counter.</param>
    public EvaluationCounts Since(EvaluationCounts earlier) => new(
        Values - earlier.Values, Gradients - earlier.Gradients,
        HessianVectors - earlier.HessianVectors, Hessians - earlier.Hessians);

    /// <inheritdoc/>
    public override string ToString() => $"f: {Values}, ∇f: {Gradients}, ∇²f·v: {HessianVectors}, ∇²f: {Hessians}";
}
