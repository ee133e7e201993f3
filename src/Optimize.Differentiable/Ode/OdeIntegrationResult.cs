namespace Optimize.Differentiable.Ode;

/// <summary>The outcome of an adaptive integration.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Time">The time the returned state belongs to (the end time when <see cref="OdeTermination.Completed"/>).</param>
/// <param name="AcceptedSteps">Accepted steps.</param>
/// <param name="RejectedSteps">Steps rejected by the error test and retried with a smaller step.</param>
/// <param name="FunctionEvaluations">Evaluations of the right-hand side over the integrator's scalar type.</param>
/// <param name="LastStepSize">The size of the last accepted step.</param>
public readonly record struct OdeIntegrationResult(
    OdeTermination Reason, double Time, int AcceptedSteps, int RejectedSteps, int FunctionEvaluations, double LastStepSize)
{
    /// <summary>Whether the end time was reached.</summary>
    public bool Completed => Reason == OdeTermination.Completed;
}
