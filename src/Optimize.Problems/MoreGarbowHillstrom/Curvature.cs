using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>Adds a residual's weighted second derivative into the curvature matrix Σᵢ rᵢ∇²rᵢ.</summary>
internal static class Curvature
{
    /// <summary>Adds <paramref name="value"/> at (i, j) and, off the diagonal, at (j, i).</summary>
    public static void AddSymmetric(Matrix<double> hessian, int i, int j, double value)
    {
        hessian[i, j] += value;
        if (i != j) hessian[j, i] += value;
    }
}
