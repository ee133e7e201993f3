using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.FirstOrder;

/// <summary>The formula for βₖ in dₖ₊₁ = −∇fₖ₊₁ + βₖdₖ (Nocedal &amp; Wright, §5.2).</summary>
public enum ConjugateGradientUpdate
{
    /// <summary>Fletcher–Reeves (1964): β = ‖gₖ₊₁‖²/‖gₖ‖² (eq. 5.41a).</summary>
    FletcherReeves,

    /// <summary>Polak–Ribière with the nonnegative truncation β⁺ = max(0, gₖ₊₁ᵀ(gₖ₊₁ − gₖ)/‖gₖ‖²) (eq. 5.45).</summary>
    PolakRibierePlus,

    /// <summary>Hestenes–Stiefel (1952): β = gₖ₊₁ᵀyₖ/dₖᵀyₖ (eq. 5.46).</summary>
    HestenesStiefel,

    /// <summary>
    /// Hager–Zhang (2005): β = (yₖ − 2dₖ‖yₖ‖²/dₖᵀyₖ)ᵀgₖ₊₁/dₖᵀyₖ, truncated below by
    /// −1/(‖dₖ‖·min(η, ‖gₖ‖)) with η = 0.01 (CG_DESCENT).
    /// </summary>
    HagerZhang,
}
