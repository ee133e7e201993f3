namespace Optimize.Solvers.Methods;

/// <summary>
/// The toolkit's nonlinear least-squares methods, one entry each, alongside <see cref="MinimizationMethods"/>. Front
/// ends, benchmarks and tests read this list; adding a method is one entry here.
/// </summary>
public static class LeastSquaresMethods
{
    /// <summary>The method used when none is named: the trust-region reflective method, which accepts bounds, losses and sparse Jacobians (scipy's default).</summary>
    public const string DefaultName = LeastSquares.TrustRegionReflective.MethodName;

    /// <summary>Every method with its default options.</summary>
    public static IReadOnlyList<LeastSquaresMethod> All { get; } =
    [
        LeastSquaresMethod.LevenbergMarquardt(),
        LeastSquaresMethod.TrustRegionReflective(),
    ];

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(method => method.Name).ToArray();

    /// <summary>The entry named <see cref="DefaultName"/>.</summary>
    public static LeastSquaresMethod Default => Get(DefaultName);

    /// <summary>Finds a method by name (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static LeastSquaresMethod? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(method => string.Equals(method.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The method named <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">No method has that name; the message lists the names.</exception>
    public static LeastSquaresMethod Get(string name) =>
        Find(name) ?? throw new ArgumentException(
            $"Unknown least-squares method '{name}'. Valid methods: {string.Join(", ", Names)}.", nameof(name));
}
