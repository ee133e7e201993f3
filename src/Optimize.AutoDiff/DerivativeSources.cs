using System.Collections;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// A registry of named derivative sources, in table order: immutable, so a library that owns another source
/// extends it with <see cref="With"/> (the F# library adds symbolic differentiation this way). Front ends,
/// benchmarks, tests and notebooks read the list from here instead of keeping their own.
/// </summary>
/// <remarks>
/// <see cref="Standard"/> holds the sources of Core and AutoDiff: the hand-coded reference, forward, central
/// and Ridders differences (Nocedal &amp; Wright, <i>Numerical Optimization</i>, §8.1; Ridders 1982), the complex
/// step (Squire &amp; Trapp 1998), forward- and reverse-mode AD (Griewank &amp; Walther, <i>Evaluating
/// Derivatives</i>, 2008, ch. 3) and reverse mode by source transformation (the derivative generator).
/// Immutable and safe to share between threads.
/// </remarks>
public sealed class DerivativeSources : IReadOnlyList<DerivativeSource>
{
    /// <summary>The name of the hand-coded reference source.</summary>
    public const string ReferenceName = "analytic";

    private readonly DerivativeSource[] sources;

    private DerivativeSources(DerivativeSource[] sources) => this.sources = sources;

    /// <summary>The sources of Core and AutoDiff, the hand-coded reference first.</summary>
    public static DerivativeSources Standard { get; } = new(
    [
        new(ReferenceName, "hand-coded gradient, Hessian-vector product and Hessian of the problem library",
            OracleCapability.Hessian,
            function => new CompiledDerivativesObjective(DerivativeSource.ValuesOf(function), (IHessianObjective)CountedFunction.Unwrap(function)),
            function => function is IHessianObjective),
        Differences("forward-diff", "forward differences of values: n + 1 evaluations of f per gradient, error O(h)", FiniteDifferenceMethod.Forward),
        Differences("central-diff", "central differences of values: 2n + 1 evaluations of f per gradient, error O(h²)", FiniteDifferenceMethod.Central),
        Differences("ridders", "Ridders' extrapolation of central differences: many evaluations, near round-off accuracy", FiniteDifferenceMethod.Ridders),
        new("complex-step", "complex step Im f(x + ih·eⱼ)/h: n complex evaluations, exact to round-off, gradients only",
            OracleCapability.Gradient, function => new ComplexStepObjective(function)),
        new("forward-ad", "forward-mode AD with dual numbers, 8 tangents per sweep; Hv and H forward-over-forward",
            OracleCapability.Hessian, function => new ForwardModeObjective(function))
        {
            CreateVectorFunction = function => new ForwardModeVectorFunction(function),
        },
        new("reverse-ad", "reverse-mode AD on a tape: one forward and one backward sweep per gradient",
            OracleCapability.Hessian, function => new ReverseModeObjective(function))
        {
            CreateVectorFunction = function => new ReverseModeVectorFunction(function),
        },
        new("generated-ad", "reverse-mode AD by source transformation: adjoint code the derivative generator wrote at compile time, no tape",
            OracleCapability.Hessian,
            function => new CompiledDerivativesObjective(DerivativeSource.ValuesOf(function),
                new GeneratedCodeObjective((IGeneratedDerivatives)CountedFunction.Unwrap(function))),
            function => function is IGeneratedDerivatives),
    ]);

    /// <summary>A registry with exactly <paramref name="sources"/>, in that order.</summary>
    /// <param name="sources">Sources with distinct names (compared case-insensitively).</param>
    /// <exception cref="ArgumentException">Two sources share a name.</exception>
    public static DerivativeSources Of(IEnumerable<DerivativeSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var list = sources.ToArray();
        foreach (var source in list) ArgumentNullException.ThrowIfNull(source, nameof(sources));
        var duplicate = list.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"sources must have distinct names; '{duplicate.Key}' appears {duplicate.Count()} times.", nameof(sources));
        return new DerivativeSources(list);
    }

    /// <summary>A new registry: this one's sources followed by <paramref name="more"/>; this one is unchanged.</summary>
    /// <param name="more">Sources whose names are not taken yet.</param>
    /// <exception cref="ArgumentException">A name is taken.</exception>
    public DerivativeSources With(params DerivativeSource[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return Of(sources.Concat(more));
    }

    /// <summary>The names, in table order.</summary>
    public IReadOnlyList<string> Names => Array.ConvertAll(sources, source => source.Name);

    /// <summary>The hand-coded reference source, when the registry has one.</summary>
    public DerivativeSource? Reference => Find(ReferenceName);

    /// <summary>Finds a source by name (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name.</param>
    public DerivativeSource? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.Find(sources, source => string.Equals(source.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The sources that accept <paramref name="function"/>, in table order.</summary>
    /// <param name="function">The function, counted or not.</param>
    public IReadOnlyList<DerivativeSource> For(IScalarFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Array.FindAll(sources, source => source.Supports(function));
    }

    /// <inheritdoc/>
    public int Count => sources.Length;

    /// <inheritdoc/>
    public DerivativeSource this[int index] => sources[index];

    /// <inheritdoc/>
    public IEnumerator<DerivativeSource> GetEnumerator() => ((IEnumerable<DerivativeSource>)sources).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static DerivativeSource Differences(string name, string description, FiniteDifferenceMethod method)
    {
        var options = FiniteDifferenceOptions.Default with { Method = method };
        return new(name, description, OracleCapability.Hessian, function => FiniteDifferenceObjective.Create(DerivativeSource.ValuesOf(function), options))
        {
            CreateVectorFunction = function => new FiniteDifferenceVectorFunction(
                function.Dimension, function.OutputDimension, (x, value) => function.Evaluate(x, value), options),
        };
    }
}
