using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Driver;

public class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Smoke()
    {
        var p = SmallProblems.Rosenbrock();
        double[] x0 = [-1.2, 1];
        foreach (var r in new[] {
            new Lbfgs().Minimize(p, x0), new Bfgs().Minimize(p, x0),
            new Bfgs(new BfgsOptions{ Safeguard = CurvatureSafeguard.Damp}).Minimize(p, x0),
            new ConjugateGradient().Minimize(p, x0),
            new ConjugateGradient(new(){ Update = ConjugateGradientUpdate.FletcherReeves}).Minimize(p, x0, new DriverOptions{MaximumIterations=100000}),
            new ConjugateGradient(new(){ Update = ConjugateGradientUpdate.PolakRibierePlus}).Minimize(p, x0),
            new ConjugateGradient(new(){ Update = ConjugateGradientUpdate.HestenesStiefel}).Minimize(p, x0),
            new ConjugateGradient(new(){ LineSearch = new Optimize.Solvers.LineSearches.MoreThuenteLineSearch{Curvature=0.1}}).Minimize(p, x0),
            new ConjugateGradient(new(){ LineSearch = new Optimize.Solvers.LineSearches.HagerZhangLineSearch{SufficientDecrease=0.01, Curvature=0.1}}).Minimize(p, x0),
            new Lbfgs(new(){ LineSearch = new Optimize.Solvers.LineSearches.HagerZhangLineSearch()}).Minimize(p, x0),
            new Lbfgs(new(){ LineSearch = new Optimize.Solvers.LineSearches.BacktrackingLineSearch()}).Minimize(p, x0),
            new GradientDescent().Minimize(p, x0, new DriverOptions{MaximumIterations=100000, GradientTolerance=1e-6}),
            })
            output.WriteLine(r.BriefReport());
    }
}
