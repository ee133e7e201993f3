namespace Optimize.Problems;

/// <summary>The built-in test problems, by factory and by name.</summary>
public static class ProblemLibrary
{
    /// <summary>Rosenbrock's function in two variables, from (−1.2, 1).</summary>
    public static TestProblem Rosenbrock() => new ExtendedRosenbrock(2);

    /// <summary>The extended Rosenbrock function in <paramref name="dimension"/> (even) variables.</summary>
    /// <param name="dimension">An even n ≥ 2.</param>
    public static TestProblem ExtendedRosenbrock(int dimension) => new ExtendedRosenbrock(dimension);

    /// <summary>Beale's function.</summary>
    public static TestProblem Beale() => new Beale();

    /// <summary>Powell's singular function.</summary>
    public static TestProblem PowellSingular() => new PowellSingular();

    /// <summary>Wood's function.</summary>
    public static TestProblem Wood() => new Wood();

    /// <summary>Fletcher and Powell's helical valley.</summary>
    public static TestProblem HelicalValley() => new HelicalValley();

    /// <summary>A convex quadratic with a seeded SPD matrix.</summary>
    /// <param name="dimension">The number of variables.</param>
    /// <param name="seed">The seed.</param>
    public static TestProblem ConvexQuadratic(int dimension = 20, int seed = 1) => new ConvexQuadratic(dimension, seed);

    /// <summary>Linear least squares ½‖y − Ax‖² with a seeded A.</summary>
    /// <param name="rows">Rows of A.</param>
    /// <param name="columns">Columns of A (the number of variables).</param>
    /// <param name="seed">The seed.</param>
    public static TestProblem LeastSquares(int rows = 500, int columns = 100, int seed = 1) => new LeastSquares(rows, columns, seed);

    /// <summary>A shallow ReLU network loss over seeded data.</summary>
    /// <param name="inputs">Input width.</param>
    /// <param name="hidden">Hidden width.</param>
    /// <param name="outputs">Output width.</param>
    /// <param name="samples">Number of samples.</param>
    /// <param name="seed">The seed.</param>
    public static TestProblem ShallowNetwork(int inputs = 4, int hidden = 8, int outputs = 2, int samples = 32, int seed = 1)
        => new ShallowNetwork(inputs, hidden, outputs, samples, seed);

    /// <summary>f(x) = sin(x²).</summary>
    public static TestProblem SineOfSquare() => new SineOfSquare();

    /// <summary>f(x) = (x² + 1)².</summary>
    public static TestProblem SquarePlusOneSquared() => new SquarePlusOneSquared();

    /// <summary>Griewank and Walther's two-variable example.</summary>
    public static TestProblem GriewankWaltherExample() => new GriewankWaltherExample();

    /// <summary>
    /// GradBench's Gaussian mixture model log posterior (its <c>gmm</c> eval) with seeded data; not a
    /// <see cref="TestProblem"/>: it has a hand-written gradient but no hand-written Hessian.
    /// </summary>
    /// <param name="dimension">D, the dimension of the data.</param>
    /// <param name="components">K, the number of components.</param>
    /// <param name="points">N, the number of data points.</param>
    /// <param name="seed">The seed.</param>
    public static GradBench.GaussianMixture GaussianMixture(int dimension = 10, int components = 25, int points = 1000, int seed = GradBench.GaussianMixture.GradBenchSeed)
        => new(dimension, components, points, seed);

    /// <summary>The names <see cref="Create"/> accepts, in the order <see cref="Standard"/> lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "sin-square", "square-plus-one-squared", "griewank-walther", "rosenbrock", "extended-rosenbrock",
        "beale", "powell-singular", "wood", "helical-valley", "quadratic", "least-squares", "shallow-network",
    ];

    /// <summary>A default instance of every problem (extended Rosenbrock with n = 100).</summary>
    public static IReadOnlyList<TestProblem> Standard => Names.Select(name => Create(name)).ToArray();

    /// <summary>Creates a problem by name.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="dimension">
    /// The number of variables for problems of variable size (extended Rosenbrock: even, default 100;
    /// quadratic: default 20; least squares: columns, default 100, with 5 rows per column). Fixed-size
    /// problems accept only null or their own dimension.
    /// </param>
    public static TestProblem Create(string name, int? dimension = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        TestProblem problem = name.ToLowerInvariant() switch
        {
            "sin-square" => SineOfSquare(),
            "square-plus-one-squared" => SquarePlusOneSquared(),
            "griewank-walther" => GriewankWaltherExample(),
            "rosenbrock" => Rosenbrock(),
            "extended-rosenbrock" => ExtendedRosenbrock(dimension ?? 100),
            "beale" => Beale(),
            "powell-singular" => PowellSingular(),
            "wood" => Wood(),
            "helical-valley" => HelicalValley(),
            "quadratic" => ConvexQuadratic(dimension ?? 20),
            "least-squares" => LeastSquares(5 * (dimension ?? 100), dimension ?? 100),
            "shallow-network" => ShallowNetwork(),
            _ => throw new ArgumentException(
                $"Unknown problem '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name)),
        };
        if (dimension is int n && n != problem.Dimension)
            throw new ArgumentException(
                $"Problem '{name}' has dimension {problem.Dimension}; dimension {n} was asked for.", nameof(dimension));
        return problem;
    }
}
