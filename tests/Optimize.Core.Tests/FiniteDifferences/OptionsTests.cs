using Optimize.FiniteDifferences;

namespace Optimize.Core.Tests.FiniteDifferences;

public class OptionsTests
{
    public static TheoryData<FiniteDifferenceOptions, string> InvalidOptions() => new()
    {
        { new FiniteDifferenceOptions { AbsoluteStep = -1e-3 }, "AbsoluteStep" },
        { new FiniteDifferenceOptions { AbsoluteStep = double.NaN }, "AbsoluteStep" },
        { new FiniteDifferenceOptions { RelativeStep = 0 }, "RelativeStep" },
        { new FiniteDifferenceOptions { AbsoluteStep = 1e-3, RelativeStep = 1e-3 }, "both set" },
        { new FiniteDifferenceOptions { RiddersShrinkFactor = 1.0 }, "RiddersShrinkFactor" },
        { new FiniteDifferenceOptions { RiddersTableauSize = 1 }, "RiddersTableauSize" },
        { new FiniteDifferenceOptions { RiddersSafetyFactor = 0.5 }, "RiddersSafetyFactor" },
        { new FiniteDifferenceOptions { MaxDegreeOfParallelism = 0 }, "MaxDegreeOfParallelism" },
        { new FiniteDifferenceOptions { MinimumParallelWork = TimeSpan.FromTicks(-1) }, "MinimumParallelWork" },
        { new FiniteDifferenceOptions { Method = (FiniteDifferenceMethod)42 }, "Method" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void InvalidOptionsAreRejectedNamingTheProperty(FiniteDifferenceOptions options, string expected)
    {
        Assert.False(options.IsValid(out string? error));
        Assert.Contains(expected, error);
        var e = Assert.Throws<ArgumentException>(() => FiniteDifference.Gradient(x => x[0], [1.0], new double[1], options));
        Assert.Equal("options", e.ParamName);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void DefaultOptionsAreValidAndCentral()
    {
        Assert.True(FiniteDifferenceOptions.Default.IsValid(out string? error));
        Assert.Null(error);
        Assert.Equal(FiniteDifferenceMethod.Central, FiniteDifferenceOptions.Default.Method);
        Assert.False(FiniteDifferenceOptions.Default.ThreadSafe);
    }

    [Fact]
    public void DefaultRelativeStepsFollowTheTruncationRoundOffBalance()
    {
        Assert.Equal(Math.Sqrt(StepSize.Machine), StepSize.DefaultRelativeStep(FiniteDifferenceMethod.Forward));
        Assert.Equal(Math.Cbrt(StepSize.Machine), StepSize.DefaultRelativeStep(FiniteDifferenceMethod.Central));
        Assert.Equal(Math.Pow(StepSize.Machine, 0.25), StepSize.SecondDifferenceRelativeStep, 1e-18);
        Assert.Equal(StepSize.Machine, Math.BitIncrement(1.0) - 1.0);
    }
}
