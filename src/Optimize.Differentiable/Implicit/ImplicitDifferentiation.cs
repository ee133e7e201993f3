using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Differentiable.Implicit;

/// <summary>
/// Derivatives of a root x*(θ) of g(x, θ) = 0 by the implicit function theorem, ∂x*/∂θ = −(∂g/∂x)⁻¹ ∂g/∂θ
/// (Krantz &amp; Parks, <i>The Implicit Function Theorem</i>, Thm. 3.3.1; Blondel et al. 2022, "Efficient and
/// modular implicit differentiation", the basis of JAX's <c>custom_root</c>): the partials come from AD of g at
/// the root alone, so the iterations that found it are never differentiated, and the cost does not depend on
/// how many there were. Linear systems are solved by LU through MathNet.Numerics.
/// </summary>
public static class ImplicitDifferentiation
{
    /// <summary>The n×p sensitivity ∂x*/∂θ = −(∂g/∂x)⁻¹ ∂g/∂θ (forward-mode Jacobians of g, one LU solve).</summary>
    /// <param name="system">g.</param>
    /// <param name="root">x* with g(x*, θ) ≈ 0, of length n.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="sensitivity">Destination n×p matrix.</param>
    public static ImplicitDerivativeStatus Jacobian(
        IImplicitSystem system, ReadOnlySpan<double> root, ReadOnlySpan<double> parameters, Matrix<double> sensitivity)
    {
        Check(system, root, parameters);
        int n = system.StateDimension, p = system.ParameterDimension;
        Guard.Shape(sensitivity, n, p, nameof(sensitivity));
        var partials = new SystemPartials(system, parameters);
        var stateJacobian = Matrix<double>.Build.Dense(n, n);
        var parameterJacobian = Matrix<double>.Build.Dense(n, p);
        partials.StateJacobian(root, stateJacobian);
        partials.ParameterJacobian(root, parameterJacobian);
        var lu = stateJacobian.LU();
        if (!RootSolvers.IsInvertible(lu.Determinant, stateJacobian))
        {
            sensitivity.Clear();
            sensitivity.Add(double.NaN, sensitivity);
            return ImplicitDerivativeStatus.SingularJacobian;
        }
        lu.Solve(parameterJacobian, sensitivity);
        sensitivity.Negate(sensitivity);
        return ImplicitDerivativeStatus.Solved;
    }

    /// <summary>The JVP ẋ = (∂x*/∂θ)·θ̇: solves (∂g/∂x) ẋ = −(∂g/∂θ) θ̇ with one forward pass for the right-hand side.</summary>
    /// <param name="system">g.</param>
    /// <param name="root">x*, of length n.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="direction">θ̇, of length p.</param>
    /// <param name="result">Destination of length n.</param>
    public static ImplicitDerivativeStatus Jvp(
        IImplicitSystem system, ReadOnlySpan<double> root, ReadOnlySpan<double> parameters, ReadOnlySpan<double> direction, Span<double> result)
    {
        Check(system, root, parameters);
        int n = system.StateDimension;
        Guard.Length(direction.Length, system.ParameterDimension, nameof(direction));
        Guard.Length(result.Length, n, nameof(result));
        var partials = new SystemPartials(system, parameters);
        var stateJacobian = Matrix<double>.Build.Dense(n, n);
        partials.StateJacobian(root, stateJacobian);
        var lu = stateJacobian.LU();
        if (!RootSolvers.IsInvertible(lu.Determinant, stateJacobian))
        {
            result.Fill(double.NaN);
            return ImplicitDerivativeStatus.SingularJacobian;
        }
        var rightHandSide = new double[n];
        partials.ParameterJvp(root, direction, rightHandSide);
        for (int i = 0; i < n; i++) rightHandSide[i] = -rightHandSide[i];
        var solution = lu.Solve(Vector<double>.Build.Dense(rightHandSide));
        for (int i = 0; i < n; i++) result[i] = solution[i];
        return ImplicitDerivativeStatus.Solved;
    }

    /// <summary>
    /// The VJP θ̄ = x̄ᵀ(∂x*/∂θ) in adjoint form: solves (∂g/∂x)ᵀ λ = x̄, then θ̄ = −λᵀ(∂g/∂θ) by one reverse sweep,
    /// so ∂g/∂θ is never formed (the cost is independent of p).
    /// </summary>
    /// <param name="system">g.</param>
    /// <param name="root">x*, of length n.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="cotangent">x̄, of length n.</param>
    /// <param name="result">Destination of length p.</param>
    public static ImplicitDerivativeStatus Vjp(
        IImplicitSystem system, ReadOnlySpan<double> root, ReadOnlySpan<double> parameters, ReadOnlySpan<double> cotangent, Span<double> result)
    {
        Check(system, root, parameters);
        int n = system.StateDimension, p = system.ParameterDimension;
        Guard.Length(cotangent.Length, n, nameof(cotangent));
        Guard.Length(result.Length, p, nameof(result));
        var partials = new SystemPartials(system, parameters);
        var stateJacobian = Matrix<double>.Build.Dense(n, n);
        partials.StateJacobian(root, stateJacobian);
        var transposed = stateJacobian.Transpose();
        var lu = transposed.LU();
        if (!RootSolvers.IsInvertible(lu.Determinant, transposed))
        {
            result.Fill(double.NaN);
            return ImplicitDerivativeStatus.SingularJacobian;
        }
        var lambda = lu.Solve(Vector<double>.Build.Dense(cotangent.ToArray())).ToArray();
        partials.ParameterVjp(root, lambda, result);
        for (int j = 0; j < p; j++) result[j] = -result[j];
        return ImplicitDerivativeStatus.Solved;
    }

    private static void Check(IImplicitSystem system, ReadOnlySpan<double> root, ReadOnlySpan<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(system);
        Guard.Length(root.Length, system.StateDimension, nameof(root));
        Guard.Length(parameters.Length, system.ParameterDimension, nameof(parameters));
    }
}
