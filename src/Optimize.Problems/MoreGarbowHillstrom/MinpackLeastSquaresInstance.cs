namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// One run of MINPACK-1's least-squares test driver (the <c>lmder1</c> driver of Moré, Garbow &amp; Hillstrom, User
/// Guide for MINPACK-1, ANL-80-74, 1980): a problem of the driver's own numbering 1–18 at one size, started from
/// factor·x₀, with what MINPACK's <c>lmder1</c> (tol = √ε) reported there.
/// </summary>
/// <param name="Number">The driver's problem number (<c>nprob</c>), 1 to 18.</param>
/// <param name="Problem">The problem (n and m as the driver runs it).</param>
/// <param name="Factor">The start's factor: 1, 10 or 100.</param>
/// <param name="FinalNorm">MINPACK's final ‖r‖₂ (printed to 8 digits).</param>
/// <param name="ResidualEvaluations">MINPACK's <c>nfev</c>.</param>
/// <param name="JacobianEvaluations">MINPACK's <c>njev</c>.</param>
/// <param name="Info">MINPACK's exit parameter <c>info</c>.</param>
public sealed record MinpackLeastSquaresInstance(
    int Number, SumOfSquaresProblem Problem, double Factor, double FinalNorm, int ResidualEvaluations, int JacobianEvaluations, int Info)
{
    /// <summary>The instance's name, e.g. <c>lm04-extended-rosenbrock-2x2-x10</c>: driver number, problem, n×m, factor.</summary>
    public string Name => $"lm{Number:00}-{Problem.Name}-{Problem.Dimension}x{Problem.ResidualCount}-x{Factor:0}";

    /// <summary>
    /// The start: factor·x₀, except that the Watson problem (x₀ = 0) starts at factor·(1, …, 1) when factor ≠ 1, as
    /// MINPACK's <c>initpt</c> does.
    /// </summary>
    public double[] Start()
    {
        var x = Problem.StartingPoint;
        bool zero = x.All(v => v == 0);
        for (int i = 0; i < x.Length; i++) x[i] = zero ? (Factor == 1 ? 0 : Factor) : Factor * x[i];
        return x;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
