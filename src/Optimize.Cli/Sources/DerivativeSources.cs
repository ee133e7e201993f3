using Optimize.FiniteDifferences;

namespace Optimize.Cli.Sources;

/// <summary>
/// The derivative sources the command knows, in table order. Adding a source is one entry here.
/// </summary>
public static class DerivativeSources
{
    /// <summary>The name of the hand-coded reference source.</summary>
    public const string ReferenceName = "analytic";

    /// <summary>Every source, the hand-coded reference first.</summary>
    public static IReadOnlyList<DerivativeSource> All { get; } =
    [
        new(ReferenceName, "hand-coded gradient, Hessian-vector product and Hessian of the problem library",
            OracleCapability.Hessian, function => new HandCodedObjective(function)),
        new("forward-diff", "forward differences of values: n + 1 evaluations of f per gradient, error O(h)",
            OracleCapability.Hessian, function => Differences(function, FiniteDifferenceMethod.Forward)),
        new("central-diff", "central differences of values: 2n + 1 evaluations of f per gradient, error O(h²)",
            OracleCapability.Hessian, function => Differences(function, FiniteDifferenceMethod.Central)),
        new("ridders", "Ridders' extrapolation of central differences: many evaluations, near round-off accuracy",
            OracleCapability.Hessian, function => Differences(function, FiniteDifferenceMethod.Ridders)),
    ];

    private static FiniteDifferenceObjective Differences(CountedFunction function, FiniteDifferenceMethod method) =>
        FiniteDifferenceObjective.Create(function, FiniteDifferenceOptions.Default with { Method = method });

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names => All.Select(source => source.Name).ToArray();

    /// <summary>Finds a source by name (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name.</param>
    public static DerivativeSource? Find(string name) =>
        All.FirstOrDefault(source => string.Equals(source.Name, name, StringComparison.OrdinalIgnoreCase));
}
