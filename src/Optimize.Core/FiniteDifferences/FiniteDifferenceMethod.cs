namespace Optimize.FiniteDifferences;

/// <summary>The difference formula used to approximate a derivative.</summary>
/// <remarks>
/// Truncation orders follow from Taylor's theorem (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
/// 2nd ed., §8.1): forward and backward differences err by O(h), central differences by O(h²);
/// Ridders' method extrapolates central differences to h → 0 (Numerical Recipes, 3rd ed., §5.7).
/// </remarks>
public enum FiniteDifferenceMethod
{
    /// <summary>(F(x + h·eⱼ) − F(x)) / h: one extra evaluation per coordinate when F(x) is known; error O(h).</summary>
    Forward,

    /// <summary>(F(x) − F(x − h·eⱼ)) / h: one extra evaluation per coordinate when F(x) is known; error O(h).</summary>
    Backward,

    /// <summary>(F(x + h·eⱼ) − F(x − h·eⱼ)) / (2h): two evaluations per coordinate; error O(h²).</summary>
    Central,

    /// <summary>
    /// Ridders' polynomial extrapolation of central differences over a shrinking sequence of steps
    /// (Ridders 1982; Numerical Recipes §5.7, routine dfridr), with a per-component error estimate.
    /// Up to 2·<see cref="FiniteDifferenceOptions.RiddersTableauSize"/> evaluations per coordinate, and a few times
    /// that when a grossly poor error estimate (a kink within the initial step) restarts the tableau from a smaller step.
    /// </summary>
    Ridders,
}
