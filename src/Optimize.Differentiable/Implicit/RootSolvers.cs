using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Differentiable.Implicit;

/// <summary>
/// Iterative solvers for x*(θ) in double precision: Newton's method on g(x, θ) = 0 with the Jacobian ∂g/∂x by
/// forward-mode AD (Nocedal &amp; Wright, <i>Numerical Optimization</i>, §11.1, Algorithm 11.1), and plain
/// fixed-point iteration x ← F(x, θ) (Banach). Their roots are differentiated by <see cref="ImplicitDifferentiation"/>,
/// never through the iterations.
/// </summary>
public static class RootSolvers
{
    /// <summary>Newton's method x ← x − (∂g/∂x)⁻¹ g(x, θ) from the guess in <paramref name="x"/>.</summary>
    /// <param name="system">g.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="x">The initial guess on entry; the last iterate on return.</param>
    /// <param name="options">Tolerance and limit; defaults when null.</param>
    public static RootResult Newton(IImplicitSystem system, ReadOnlySpan<double> parameters, Span<double> x, RootOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        options ??= new RootOptions();
        options.Validate();
        int n = system.StateDimension;
        Guard.Length(parameters.Length, system.ParameterDimension, nameof(parameters));
        Guard.Length(x.Length, n, nameof(x));
        var residual = new double[n];
        var jacobian = Matrix<double>.Build.Dense(n, n);
        var rightHandSide = Vector<double>.Build.Dense(n);
        var step = Vector<double>.Build.Dense(n);
        var partials = new SystemPartials(system, parameters);
        for (int iteration = 0; ; iteration++)
        {
            system.Residual<double>(x, parameters, residual);
            double norm = InfinityNorm(residual);
            if (!double.IsFinite(norm)) return new(RootTermination.NonFiniteValue, iteration, norm);
            if (norm <= options.Tolerance) return new(RootTermination.Converged, iteration, norm);
            if (iteration >= options.MaximumIterations) return new(RootTermination.IterationLimit, iteration, norm);
            partials.StateJacobian(x, jacobian);
            var lu = jacobian.LU();
            if (!IsInvertible(lu.Determinant, jacobian)) return new(RootTermination.SingularJacobian, iteration, norm);
            for (int i = 0; i < n; i++) rightHandSide[i] = -residual[i];
            lu.Solve(rightHandSide, step);
            for (int i = 0; i < n; i++) x[i] += step[i];
        }
    }

    /// <summary>Fixed-point iteration x ← F(x, θ) from the guess in <paramref name="x"/>; converges when F is a contraction.</summary>
    /// <param name="map">F.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="x">The initial guess on entry; the last iterate on return.</param>
    /// <param name="options">Tolerance on ‖x − F(x)‖∞ and limit; defaults when null.</param>
    public static RootResult FixedPoint(IFixedPointMap map, ReadOnlySpan<double> parameters, Span<double> x, RootOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new RootOptions { MaximumIterations = 1000 };
        options.Validate();
        int n = map.StateDimension;
        Guard.Length(parameters.Length, map.ParameterDimension, nameof(parameters));
        Guard.Length(x.Length, n, nameof(x));
        var image = new double[n];
        for (int iteration = 0; ; iteration++)
        {
            map.Apply<double>(x, parameters, image);
            double norm = 0;
            for (int i = 0; i < n; i++) norm = Math.Max(norm, Math.Abs(x[i] - image[i]));
            if (!double.IsFinite(norm)) return new(RootTermination.NonFiniteValue, iteration, norm);
            if (norm <= options.Tolerance) return new(RootTermination.Converged, iteration, norm);
            if (iteration >= options.MaximumIterations) return new(RootTermination.IterationLimit, iteration, norm);
            image.AsSpan().CopyTo(x);
        }
    }

    internal static double InfinityNorm(ReadOnlySpan<double> v)
    {
        double norm = 0;
        foreach (double e in v)
        {
            if (double.IsNaN(e)) return double.NaN;
            norm = Math.Max(norm, Math.Abs(e));
        }
        return norm;
    }

    /// <summary>Whether an LU determinant shows a usable matrix (not zero or non-finite relative to the entries' scale).</summary>
    internal static bool IsInvertible(double determinant, Matrix<double> matrix)
    {
        double scale = matrix.Enumerate().Max(Math.Abs);
        return double.IsFinite(determinant) && scale > 0
            && Math.Abs(determinant) > Math.Pow(scale, matrix.RowCount) * 1e-14;
    }
}
