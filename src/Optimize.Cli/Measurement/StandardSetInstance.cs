using Optimize.Problems;
using Optimize.Problems.LargeScale;
using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Cli.Measurement;

/// <summary>
/// One instance of a standard set as <c>optimize standard-set</c> runs and judges it, whichever set it comes from:
/// the problem, f*, the documented other minima, and how the start is scaled.
/// </summary>
/// <param name="Name">The instance's name in its set (e.g. <c>mgh20-watson-9</c>, <c>mgh30-broyden-tridiagonal-1000</c>).</param>
/// <param name="Problem">The problem.</param>
/// <param name="KnownMinimum">f*, or null where it is not known (runs are then judged against the other minima only).</param>
/// <param name="OtherMinima">Documented minima other than f*.</param>
/// <param name="Start">The start for a factor: the set's own rule (factor·x₀, and for MGH factor·(1, …, 1) where x₀ = 0).</param>
public sealed record StandardSetInstance(
    string Name, TestProblem Problem, double? KnownMinimum, IReadOnlyList<DocumentedMinimum> OtherMinima, Func<double, double[]> Start)
{
    /// <summary>An instance of the Moré–Garbow–Hillstrom set (f* is its problem's <see cref="TestProblem.KnownMinimum"/>).</summary>
    /// <param name="instance">The MGH instance.</param>
    public static StandardSetInstance From(MoreGarbowHillstromInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new(instance.Name, instance.Problem, instance.Problem.KnownMinimum, instance.OtherMinima, instance.Start);
    }

    /// <summary>An instance of the large-scale set (f* from the instance, published or computed).</summary>
    /// <param name="instance">The large-scale instance.</param>
    public static StandardSetInstance From(LargeScaleInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new(instance.Name, instance.Problem, instance.KnownMinimum, [], instance.Start);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (n = {Problem.Dimension})";
}
