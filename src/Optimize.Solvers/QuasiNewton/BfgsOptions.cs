using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>Options of <see cref="Bfgs"/>.</summary>
public sealed record BfgsOptions
{
    /// <summary>The line search; it should enforce the Wolfe conditions. Default Moré–Thuente.</summary>
    public LineSearch LineSearch { get; init; } = new MoreThuenteLineSearch();

    /// <summary>The first trial step of each line search. Default unit.</summary>
    public InitialStep InitialStep { get; init; } = InitialStep.Unit;

    /// <summary>The treatment of pairs with too little curvature. Default <see cref="CurvatureSafeguard.Skip"/>.</summary>
    public CurvatureSafeguard Safeguard { get; init; } = CurvatureSafeguard.Skip;

    /// <summary>With <see cref="CurvatureSafeguard.Skip"/>, the update is skipped when sᵀy ≤ this value · ‖s‖‖y‖. Default 1e-10.</summary>
    public double CurvatureThreshold { get; init; } = 1e-10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(LineSearch, nameof(LineSearch));
        LineSearch.Validate();
        DriverOptions.NonNegative(CurvatureThreshold, nameof(CurvatureThreshold));
        if (!Enum.IsDefined(Safeguard)) throw new ArgumentOutOfRangeException(nameof(Safeguard), Safeguard, "Unknown safeguard.");
    }
}
