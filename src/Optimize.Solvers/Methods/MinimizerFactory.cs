using Optimize.Constraints;
using Optimize.Oracles;

namespace Optimize.Solvers.Methods;

/// <summary>
/// A catalogue entry that builds <see cref="Minimizer{TObjective, TState}"/> instances from typed options: what
/// <see cref="MinimizationMethod"/> offers for any objective, plus <see cref="Create"/> for callers who want the
/// minimizer itself. Immutable and safe to share between threads.
/// </summary>
/// <typeparam name="TObjective">The oracle interface the minimizer needs.</typeparam>
/// <typeparam name="TState">The minimizer's state.</typeparam>
/// <typeparam name="TOptions">The minimizer's options record.</typeparam>
public sealed class MinimizerFactory<TObjective, TState, TOptions> : MinimizationMethod
    where TObjective : class, IObjective
    where TState : MinimizerState
    where TOptions : class
{
    private readonly Func<TOptions, Minimizer<TObjective, TState>> create;

    /// <summary>Creates the entry; <paramref name="create"/> is called once here to validate the options.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">One line.</param>
    /// <param name="defaultOptions">The options of the entry.</param>
    /// <param name="create">Builds a minimizer from options (validating them).</param>
    /// <exception cref="ArgumentNullException"><paramref name="defaultOptions"/> or <paramref name="create"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or the description is empty, or the options are invalid.</exception>
    public MinimizerFactory(string name, string description, TOptions defaultOptions, Func<TOptions, Minimizer<TObjective, TState>> create)
        : this(name, description, defaultOptions, defaultOptions, create)
    {
    }

    private MinimizerFactory(
        string name, string description, TOptions defaultOptions, TOptions options, Func<TOptions, Minimizer<TObjective, TState>> create)
        : base(name, description, OracleCapabilities.Required<TObjective>(), defaultOptions, options)
    {
        ArgumentNullException.ThrowIfNull(create);
        this.create = create;
        SupportsBounds = create(options).SupportsBounds;
    }

    /// <inheritdoc/>
    public override bool SupportsBounds { get; }

    /// <inheritdoc/>
    public override Type OptionsType => typeof(TOptions);

    /// <inheritdoc cref="MinimizationMethod.DefaultOptions"/>
    public new TOptions DefaultOptions => (TOptions)base.DefaultOptions;

    /// <inheritdoc cref="MinimizationMethod.Options"/>
    public new TOptions Options => (TOptions)base.Options;

    /// <summary>A fresh minimizer with <paramref name="options"/>, or with <see cref="Options"/> when null.</summary>
    /// <param name="options">The options, or null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public Minimizer<TObjective, TState> Create(TOptions? options = null) => create(options ?? Options);

    /// <summary>The same method with other options; the name stays.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public MinimizerFactory<TObjective, TState, TOptions> WithOptions(TOptions options) =>
        new(Name, Description, DefaultOptions, options, create);

    /// <inheritdoc/>
    public override MinimizationMethod WithOptions(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options is TOptions typed
            ? WithOptions(typed)
            : throw new ArgumentException(
                $"Method '{Name}' takes {typeof(TOptions).Name}, not {options.GetType().Name}.", nameof(options));
    }

    /// <inheritdoc/>
#pragma warning disable RS0027 // The bounded overload has no optional parameter, so no call binds to it by omission.
    public override MinimizationResult Minimize(
        IObjective objective, ReadOnlySpan<double> initialPoint, DriverOptions? options = null, CancellationToken cancellationToken = default)
        => Create().Minimize(Typed(objective), initialPoint, options, cancellationToken);
#pragma warning restore RS0027

    /// <inheritdoc/>
    public override MinimizationResult Minimize(
        IObjective objective, ReadOnlySpan<double> initialPoint, Bounds bounds, DriverOptions? options, CancellationToken cancellationToken) =>
        Create().Minimize(Typed(objective), initialPoint, bounds, options, cancellationToken);

    private TObjective Typed(IObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return objective as TObjective ?? throw new ArgumentException(
            $"The objective gives {OracleCapabilities.Of(objective).Describe()}; method '{Name}' needs {Needs.Describe()} " +
            $"(an {typeof(TObjective).Name}).", nameof(objective));
    }
}
