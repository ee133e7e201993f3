using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.FirstOrder;

/// <summary>Options of <see cref="GradientDescent"/>.</summary>
public sealed record GradientDescentOptions
{
    /// <summary>The line search along −∇f; null takes the fixed step <see cref="StepSize"/>. Default backtracking (Armijo).</summary>
    public LineSearch? LineSearch { get; init; } = new BacktrackingLineSearch();

    /// <summary>The fixed step η of xₖ₊₁ = xₖ − η∇f(xₖ) when <see cref="LineSearch"/> is null. Default 1e-3.</summary>
    public double StepSize { get; init; } = 1e-3;

    /// <summary>The first trial step of each line search. Default quadratic interpolation.</summary>
    public InitialStep InitialStep { get; init; } = InitialStep.QuadraticInterpolation;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        DriverOptions.StrictlyPositive(StepSize, nameof(StepSize));
        LineSearch?.Validate();
    }
}
