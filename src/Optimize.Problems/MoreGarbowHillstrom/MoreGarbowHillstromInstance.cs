namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// One instance of the Moré–Garbow–Hillstrom set: a problem at one dimension, with the values of f that are
/// published at its starts x₀, 10·x₀, 100·x₀, where its minimum f* comes from, and the other minima the
/// literature documents (Moré, Garbow &amp; Hillstrom, "Testing Unconstrained Optimization Software",
/// ACM TOMS 7(1), 1981).
/// </summary>
/// <param name="Number">The problem's number in the paper, 1 to 35.</param>
/// <param name="Problem">The problem (its <see cref="TestProblem.KnownMinimum"/> is f*).</param>
/// <param name="ResidualCount">The number m of residuals in f = Σᵢ rᵢ².</param>
/// <param name="StartValues">The published f at x₀, 10·x₀ and 100·x₀ (<see cref="StartFactors"/>); null where none is published.</param>
/// <param name="MinimumSource">Where f* comes from.</param>
/// <param name="OtherMinima">Documented minima other than f* (local minima, or limits at infinity).</param>
public sealed record MoreGarbowHillstromInstance(
    int Number, TestProblem Problem, int ResidualCount, IReadOnlyList<PublishedValue?> StartValues,
    string MinimumSource, IReadOnlyList<DocumentedMinimum> OtherMinima)
{
    /// <summary>The scale factors of the starts the paper and MINPACK's drivers use: x₀, 10·x₀, 100·x₀.</summary>
    public static IReadOnlyList<double> StartFactors { get; } = [1, 10, 100];

    /// <summary>
    /// The instance's name: <c>mgh</c>, the number, the problem's name, and for the problems of variable size
    /// (20 to 35) the dimension, e.g. <c>mgh05-beale</c>, <c>mgh20-watson-9</c>.
    /// </summary>
    public string Name => Number >= 20 ? $"mgh{Number:00}-{Problem.Name}-{Problem.Dimension}" : $"mgh{Number:00}-{Problem.Name}";

    /// <summary>
    /// The start scaled by <paramref name="factor"/>: factor·x₀, or factor·(1, …, 1) where x₀ = 0 (Watson), as
    /// MINPACK's <c>initpt</c> does.
    /// </summary>
    /// <param name="factor">A positive factor, usually one of <see cref="StartFactors"/>.</param>
    public double[] Start(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be positive and finite.");
        var x = Problem.StartingPoint;
        bool zero = x.All(v => v == 0);
        for (int i = 0; i < x.Length; i++) x[i] = zero ? (factor == 1 ? 0 : factor) : factor * x[i];
        return x;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (n = {Problem.Dimension}, m = {ResidualCount})";
}
