using Optimize.FSharp.Symbolic;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Problems.Bounded;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.LeastSquares;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Commands;

/// <summary>Resolves the names on a command line into problems and derivative sources, or says what is valid.</summary>
public static class ProblemCatalog
{
    /// <summary>
    /// The problems of a default <c>compare</c> run: the classic small problems plus moderate sizes of the
    /// scalable ones, chosen so that every source and method finishes in seconds.
    /// </summary>
    public static IReadOnlyList<TestProblem> QuickSet() =>
    [
        ProblemLibrary.Rosenbrock(), ProblemLibrary.Beale(), ProblemLibrary.PowellSingular(), ProblemLibrary.Wood(),
        ProblemLibrary.HelicalValley(), ProblemLibrary.ExtendedRosenbrock(20), ProblemLibrary.ConvexQuadratic(20),
    ];

    /// <summary>The problems of <c>compare --full</c>: every problem of the library at its default size.</summary>
    public static IReadOnlyList<TestProblem> FullSet() => ProblemLibrary.Standard;

    /// <summary>Creates a problem by name, with an optional size for the scalable ones.</summary>
    /// <param name="name">One of <see cref="ProblemLibrary.Names"/>.</param>
    /// <param name="dimension">n for scalable problems; null for the default.</param>
    /// <exception cref="UsageException">The name is unknown or the size does not fit the problem.</exception>
    public static TestProblem Problem(string name, int? dimension = null)
    {
        if (!ProblemLibrary.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new UsageException(
                $"Unknown problem '{name}'. Valid problems: {string.Join(", ", ProblemLibrary.Names)}; " +
                $"bounded problems: {string.Join(", ", BoundedSet.Instances.Select(p => p.Name))}.");
        try
        {
            return ProblemLibrary.Create(name, dimension);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{e.Message.Split(" (Parameter")[0]} Run 'optimize problems' for the sizes.", e);
        }
    }

    /// <summary>The bounded problem of <see cref="BoundedSet"/> with this name (case-insensitive), or null.</summary>
    /// <param name="name">E.g. <c>hs45</c> or <c>mgh01-rosenbrock-boxed</c>.</param>
    public static BoundedProblem? Bounded(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return BoundedSet.Find(name);
    }

    /// <summary>
    /// The Moré–Garbow–Hillstrom instances that are sums of squares, which least-squares methods solve through
    /// <see cref="SumOfSquaresResiduals"/>.
    /// </summary>
    public static IReadOnlyList<MoreGarbowHillstromInstance> LeastSquaresInstances { get; } =
        MoreGarbowHillstromSet.Instances.Where(instance => instance.Problem is SumOfSquaresProblem).ToArray();

    /// <summary>The least-squares view of an MGH instance, found by its name (e.g. <c>mgh05-beale</c>).</summary>
    /// <param name="name">The name of one of <see cref="LeastSquaresInstances"/>.</param>
    /// <exception cref="UsageException">No such instance, or it is not a sum of squares.</exception>
    public static MoreGarbowHillstromInstance LeastSquaresInstance(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return LeastSquaresInstances.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException(
                $"Unknown least-squares problem '{name}'. Valid problems (the Moré–Garbow–Hillstrom sums of squares): " +
                $"{string.Join(", ", LeastSquaresInstances.Select(i => i.Name))}.");
    }

    /// <summary>scipy's short names of the least-squares methods, beside the registry's names.</summary>
    private static readonly Dictionary<string, string> LeastSquaresAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lm"] = LevenbergMarquardt.MethodName,
        ["trf"] = TrustRegionReflective.MethodName,
    };

    /// <summary>
    /// The least-squares method named (a name of <see cref="LeastSquaresMethods"/>, or scipy's <c>lm</c> or
    /// <c>trf</c>), with <paramref name="loss"/> when it is robust (only the trust-region reflective method takes one).
    /// </summary>
    /// <param name="name">The method's name.</param>
    /// <param name="loss">The loss; <see cref="RobustLoss.Linear"/> for ordinary least squares.</param>
    /// <exception cref="UsageException">The name is unknown, or a robust loss is given to a method without losses.</exception>
    public static LeastSquaresMethod LeastSquares(string name, RobustLoss loss)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(loss);
        var method = LeastSquaresMethods.Find(LeastSquaresAliases.GetValueOrDefault(name, name))
            ?? throw new UsageException(
                $"Unknown least-squares method '{name}'. Valid methods: {string.Join(", ", LeastSquaresMethods.Names)} (or lm, trf).");
        if (loss.IsLinear) return method;
        if (method.Options is not TrustRegionReflectiveOptions options)
            throw new UsageException($"--loss {loss.Kind} needs the trust-region reflective method (--method trf); '{method.Name}' takes no robust loss.");
        return LeastSquaresMethod.TrustRegionReflective(options with { Loss = loss });
    }

    /// <summary>Finds a derivative source by name.</summary>
    /// <param name="name">One of <see cref="DerivativeSources.Names"/>.</param>
    /// <exception cref="UsageException">The name is unknown.</exception>
    public static DerivativeSource Source(string name) =>
        SymbolicSource.All.Find(name)
        ?? throw new UsageException(
            $"Unknown derivative source '{name}'. Valid sources: {string.Join(", ", SymbolicSource.All.Names)}.");

    /// <summary>Finds a derivative source by name and checks that it applies to <paramref name="problem"/>.</summary>
    /// <param name="name">One of <see cref="DerivativeSources.Names"/>.</param>
    /// <param name="problem">The problem it will differentiate.</param>
    /// <exception cref="UsageException">The name is unknown or the source does not apply to the problem.</exception>
    public static DerivativeSource Source(string name, TestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var source = Source(name);
        if (!source.Supports(problem))
        {
            var others = SymbolicSource.All.Where(s => s.Supports(problem)).Select(s => s.Name);
            throw new UsageException(
                $"Derivative source '{source.Name}' does not apply to problem '{problem.Name}' ({source.Description}). " +
                $"Choose one of: {string.Join(", ", others)}.");
        }
        return source;
    }

    /// <summary>Finds a method by name.</summary>
    /// <param name="name">One of <see cref="MinimizationMethods.Names"/>.</param>
    /// <exception cref="UsageException">The name is unknown.</exception>
    public static MinimizationMethod Method(string name) =>
        MinimizationMethods.Find(name)
        ?? throw new UsageException($"Unknown method '{name}'. Valid methods: {string.Join(", ", MinimizationMethods.Names)}.");

    /// <summary>
    /// Null when <paramref name="source"/> gives what <paramref name="method"/> needs; otherwise a message saying
    /// which sources would do for this method and which methods for this source.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <param name="source">The derivative source.</param>
    public static string? Incompatibility(MinimizationMethod method, DerivativeSource source)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(source);
        if (method.Accepts(source.Provides)) return null;
        var sources = SymbolicSource.All.Where(s => method.Accepts(s.Provides)).Select(s => s.Name);
        var methods = MinimizationMethods.All.Where(m => m.Accepts(source.Provides)).Select(m => m.Name);
        return $"Method '{method.Name}' needs {method.Needs.Describe()}, but derivative source '{source.Name}' gives only " +
            $"{source.Provides.Describe()}. Choose --derivatives {string.Join("|", sources)}, " +
            $"or a method that works with '{source.Name}': {string.Join(", ", methods)}.";
    }

    /// <summary>Splits a comma-separated list of names, trimming blanks.</summary>
    /// <param name="list">E.g. "rosenbrock, beale".</param>
    public static IReadOnlyList<string> SplitList(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
