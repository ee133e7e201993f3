using Optimize.Constraints;
using Optimize.Oracles;

namespace Optimize.Solvers.Methods;

/// <summary>
/// A minimization method as front ends name it: a name, one line of description, the weakest oracle contract it
/// needs, its options (the type, the defaults and the options it is configured with) and one entry point that
/// runs it on any <see cref="IObjective"/>. Entries are immutable and create a fresh minimizer for every run, so
/// one entry is safe to share between threads. <see cref="MinimizationMethods.All"/> lists the toolkit's methods;
/// a method is a type the caller passes in (as in Optim.jl), and an entry is its name in the catalogue.
/// </summary>
/// <example>
/// <code>
/// var method = MinimizationMethods.Get("lbfgs").WithOptions(new LbfgsOptions { Memory = 5 });
/// var result = method.Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 1e-10 });
/// </code>
/// </example>
public abstract class MinimizationMethod
{
    /// <summary>Sets the entry's identity.</summary>
    /// <param name="name">The name (lower case, e.g. <c>lbfgs</c>).</param>
    /// <param name="description">One line saying what the method does.</param>
    /// <param name="needs">The weakest oracle contract the method asks for.</param>
    /// <param name="defaultOptions">The options of the catalogue's entry.</param>
    /// <param name="options">The options every run uses.</param>
    /// <exception cref="ArgumentException">The name or the description is empty.</exception>
    /// <exception cref="ArgumentNullException">Options are null.</exception>
    private protected MinimizationMethod(string name, string description, OracleCapability needs, object defaultOptions, object options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(defaultOptions);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Description = description;
        Needs = needs;
        DefaultOptions = defaultOptions;
        Options = options;
    }

    /// <summary>The name used by front ends (<c>--method</c> on the command line, tables, notebooks), e.g. <c>lbfgs</c>.</summary>
    public string Name { get; }

    /// <summary>One line saying what the method does.</summary>
    public string Description { get; }

    /// <summary>The weakest oracle contract the method asks for.</summary>
    public OracleCapability Needs { get; }

    /// <summary>The type of the method's options record (e.g. <c>LbfgsOptions</c>).</summary>
    public abstract Type OptionsType { get; }

    /// <summary>The options of the catalogue's entry: the record's defaults, or the variant the entry names (the dogleg subproblem of <c>trust-region-dogleg</c>).</summary>
    public object DefaultOptions { get; }

    /// <summary>The options every run of this entry uses: <see cref="DefaultOptions"/> unless set by <see cref="WithOptions"/>.</summary>
    public object Options { get; }

    /// <summary>The same method, with other options; the name stays.</summary>
    /// <param name="options">An instance of <see cref="OptionsType"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are of another type, or invalid.</exception>
    public abstract MinimizationMethod WithOptions(object options);

    /// <summary>Whether an oracle offering <paramref name="capability"/> gives what the method needs.</summary>
    /// <param name="capability">The capability on offer.</param>
    public bool Accepts(OracleCapability capability) => capability >= Needs;

    /// <summary>Whether <paramref name="objective"/> gives what the method needs.</summary>
    /// <param name="objective">The objective.</param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    public bool Accepts(IObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return Accepts(OracleCapabilities.Of(objective));
    }

    /// <summary>
    /// Runs a fresh minimizer built from <see cref="Options"/> on <paramref name="objective"/>. Never throws on
    /// numerical trouble or non-convergence: the result's <see cref="MinimizationResult.Reason"/> says why it stopped.
    /// </summary>
    /// <param name="objective">The objective; it must offer <see cref="Needs"/>.</param>
    /// <param name="initialPoint">x₀, finite, of length <see cref="IObjective.Dimension"/>.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the run, checked before every iteration.</param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The objective does not give what the method needs (the message names what it gives and what is needed), x₀
    /// has the wrong length or a non-finite entry, or an option is invalid.
    /// </exception>
#pragma warning disable RS0027 // The bounded overload has no optional parameter, so no call binds to it by omission.
    public abstract MinimizationResult Minimize(
        IObjective objective, ReadOnlySpan<double> initialPoint, DriverOptions? options = null, CancellationToken cancellationToken = default);
#pragma warning restore RS0027

    /// <summary>
    /// Whether the method accepts finite bounds (<see cref="Minimizer{TObjective, TState}.SupportsBounds"/>): L-BFGS-B,
    /// TRON, Nelder–Mead and coordinate descent do.
    /// </summary>
    public abstract bool SupportsBounds { get; }

    /// <summary>
    /// Runs a fresh minimizer built from <see cref="Options"/> on <paramref name="objective"/> over the box
    /// <paramref name="bounds"/>, as <see cref="Minimizer{TObjective, TState}.Minimize(TObjective, ReadOnlySpan{double}, Bounds, DriverOptions, CancellationToken)"/>
    /// does: a start outside the box is projected into it, and the gradient tests read the projected gradient.
    /// </summary>
    /// <param name="objective">The objective; it must offer <see cref="Needs"/>.</param>
    /// <param name="initialPoint">x₀, finite, of length <see cref="IObjective.Dimension"/>.</param>
    /// <param name="bounds">The bounds, one pair per variable.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the run, checked before every iteration.</param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="bounds"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The objective does not give what the method needs; the bounds have the wrong number of variables, or a finite
    /// bound is given to a method that does not support bounds (<see cref="SupportsBounds"/>); x₀ has the wrong length
    /// or a non-finite entry; or an option is invalid.
    /// </exception>
    public abstract MinimizationResult Minimize(
        IObjective objective, ReadOnlySpan<double> initialPoint, Bounds bounds, DriverOptions? options, CancellationToken cancellationToken);

    /// <summary>An entry for a minimizer asking for <typeparamref name="TObjective"/>, built from options by <paramref name="create"/>.</summary>
    /// <typeparam name="TObjective">The oracle interface the minimizer needs.</typeparam>
    /// <typeparam name="TState">The minimizer's state.</typeparam>
    /// <typeparam name="TOptions">The minimizer's options record.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="description">One line.</param>
    /// <param name="defaultOptions">The options of the entry.</param>
    /// <param name="create">Builds a minimizer from options (validating them).</param>
    /// <exception cref="ArgumentException">The name or the description is empty, or the options are invalid.</exception>
    public static MinimizerFactory<TObjective, TState, TOptions> For<TObjective, TState, TOptions>(
        string name, string description, TOptions defaultOptions, Func<TOptions, Minimizer<TObjective, TState>> create)
        where TObjective : class, IObjective
        where TState : MinimizerState
        where TOptions : class =>
        new(name, description, defaultOptions, create);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
