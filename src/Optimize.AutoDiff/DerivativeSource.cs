using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// One named way of computing derivatives: what it gives, which functions it accepts and a factory that builds
/// the oracle. The factory takes the function written once (<see cref="IScalarFunction"/>); pass a
/// <see cref="CountedFunction"/> to count evaluations of f, and the sources that read compiled derivatives
/// (hand-coded, generated, symbolic) find them on the function it wraps while their plain values still go
/// through the count. <see cref="DerivativeSources"/> lists them.
/// </summary>
/// <remarks>Immutable and safe to share between threads; each call of <see cref="Create"/> builds a new oracle.</remarks>
public sealed record DerivativeSource
{
    private readonly Func<IScalarFunction, IGradientObjective> create;
    private readonly Func<IScalarFunction, bool>? accepts;

    /// <summary>Describes a source.</summary>
    /// <param name="name">The name used by front ends and in tables (e.g. <c>central-diff</c>).</param>
    /// <param name="description">One line saying what the source does.</param>
    /// <param name="provides">The strongest oracle contract the built objective implements.</param>
    /// <param name="create">Builds the oracle; called only with functions that <paramref name="accepts"/> takes.</param>
    /// <param name="accepts">
    /// Which functions the source accepts, seen through a <see cref="CountedFunction"/>
    /// (<see cref="CountedFunction.Unwrap"/>); every function when null.
    /// </param>
    public DerivativeSource(string name, string description, OracleCapability provides,
        Func<IScalarFunction, IGradientObjective> create, Func<IScalarFunction, bool>? accepts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(create);
        if (provides < OracleCapability.Gradient || !Enum.IsDefined(provides))
            throw new ArgumentOutOfRangeException(nameof(provides), provides, "a derivative source provides at least gradients.");
        Name = name;
        Description = description;
        Provides = provides;
        this.create = create;
        this.accepts = accepts;
    }

    /// <summary>The name used by front ends and in tables.</summary>
    public string Name { get; }

    /// <summary>One line saying what the source does.</summary>
    public string Description { get; }

    /// <summary>The strongest oracle contract the objective from <see cref="Create"/> implements (value and gradient at least).</summary>
    public OracleCapability Provides { get; }

    /// <summary>Whether the source gives Hessian-vector products (<see cref="IHessianVectorObjective"/>).</summary>
    public bool GivesHessianVector => Provides >= OracleCapability.HessianVector;

    /// <summary>Whether the source gives full Hessians (<see cref="IHessianObjective"/>).</summary>
    public bool GivesHessian => Provides >= OracleCapability.Hessian;

    /// <summary>
    /// Builds Jacobians of vector functions F: ℝⁿ → ℝᵐ written once (<see cref="IVectorScalarFunction"/>); null when
    /// the source gives no Jacobians (the hand-coded source has no vector functions to read; symbolic and generated
    /// code take scalar functions only).
    /// </summary>
    public Func<IVectorScalarFunction, IVectorFunction>? CreateVectorFunction { get; init; }

    /// <summary>Whether the source gives Jacobians of vector functions (<see cref="CreateVectorFunction"/> is set).</summary>
    public bool GivesJacobian => CreateVectorFunction is not null;

    /// <summary>Whether this is the hand-coded reference the others are compared against.</summary>
    public bool IsReference => Name == DerivativeSources.ReferenceName;

    /// <summary>Whether the source accepts <paramref name="function"/> (seen through a <see cref="CountedFunction"/>).</summary>
    /// <param name="function">The function.</param>
    public bool Supports(IScalarFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return accepts?.Invoke(CountedFunction.Unwrap(function)) ?? true;
    }

    /// <summary>Builds the oracle for <paramref name="function"/>.</summary>
    /// <param name="function">A function the source <see cref="Supports"/>, counted or not.</param>
    /// <returns>An objective implementing at least the contract <see cref="Provides"/> names.</returns>
    /// <exception cref="ArgumentException">The source does not accept the function.</exception>
    public IGradientObjective Create(IScalarFunction function)
    {
        if (!Supports(function))
            throw new ArgumentException($"the derivative source '{Name}' does not accept this function ({Description}).", nameof(function));
        return create(function);
    }

    /// <summary>The Jacobian provider for <paramref name="function"/>.</summary>
    /// <param name="function">The vector function.</param>
    /// <exception cref="InvalidOperationException">The source gives no Jacobians (<see cref="GivesJacobian"/> is false).</exception>
    public IVectorFunction CreateJacobian(IVectorScalarFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return CreateVectorFunction is { } factory
            ? factory(function)
            : throw new InvalidOperationException($"the derivative source '{Name}' gives no Jacobians of vector functions.");
    }

    /// <summary>
    /// Plain values of <paramref name="function"/> for a source built on compiled derivatives: the function's own
    /// <see cref="IObjective"/> where it has one (so a <see cref="CountedFunction"/> counts them), else its
    /// evaluation over <see cref="double"/>.
    /// </summary>
    /// <param name="function">The function, counted or not.</param>
    public static IObjective ValuesOf(IScalarFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function as IObjective ?? new ValueObjective(function);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Description}";
}

/// <summary>Values of a function written once, evaluated over <see cref="double"/>.</summary>
file sealed class ValueObjective(IScalarFunction function) : ScalarFunctionObjective(function);
