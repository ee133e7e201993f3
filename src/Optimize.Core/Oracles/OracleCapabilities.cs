namespace Optimize.Oracles;

/// <summary>Reads and names oracle capabilities.</summary>
public static class OracleCapabilities
{
    /// <summary>The strongest contract <paramref name="objective"/> implements.</summary>
    /// <param name="objective">The oracle.</param>
    public static OracleCapability Of(IObjective objective) => objective switch
    {
        IHessianObjective => OracleCapability.Hessian,
        IHessianVectorObjective => OracleCapability.HessianVector,
        IGradientObjective => OracleCapability.Gradient,
        _ => OracleCapability.Value,
    };

    /// <summary>The capability a solver asking for <typeparamref name="TObjective"/> needs.</summary>
    /// <typeparam name="TObjective">One of the oracle interfaces.</typeparam>
    public static OracleCapability Required<TObjective>() where TObjective : IObjective
    {
        var type = typeof(TObjective);
        if (typeof(IHessianObjective).IsAssignableFrom(type)) return OracleCapability.Hessian;
        if (typeof(IHessianVectorObjective).IsAssignableFrom(type)) return OracleCapability.HessianVector;
        if (typeof(IGradientObjective).IsAssignableFrom(type)) return OracleCapability.Gradient;
        return OracleCapability.Value;
    }

    /// <summary>A short human name: "values", "gradients", "Hessian-vector products", "Hessians".</summary>
    /// <param name="capability">The capability.</param>
    public static string Describe(this OracleCapability capability) => capability switch
    {
        OracleCapability.Value => "values",
        OracleCapability.Gradient => "gradients",
        OracleCapability.HessianVector => "Hessian-vector products",
        OracleCapability.Hessian => "Hessians",
        _ => throw new ArgumentOutOfRangeException(nameof(capability), capability, "Unknown oracle capability."),
    };
}
