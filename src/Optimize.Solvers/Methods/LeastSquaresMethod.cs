using Optimize.Constraints;
using Optimize.Oracles;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Solvers.Methods;

/// <summary>
/// A catalogue entry for a nonlinear least-squares method: its name, what it accepts (bounds, robust losses, sparse
/// Jacobians) and a way to run it on a residual function. Immutable and safe to share between threads.
/// </summary>
public sealed class LeastSquaresMethod
{
    private readonly Func<IVectorFunction, double[], Bounds?, CancellationToken, LeastSquaresResult> solve;

    private LeastSquaresMethod(string name, string description, object options, bool supportsBounds,
        Func<IVectorFunction, double[], Bounds?, CancellationToken, LeastSquaresResult> solve)
    {
        Name = name;
        Description = description;
        Options = options;
        SupportsBounds = supportsBounds;
        this.solve = solve;
    }

    /// <summary>The name used by front ends, e.g. <c>levenberg-marquardt</c>.</summary>
    public string Name { get; }

    /// <summary>One line saying what the method does.</summary>
    public string Description { get; }

    /// <summary>The options record every run uses (<see cref="LevenbergMarquardtOptions"/> or <see cref="TrustRegionReflectiveOptions"/>).</summary>
    public object Options { get; }

    /// <summary>Whether the method accepts bounds (and, for the trust-region reflective method, robust losses and sparse Jacobians).</summary>
    public bool SupportsBounds { get; }

    /// <summary>Levenberg–Marquardt as MINPACK's lmder (<see cref="LeastSquares.LevenbergMarquardt"/>).</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static LeastSquaresMethod LevenbergMarquardt(LevenbergMarquardtOptions? options = null)
    {
        var solver = new LevenbergMarquardt(options);
        return new(LeastSquares.LevenbergMarquardt.MethodName, "Levenberg–Marquardt as MINPACK's lmder: QR with pivoting, Moré's λ iteration, no bounds",
            solver.Options, false, (r, x, _, token) => solver.Solve(r, x, token));
    }

    /// <summary>The trust-region reflective method (<see cref="LeastSquares.TrustRegionReflective"/>).</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static LeastSquaresMethod TrustRegionReflective(TrustRegionReflectiveOptions? options = null)
    {
        var solver = new TrustRegionReflective(options);
        return new(LeastSquares.TrustRegionReflective.MethodName,
            "trust-region reflective (Branch, Coleman & Li) as scipy's trf: bounds, robust losses, sparse Jacobians with LSQR",
            solver.Options, true, (r, x, bounds, token) => solver.Solve(r, x, bounds, token));
    }

    /// <summary>
    /// Runs the method. Never throws on numerical trouble or non-convergence: the result's
    /// <see cref="LeastSquaresResult.Reason"/> says why it stopped.
    /// </summary>
    /// <param name="residuals">r and its Jacobian.</param>
    /// <param name="initialPoint">x₀, finite, of length n.</param>
    /// <param name="bounds">Bounds, or null; only for methods with <see cref="SupportsBounds"/>.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="residuals"/> is null.</exception>
    /// <exception cref="ArgumentException">Bounds were given to a method without bounds, or an argument is invalid (see the method).</exception>
    public LeastSquaresResult Solve(IVectorFunction residuals, ReadOnlySpan<double> initialPoint, Bounds? bounds = null,
        CancellationToken cancellationToken = default)
    {
        if (bounds is not null && !SupportsBounds && !bounds.IsUnbounded)
            throw new ArgumentException($"Method '{Name}' does not accept bounds; use '{LeastSquares.TrustRegionReflective.MethodName}'.", nameof(bounds));
        return solve(residuals, initialPoint.ToArray(), bounds is { IsUnbounded: true } && !SupportsBounds ? null : bounds, cancellationToken);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
