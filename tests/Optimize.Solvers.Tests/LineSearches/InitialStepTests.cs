using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.Tests.LineSearches;

public class InitialStepTests
{
    [Fact]
    public void UnitIsAlwaysOne() =>
        Assert.Equal(1, InitialStepRule.Choose(InitialStep.Unit, -5, 100, 0.3, -2, 1, 2));

    [Fact]
    public void PreviousKeepsTheFirstOrderChange()
    {
        // α₀ = αₖ₋₁·φ′ₖ₋₁(0)/φ′ₖ(0) = 0.5·(−4)/(−2).
        Assert.Equal(1, InitialStepRule.Choose(InitialStep.Previous, -2, 1, 0.5, -4, 1, 2), 15);
    }

    [Fact]
    public void QuadraticInterpolationUsesTheLastDecrease()
    {
        // α₀ = 2(fₖ − fₖ₋₁)/φ′ₖ(0) = 2(1 − 2)/(−4).
        Assert.Equal(0.5, InitialStepRule.Choose(InitialStep.QuadraticInterpolation, -4, 1, double.NaN, double.NaN, 1, 2), 15);
    }

    [Theory]
    [InlineData(InitialStep.Previous)]
    [InlineData(InitialStep.QuadraticInterpolation)]
    public void FirstIterationStaysWithinUnitDistance(InitialStep rule) =>
        Assert.Equal(0.01, InitialStepRule.Choose(rule, -4, 100, double.NaN, double.NaN, 1, double.NaN), 15);
}
