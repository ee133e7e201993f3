using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.LineSearches;

/// <summary>
/// The restriction φ(α) = f(x + α·d) of the objective to a ray, with φ′(α) = ∇f(x + α·d)ᵀd, evaluated into
/// buffers owned by the method's state (nothing is allocated per evaluation).
/// </summary>
public sealed class LineFunction
{
    private readonly IObjective objective;
    private readonly IGradientObjective? gradientObjective;
    private readonly double[] origin;
    private readonly double[] direction;
    private readonly double[] trialPoint;
    private readonly double[] trialGradient;

    /// <summary>Binds φ to the arrays of a method's state; x and d are read at every evaluation.</summary>
    /// <param name="objective">The objective; φ′ needs it to implement <see cref="IGradientObjective"/>.</param>
    /// <param name="origin">x.</param>
    /// <param name="direction">d.</param>
    public LineFunction(IObjective objective, double[] origin, double[] direction)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(direction);
        Guard.Length(origin.Length, objective.Dimension, nameof(origin));
        Guard.Length(direction.Length, objective.Dimension, nameof(direction));
        this.objective = objective;
        gradientObjective = objective as IGradientObjective;
        this.origin = origin;
        this.direction = direction;
        trialPoint = new double[origin.Length];
        trialGradient = gradientObjective is null ? [] : new double[origin.Length];
    }

    /// <summary>Whether φ′ is available (the objective gives gradients).</summary>
    public bool HasSlope => gradientObjective is not null;

    /// <summary>The point x + α·d of the last evaluation.</summary>
    public ReadOnlySpan<double> TrialPoint => trialPoint;

    /// <summary>Evaluations of φ since the last <see cref="ResetCount"/>.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Sets <see cref="Evaluations"/> to 0 (at the start of each search).</summary>
    public void ResetCount() => Evaluations = 0;

    /// <summary>φ(α) = f(x + α·d).</summary>
    /// <param name="alpha">The step α.</param>
    public double Value(double alpha)
    {
        Evaluations++;
        TensorPrimitives.MultiplyAdd(direction, alpha, origin, trialPoint);
        return objective.Value(trialPoint);
    }

    /// <summary>φ(α) and φ′(α) = ∇f(x + α·d)ᵀd.</summary>
    /// <param name="alpha">The step α.</param>
    /// <param name="slope">φ′(α).</param>
    /// <exception cref="InvalidOperationException">The objective gives no gradients.</exception>
    public double ValueAndSlope(double alpha, out double slope)
    {
        if (gradientObjective is null)
            throw new InvalidOperationException("This line search needs φ′(α); the objective does not implement IGradientObjective.");
        Evaluations++;
        TensorPrimitives.MultiplyAdd(direction, alpha, origin, trialPoint);
        double value = gradientObjective.ValueAndGradient(trialPoint, trialGradient);
        slope = TensorPrimitives.Dot(trialGradient, direction);
        return value;
    }
}
