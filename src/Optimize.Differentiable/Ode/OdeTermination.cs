namespace Optimize.Differentiable.Ode;

/// <summary>Why an adaptive integration stopped.</summary>
public enum OdeTermination
{
    /// <summary>The end time was reached.</summary>
    Completed,

    /// <summary>The number of attempted steps reached <see cref="DormandPrinceOptions.MaximumSteps"/>; the state is at <see cref="OdeIntegrationResult.Time"/>.</summary>
    StepLimit,

    /// <summary>The step size fell below what the floating-point time can resolve (a stiff or singular problem).</summary>
    StepSizeTooSmall,

    /// <summary>The right-hand side or the error estimate was not finite and shrinking the step did not help.</summary>
    NonFiniteValue,
}
