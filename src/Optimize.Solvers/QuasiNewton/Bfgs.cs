using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>
/// BFGS with the inverse-Hessian update Hₖ₊₁ = (I − ρsyᵀ)Hₖ(I − ρysᵀ) + ρssᵀ, ρ = 1/yᵀs (Nocedal &amp; Wright,
/// §6.1, eq. 6.17 and Algorithm 6.1), H₀ scaled by yᵀs/yᵀy before the first update (eq. 6.20). The update is
/// applied as a rank-two correction in O(n²) on MathNet's column-major storage with SIMD column updates.
/// </summary>
public sealed class Bfgs : Minimizer<IGradientObjective, Bfgs.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public Bfgs(BfgsOptions? options = null)
    {
        Options = options ?? new BfgsOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public BfgsOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "BFGS";

    /// <summary>The BFGS state: the dense inverse-Hessian approximation and work vectors.</summary>
    public sealed class State : DescentState
    {
        internal State(IGradientObjective objective) : base(objective)
        {
            int n = objective.Dimension;
            InverseHessian = DenseMatrix.CreateIdentity(n);
            S = new double[n];
            Y = new double[n];
            HY = new double[n];
        }

        /// <summary>Hₖ, the approximation of ∇²f(xₖ)⁻¹.</summary>
        public DenseMatrix InverseHessian { get; }

        internal readonly double[] S, Y, HY;
        internal bool Scaled;
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateStart();
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        MatrixOperator.MultiplySymmetric(state.InverseHessian, state.Gradient, state.Direction);
        TensorPrimitives.Negate(state.Direction, state.Direction);
        if (!(TensorPrimitives.Dot(state.Gradient, state.Direction) < 0))
        {
            // H lost positive definiteness to round-off: restart from the identity.
            Reset(state);
            TensorPrimitives.Negate(state.Gradient, state.Direction);
        }
        // Until the first update scales H₀ = I, the direction −∇f carries the units of ∇f: bound the first trial step.
        double bound = state.Scaled ? double.PositiveInfinity : state.UnitStepBound();
        if (state.SearchAndMove(Options.LineSearch, Options.InitialStep, bound) is { } stop) return stop;
        UpdateInverse(state);
        return null;
    }

    private static void Reset(State state)
    {
        state.InverseHessian.Clear();
        for (int i = 0; i < state.X.Length; i++) state.InverseHessian[i, i] = 1;
        state.Scaled = false;
    }

    private void UpdateInverse(State state)
    {
        double[] s = state.S, y = state.Y;
        TensorPrimitives.Subtract(state.X, state.PreviousX, s);
        TensorPrimitives.Subtract(state.Gradient, state.PreviousGradient, y);
        double sy = TensorPrimitives.Dot(s, y);
        if (Options.Safeguard == CurvatureSafeguard.Damp)
        {
            // Bₖs = −α∇fₖ, so sᵀBₖs = −α·sᵀ∇fₖ.
            double alpha = state.StepLength;
            double sBs = -alpha * TensorPrimitives.Dot(s, state.PreviousGradient);
            if (sy < 0.2 * sBs)
            {
                double theta = 0.8 * sBs / (sBs - sy);
                TensorPrimitives.Multiply(y, theta, y);
                TensorPrimitives.MultiplyAdd(state.PreviousGradient, -(1 - theta) * alpha, y, y);
                sy = TensorPrimitives.Dot(s, y);
            }
            if (!(sy > 0)) return;
        }
        else if (!(sy > Options.CurvatureThreshold * TensorPrimitives.Norm(s) * TensorPrimitives.Norm(y)))
        {
            return;
        }

        if (!state.Scaled)
        {
            double scale = sy / TensorPrimitives.Dot(y, y);
            state.InverseHessian.Multiply(scale, state.InverseHessian);
            state.Scaled = true;
        }

        // H⁺ = H − ρ(s(Hy)ᵀ + (Hy)sᵀ) + (ρ + ρ²yᵀHy)ssᵀ, column by column on the column-major storage.
        MatrixOperator.MultiplySymmetric(state.InverseHessian, y, state.HY);
        double rho = 1 / sy;
        double yHy = TensorPrimitives.Dot(y, state.HY);
        double c = rho + rho * rho * yHy;
        int n = s.Length;
        var values = state.InverseHessian.Values.AsSpan();
        for (int j = 0; j < n; j++)
        {
            var column = values.Slice(j * n, n);
            TensorPrimitives.MultiplyAdd(s, c * s[j] - rho * state.HY[j], column, column);
            TensorPrimitives.MultiplyAdd(state.HY, -rho * s[j], column, column);
        }
    }
}
