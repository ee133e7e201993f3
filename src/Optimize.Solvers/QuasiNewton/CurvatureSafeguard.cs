using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>What BFGS does with a pair whose curvature sᵀy is too small for a positive definite update.</summary>
public enum CurvatureSafeguard
{
    /// <summary>Skip the update when sᵀy ≤ threshold·‖s‖‖y‖ (Nocedal &amp; Wright, §6.1).</summary>
    Skip,

    /// <summary>
    /// Powell's damping (Nocedal &amp; Wright, Procedure 18.2): replace y by r = θy + (1 − θ)Bₖs, which keeps
    /// sᵀr ≥ 0.2·sᵀBₖs. Since Bₖs = −αₖ∇fₖ for s = αₖdₖ, no B is needed.
    /// </summary>
    Damp,
}
