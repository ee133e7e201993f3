using Optimize.Constraints;
using Xunit;

namespace Optimize.Core.Tests.Constraints;

public class BoundsTests
{
    private static readonly double Inf = double.PositiveInfinity;

    [Fact]
    public void LowerAboveUpperIsRejectedNamingTheIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => Bounds.Create([0, 2], [1, 1]));
        Assert.Equal("lower", error.ParamName);
        Assert.Contains("lower[1] = 2 exceeds upper[1] = 1", error.Message);
    }

    [Fact]
    public void NaNBoundsAreRejected()
    {
        Assert.Equal("lower", Assert.Throws<ArgumentException>(() => Bounds.Create([double.NaN], [1])).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentException>(() => Bounds.Create([0], [double.NaN])).ParamName);
    }

    [Fact]
    public void InfinityOnTheWrongSideIsRejected()
    {
        Assert.Contains("expected a number or -∞", Assert.Throws<ArgumentException>(() => Bounds.Create([Inf], [Inf])).Message);
        Assert.Contains("expected a number or +∞", Assert.Throws<ArgumentException>(() => Bounds.Create([-Inf], [-Inf])).Message);
    }

    [Fact]
    public void LengthsMustAgree()
    {
        Assert.Equal("upper", Assert.Throws<ArgumentException>(() => Bounds.Create([0, 0], [1])).ParamName);
        Assert.Equal("lower", Assert.Throws<ArgumentException>(() => Bounds.Create([], [])).ParamName);
        var box = Bounds.Box(2, 0, 1);
        var error = Assert.Throws<ArgumentException>(() => box.Project(new double[3]));
        Assert.Contains("has length 3 but the bounds have 2 variables", error.Message);
    }

    [Fact]
    public void ProjectionClampsAndCountsMovedEntries()
    {
        var box = Bounds.Create([0, -Inf, 2], [1, 5, 2]);
        double[] x = [-3, -1e300, 7];
        Assert.Equal(2, box.Project(x));
        Assert.Equal([0, -1e300, 2], x);
        Assert.True(box.Contains(x));
        Assert.Equal(0, box.Project(x));
    }

    [Fact]
    public void ProjectedGradientVanishesOnlyWhereTheBoundBlocksTheDescent()
    {
        var box = Bounds.Create([0, 0, 0], [1, 1, 1]);
        double[] x = [0, 1, 0.5];
        double[] g = [2, -3, 0.25];          // pushes x₀ below 0 and x₁ above 1: both blocked
        var pg = new double[3];
        box.ProjectedGradient(x, g, pg);
        Assert.Equal([0, 0, 0.25], pg);
        Assert.Equal(0.25, box.ProjectedGradientNorm(x, g));
        double[] away = [-2, 3, 0];           // pulls both off their bounds: not blocked
        box.ProjectedGradient(x, away, pg);
        Assert.Equal([-1, 1, 0], pg);         // the step to the far bound limits the measure, as x − P(x − g) does
    }

    [Fact]
    public void ActiveSetAndStatesClassifyEveryVariable()
    {
        var box = Bounds.Create([0, 0, 3, -Inf], [1, 1, 3, Inf]);
        double[] x = [0, 1, 3, 4];
        Assert.Equal(BoundState.AtLower, box.StateOf(x, 0));
        Assert.Equal(BoundState.AtUpper, box.StateOf(x, 1));
        Assert.Equal(BoundState.Fixed, box.StateOf(x, 2));
        Assert.Equal(BoundState.Free, box.StateOf(x, 3));
        Assert.Equal([0, 1, 2], box.ActiveSet(x));
        Assert.False(box.IsUnbounded);
        Assert.True(Bounds.Unbounded(4).IsUnbounded);
    }
}
