using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.SecondOrder;

/// <summary>How Newton's method makes an indefinite Hessian positive definite.</summary>
public enum HessianModification
{
    /// <summary>
    /// Cholesky with an added multiple of the Hessian's diagonal, ∇²f + τD (Nocedal &amp; Wright, Algorithm 3.3 on the
    /// Jacobi-scaled Hessian; see <see cref="LinearAlgebra.SymmetricFactorization.FactorWithAddedDiagonal"/>). O(n³/3)
    /// per attempt. A multiple of I sized by the largest diagonal entry made every step tiny on Meyer's function.
    /// </summary>
    ModifiedCholesky,

    /// <summary>
    /// Eigenvalue modification: λᵢ ← max(|λᵢ|, δ) with δ = √ε·max(1, max|λᵢ|) (Nocedal &amp; Wright, §3.4, eq. 3.41
    /// with absolute values, which turns negative curvature into descent). One symmetric eigen-decomposition per
    /// iteration (which allocates its factors).
    /// </summary>
    EigenvalueCorrection,
}
