using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.TrustRegions;

/// <summary>
/// The subproblem solver chosen by <see cref="TrustRegionSubproblem"/> for a model with an explicit matrix B
/// (an exact Hessian or a quasi-Newton matrix), with its workspace allocated once.
/// </summary>
public sealed class MatrixSubproblemSolver
{
    private readonly DenseMatrix matrix;
    private readonly MatrixOperator @operator;
    private readonly MoreSorensen? exact;
    private readonly Dogleg? dogleg;
    private readonly SteihaugToint? steihaug;

    /// <summary>Allocates the workspace of <paramref name="kind"/> for the model matrix <paramref name="matrix"/>.</summary>
    /// <param name="kind">The solver.</param>
    /// <param name="matrix">B, read at every solve.</param>
    public MatrixSubproblemSolver(TrustRegionSubproblem kind, DenseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.RowCount;
        this.matrix = matrix;
        @operator = new MatrixOperator(matrix);
        exact = kind == TrustRegionSubproblem.Exact ? new MoreSorensen(n) : null;
        dogleg = kind == TrustRegionSubproblem.Dogleg ? new Dogleg(n) : null;
        steihaug = kind == TrustRegionSubproblem.SteihaugToint ? new SteihaugToint(n) : null;
    }

    /// <summary>B as an operator.</summary>
    public MatrixOperator Operator => @operator;

    /// <summary>Solves min gᵀp + ½pᵀBp, ‖p‖ ≤ Δ; Steihaug–Toint stops CG at ‖r‖ ≤ min(0.5, √‖g‖)‖g‖.</summary>
    /// <param name="gradient">g.</param>
    /// <param name="gradientNorm">‖g‖.</param>
    /// <param name="radius">Δ.</param>
    /// <param name="step">Destination for p.</param>
    public SubproblemSolution Solve(ReadOnlySpan<double> gradient, double gradientNorm, double radius, Span<double> step)
    {
        if (exact is not null) return exact.Solve(matrix, @operator, gradient, radius, step);
        if (dogleg is not null) return dogleg.Solve(matrix, @operator, gradient, radius, step);
        double forcing = Math.Min(0.5, Math.Sqrt(gradientNorm));
        return steihaug!.Solve(@operator, gradient, radius, step, forcing, gradient.Length);
    }
}
