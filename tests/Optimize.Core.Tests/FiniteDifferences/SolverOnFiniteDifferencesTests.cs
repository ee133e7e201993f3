using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Core.Tests.FiniteDifferences;

/// <summary>The adapters meet the oracle contract well enough for the solvers to converge on them.</summary>
public class SolverOnFiniteDifferencesTests
{
    private static readonly DriverOptions Options = new() { GradientTolerance = 1e-6, MaximumIterations = 2000 };

    public static TheoryData<string> Solvers() => new() { "bfgs", "lbfgs", "newton", "newtoncg", "trust-region" };

    private static MinimizationResult Run(string solver, IHessianObjective objective, double[] x0) => solver switch
    {
        "bfgs" => new Bfgs().Minimize(objective, x0, Options),
        "lbfgs" => new Lbfgs().Minimize(objective, x0, Options),
        "newton" => new Newton().Minimize(objective, x0, Options),
        "newtoncg" => new NewtonConjugateGradient().Minimize(objective, x0, Options),
        "trust-region" => new TrustRegion().Minimize(objective, x0, Options),
        _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, null),
    };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void SolverMinimizesRosenbrockFromValuesOnly(string solver)
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = Run(solver, FiniteDifferenceObjective.Create((IObjective)problem), problem.StartingPoint);
        Assert.True(result.Converged, result.BriefReport());
        Assert.All(result.Minimizer, x => Assert.Equal(1.0, x, 1e-5));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void SolverMinimizesWoodWithHessiansFromGradientDifferences(string solver)
    {
        var problem = ProblemLibrary.Wood();
        var result = Run(solver, FiniteDifferenceObjective.FromGradient(problem), problem.StartingPoint);
        Assert.True(result.Converged, result.BriefReport());
        Assert.All(result.Minimizer, x => Assert.Equal(1.0, x, 1e-5));
    }
}
