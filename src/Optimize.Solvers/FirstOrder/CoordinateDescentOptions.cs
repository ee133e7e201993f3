using Optimize.Oracles;

namespace Optimize.Solvers.FirstOrder;

/// <summary>Options of <see cref="CoordinateDescent"/>.</summary>
public sealed record CoordinateDescentOptions
{
    /// <summary>The visiting order. Default cyclic.</summary>
    public CoordinateOrder Order { get; init; } = CoordinateOrder.Cyclic;

    /// <summary>The seed of the randomized order. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>c₁ of the Armijo test that safeguards every coordinate step. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Order)) throw new ArgumentOutOfRangeException(nameof(Order), Order, "Unknown order.");
        DriverOptions.Between(SufficientDecrease, 0, 1, nameof(SufficientDecrease));
    }
}
