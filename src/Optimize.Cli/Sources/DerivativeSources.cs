using Optimize.AutoDiff;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

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
            OracleCapability.Hessian, function => new CountedValueObjective(function, function.Problem)),
        new("forward-diff", "forward differences of values: n + 1 evaluations of f per gradient, error O(h)",
            OracleCapability.Hessian, function => Differences(function, FiniteDifferenceMethod.Forward)),
        new("central-diff", "central differences of values: 2n + 1 evaluations of f per gradient, error O(h²)",
            OracleCapability.Hessian, function => Differences(function, FiniteDifferenceMethod.Central)),
        new("ridders", "Ridders' extrapolation of central differences: many evaluations, near round-off accuracy",
            OracleCapability.Hessian, function => Differences(function, FiniteDifferenceMethod.Ridders)),
        new("complex-step", "complex step Im f(x + ih·eⱼ)/h: n complex evaluations, exact to round-off, gradients only",
            OracleCapability.Gradient, function => new ComplexStepObjective(function)),
        new("forward-ad", "forward-mode AD with dual numbers, 8 tangents per sweep; Hv and H forward-over-forward",
            OracleCapability.Hessian, function => new ForwardModeObjective(function)),
        new("reverse-ad", "reverse-mode AD on a tape: one forward and one backward sweep per gradient",
            OracleCapability.Hessian, function => new ReverseModeObjective(function)),
        new("generated-ad", "reverse-mode AD by source transformation: adjoint code the derivative generator wrote at compile time, no tape",
            OracleCapability.Hessian, function => new CountedValueObjective(function, new GeneratedCodeObjective((IGeneratedDerivatives)function.Problem)))
        {
            Applies = problem => problem is IGeneratedDerivatives,
        },
        new("symbolic", "symbolic differentiation of the closed-form expression (F#), compiled",
            OracleCapability.Hessian, function => new CountedValueObjective(function, SymbolicFormulas.Objective(function.Problem)))
        {
            Applies = SymbolicFormulas.Supports,
        },
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
