namespace Optimize.FiniteDifferences;

/// <summary>
/// Thrown when a function is finite at x but not at a point perturbed by a finite-difference step:
/// the difference quotient would be meaningless, so the provider stops and names the perturbation.
/// Typical causes are a step that leaves the function's domain (log, sqrt near a boundary) or an
/// option setting a step far too large.
/// </summary>
public sealed class NonFiniteValueException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="perturbation">What was perturbed, e.g. "coordinate 3, step h = 1.5E-08".</param>
    /// <param name="coordinate">The perturbed coordinate, or −1 when several coordinates or a direction were perturbed.</param>
    /// <param name="step">The step taken (along the coordinate, or the scale of the direction or group).</param>
    /// <param name="component">The output component that was not finite (0 for scalar functions).</param>
    /// <param name="value">The non-finite value.</param>
    public NonFiniteValueException(string perturbation, int coordinate, double step, int component, double value)
        : base($"The function is {value} in output component {component} at the perturbed point ({perturbation}); " +
               "finite differences need finite values at every perturbed point. " +
               "Use a smaller step (FiniteDifferenceOptions.AbsoluteStep or RelativeStep) or a one-sided method away from the domain boundary.")
    {
        Coordinate = coordinate;
        Step = step;
        Component = component;
        Value = value;
    }

    /// <summary>The perturbed coordinate, or −1 when several coordinates or a direction were perturbed together.</summary>
    public int Coordinate { get; }

    /// <summary>The step taken.</summary>
    public double Step { get; }

    /// <summary>The output component that was not finite.</summary>
    public int Component { get; }

    /// <summary>The non-finite value.</summary>
    public double Value { get; }
}
