using Optimize.Cli.Reports;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Measurement;

/// <summary>One method run: the solver's result, the evaluations of f underneath, and the iterates' values.</summary>
/// <param name="Problem">The problem.</param>
/// <param name="Method">The method.</param>
/// <param name="SourceName">The derivative source's name, or <see cref="MethodRunner.ValuesOnly"/>.</param>
/// <param name="Result">The solver's result.</param>
/// <param name="FunctionCalls">Evaluations of the problem's f, by the solver and inside the derivative source.</param>
public sealed record MethodRun(TestProblem Problem, MinimizationMethod Method, string SourceName, MinimizationResult Result, long FunctionCalls)
{
    /// <summary>
    /// Whether the run solved the problem: within 1e-8·(1 + |f*|) of the known minimum f* (whatever stopped it,
    /// except cancellation), or converged where f* is not known.
    /// </summary>
    public bool Solved => Problem.KnownMinimum is double minimum
        ? Result.Reason != TerminationReason.Cancelled && Result.Minimum - minimum <= MethodRunner.SolvedTolerance * (1 + Math.Abs(minimum))
        : Result.Converged;

    /// <summary>The run as a table row.</summary>
    public MethodRow ToRow() => new(
        Problem.Name, Problem.Dimension, Method.Name, SourceName, Solved, Result.Reason.ToString(), Result.Iterations,
        Result.Evaluations.Values, Result.Evaluations.Gradients, Result.Evaluations.HessianVectors, Result.Evaluations.Hessians,
        FunctionCalls, Result.Elapsed.TotalSeconds, Result.Minimum, Result.GradientNorm);
}
