using System.Globalization;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// The outcome of a nonlinear least-squares solve, min ½Σᵢ ρ(rᵢ(x)²) (ρ(z) = z without a robust loss): the solution,
/// the residuals there, the evaluation counts and why the run stopped, with the same
/// <see cref="TerminationReason"/> values and message style as <see cref="MinimizationResult"/>. The fields follow
/// scipy's <c>least_squares</c> result (<c>x</c>, <c>cost</c>, <c>fun</c>, <c>optimality</c>, <c>active_mask</c>,
/// <c>nfev</c>, <c>njev</c>) and MINPACK's outputs (<c>fnorm</c>, <c>nfev</c>, <c>njev</c>, <c>info</c>).
/// </summary>
public sealed class LeastSquaresResult
{
    internal LeastSquaresResult(string method, double[] initialPoint, double[] solution, double[] residuals,
        double initialCost, double cost, double optimality, int[] activeBounds, long residualEvaluations,
        long jacobianEvaluations, int iterations, TimeSpan elapsed, TerminationReason reason, string message)
    {
        Method = method;
        InitialPoint = initialPoint;
        Solution = solution;
        Residuals = residuals;
        InitialCost = initialCost;
        Cost = cost;
        Optimality = optimality;
        ActiveBounds = activeBounds;
        ResidualEvaluations = residualEvaluations;
        JacobianEvaluations = jacobianEvaluations;
        Iterations = iterations;
        Elapsed = elapsed;
        Reason = reason;
        Message = message;
    }

    /// <summary>The method's name (<c>levenberg-marquardt</c>, <c>trust-region-reflective</c>).</summary>
    public string Method { get; }

    /// <summary>The starting point as given (a copy; before any projection into the bounds).</summary>
    public double[] InitialPoint { get; }

    /// <summary>The last accepted iterate x.</summary>
    public double[] Solution { get; }

    /// <summary>The residuals r(x) at <see cref="Solution"/> (length m; without loss or weights applied by the solver).</summary>
    public double[] Residuals { get; }

    /// <summary>‖r(x)‖₂ at <see cref="Solution"/> (MINPACK's final <c>fnorm</c>).</summary>
    public double ResidualNorm => Minpack.Enorm(Residuals);

    /// <summary>The cost ½Σᵢ ρ(rᵢ²) at the start (after projection); NaN when r(x₀) was not finite.</summary>
    public double InitialCost { get; }

    /// <summary>The cost ½Σᵢ ρ(rᵢ²) at <see cref="Solution"/> (½‖r‖² without a robust loss), as scipy's <c>cost</c>.</summary>
    public double Cost { get; }

    /// <summary>
    /// First-order optimality ‖v ∘ g‖∞ with g = Jᵀρ′r the gradient of the cost and v the Coleman–Li scaling (1 without
    /// bounds), as scipy's <c>optimality</c>, at the last point where the Jacobian was evaluated (for
    /// Levenberg–Marquardt this is the solution unless the run stopped right after an accepted step).
    /// </summary>
    public double Optimality { get; }

    /// <summary>The variables at a bound at <see cref="Solution"/>, ascending (scipy's <c>active_mask</c> ≠ 0); empty without bounds.</summary>
    public IReadOnlyList<int> ActiveBounds { get; }

    /// <summary>Evaluations of r (MINPACK's <c>nfev</c>), including the one at the start.</summary>
    public long ResidualEvaluations { get; }

    /// <summary>Evaluations of the Jacobian (MINPACK's <c>njev</c>).</summary>
    public long JacobianEvaluations { get; }

    /// <summary>Accepted steps.</summary>
    public int Iterations { get; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Why the run stopped.</summary>
    public TerminationReason Reason { get; }

    /// <summary>Whether <see cref="Reason"/> is a convergence test (gradient, step or cost-change tolerance).</summary>
    public bool Converged => Reason is TerminationReason.GradientTolerance
        or TerminationReason.StepTolerance or TerminationReason.FunctionChangeTolerance;

    /// <summary>One line saying why the run stopped, in numbers: the test that held and its threshold, or the limit or failure.</summary>
    public string Message { get; }

    /// <summary>The method's own diagnostics by name (e.g. MINPACK's <c>info</c> code, the final trust-region radius).</summary>
    public IReadOnlyDictionary<string, double> Diagnostics { get; init; } = new Dictionary<string, double>();

    /// <summary>One line: method, reason, ‖r‖, cost, iterations, evaluations.</summary>
    public string BriefReport() => string.Create(CultureInfo.InvariantCulture,
        $"{Method}: {Reason} after {Iterations} iterations, ‖r‖ = {ResidualNorm:G10}, cost = {Cost:G10}, r evaluations {ResidualEvaluations}, J evaluations {JacobianEvaluations}, {Elapsed.TotalMilliseconds:F1} ms");

    /// <inheritdoc/>
    public override string ToString() => BriefReport();
}
