namespace Optimize.Oracles;

/// <summary>
/// The strongest oracle contract an objective offers, in the order of the contract's interfaces
/// (<see cref="IObjective"/> ⊂ <see cref="IGradientObjective"/> ⊂ <see cref="IHessianVectorObjective"/> ⊂ <see cref="IHessianObjective"/>).
/// </summary>
public enum OracleCapability
{
    /// <summary>Values f(x) only (<see cref="IObjective"/>).</summary>
    Value,

    /// <summary>Values and gradients (<see cref="IGradientObjective"/>).</summary>
    Gradient,

    /// <summary>Also Hessian-vector products (<see cref="IHessianVectorObjective"/>).</summary>
    HessianVector,

    /// <summary>Also full Hessians (<see cref="IHessianObjective"/>).</summary>
    Hessian,
}
