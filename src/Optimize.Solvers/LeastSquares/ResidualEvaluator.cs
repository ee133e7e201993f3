using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// Counts the evaluations of a residual function and its Jacobian for one solve, and tells whether they were
/// finite. Residual vectors and dense Jacobians may be longer than m (the rows past m stay zero), which lets
/// Levenberg–Marquardt pad an under-determined problem (m &lt; n) to a square one with zero residuals.
/// </summary>
internal sealed class ResidualEvaluator
{
    private readonly Matrix<double>? scratch;

    public ResidualEvaluator(IVectorFunction function, int rows)
    {
        Function = function;
        Rows = rows;
        if (rows != function.OutputDimension) scratch = Matrix<double>.Build.Dense(function.OutputDimension, function.Dimension);
    }

    public IVectorFunction Function { get; }
    public int Dimension => Function.Dimension;
    public int ResidualCount => Function.OutputDimension;
    public int Rows { get; }
    public long Evaluations { get; private set; }
    public long JacobianEvaluations { get; set; }

    /// <summary>r(x) into the first m entries of <paramref name="residuals"/>; false when an entry is not finite.</summary>
    public bool Evaluate(ReadOnlySpan<double> x, Span<double> residuals)
    {
        Evaluations++;
        int m = ResidualCount;
        Function.Evaluate(x, residuals[..m]);
        residuals[m..].Clear();
        return AllFinite(residuals[..m]);
    }

    /// <summary>The dense Jacobian into a column-major array with leading dimension <see cref="Rows"/>; false when not finite.</summary>
    public bool Jacobian(ReadOnlySpan<double> x, double[] columnMajor)
    {
        JacobianEvaluations++;
        int m = ResidualCount, n = Dimension;
        if (scratch is null)
        {
            Function.Jacobian(x, Matrix<double>.Build.Dense(m, n, columnMajor));
            return AllFinite(columnMajor);
        }
        Function.Jacobian(x, scratch);
        Array.Clear(columnMajor);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++) columnMajor[i + j * Rows] = scratch[i, j];
        return AllFinite(columnMajor);
    }

    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
            if (!double.IsFinite(value)) return false;
        return true;
    }
}
