using Optimize.Solvers;

namespace Optimize.Cli.Measurement;

/// <summary>One run of one method with one derivative source from one start of one standard-set instance, judged.</summary>
/// <param name="Instance">The instance's name (e.g. <c>mgh20-watson-9</c>).</param>
/// <param name="Dimension">Its n.</param>
/// <param name="StartFactor">The start was this factor times x₀ (1, 10 or 100).</param>
/// <param name="Method">The method's name.</param>
/// <param name="Source">The derivative source's name, or <see cref="MethodRunner.ValuesOnly"/>.</param>
/// <param name="Outcome">Where the run ended.</param>
/// <param name="Reason">Why the solver stopped.</param>
/// <param name="ReportsConvergence">Whether the solver reported convergence (<see cref="MinimizationResult.Converged"/>).</param>
/// <param name="StrictLocalMinimizer">
/// Whether the final point passes the strict-local-minimizer test (<see cref="StandardSetRunner.IsStrictLocalMinimizer"/>);
/// checked only where it decides a false convergence (a converged run at no known minimum), false elsewhere.
/// </param>
/// <param name="Values">Evaluations of f the solver made (a fused value-and-gradient call counts one).</param>
/// <param name="Gradients">Evaluations of ∇f.</param>
/// <param name="HessianVectors">Hessian-vector products.</param>
/// <param name="Hessians">Full Hessians.</param>
/// <param name="Iterations">Iterations.</param>
/// <param name="FinalValue">f at the final point.</param>
/// <param name="KnownMinimum">f* of the instance.</param>
/// <param name="Seconds">Wall time of the run.</param>
public sealed record StandardSetRun(
    string Instance, int Dimension, double StartFactor, string Method, string Source, StandardSetOutcome Outcome,
    TerminationReason Reason, bool ReportsConvergence, bool StrictLocalMinimizer, long Values, long Gradients,
    long HessianVectors, long Hessians, int Iterations, double FinalValue, double KnownMinimum, double Seconds)
{
    /// <summary>
    /// A false convergence: the solver reports convergence, but the run ends neither at the known minimum, nor at a
    /// documented other minimum, nor at a strict local minimizer.
    /// </summary>
    public bool FalseConvergence => ReportsConvergence && Outcome == StandardSetOutcome.Failed && !StrictLocalMinimizer;

    /// <summary>
    /// A run that ends at the known minimum but was stopped by a budget (iterations, evaluations or time) rather than
    /// by a convergence test: it spent that budget at a point already solved.
    /// </summary>
    public bool SolvedAtLimit => Outcome == StandardSetOutcome.Solved
        && Reason is TerminationReason.IterationLimit or TerminationReason.EvaluationLimit or TerminationReason.TimeLimit;

    /// <summary>The solver as the profiles name it: method, and source unless the method takes values only.</summary>
    public string Solver => Source == MethodRunner.ValuesOnly ? Method : $"{Method}/{Source}";

    /// <summary>The test problem of the profiles: instance and start.</summary>
    public string ProfileProblem => $"{Instance}@{StartFactor}x0";
}
