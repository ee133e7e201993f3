using System.Diagnostics;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers.DerivativeFree;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Driver;

public class SmokeTests(ITestOutputHelper output)
{
    public static TheoryData<string> Methods => new() { "lbfgs", "bfgs", "cg", "newton", "newton-eig", "newtoncg", "tr-st", "tr-exact", "tr-dogleg", "sr1", "gd", "hb", "nesterov", "adam", "cd", "cdr", "nm" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Smoke(string method)
    {
        foreach (var (name, n) in new (string, int?)[] { ("quadratic", null), ("rosenbrock", null), ("beale", null), ("powell-singular", null), ("wood", null), ("extended-rosenbrock", 1000) })
        {
            var p = ProblemLibrary.Create(name, n);
            var o = new DriverOptions { MaximumIterations = 100000, TimeLimit = TimeSpan.FromSeconds(5) };
            var x0 = p.StartingPoint;
            var r = method switch
            {
                "lbfgs" => new Lbfgs().Minimize(p, x0, o),
                "bfgs" => new Bfgs().Minimize(p, x0, o),
                "cg" => new ConjugateGradient().Minimize(p, x0, o),
                "newton" => new Newton().Minimize(p, x0, o),
                "newton-eig" => new Newton(new() { Modification = HessianModification.EigenvalueCorrection }).Minimize(p, x0, o),
                "newtoncg" => new NewtonConjugateGradient().Minimize(p, x0, o),
                "tr-st" => new SteihaugTrustRegion().Minimize(p, x0, o),
                "tr-exact" => new TrustRegion().Minimize(p, x0, o),
                "tr-dogleg" => new TrustRegion(new() { Subproblem = Optimize.Solvers.TrustRegions.TrustRegionSubproblem.Dogleg }).Minimize(p, x0, o),
                "sr1" => new Sr1TrustRegion().Minimize(p, x0, o),
                "gd" => new GradientDescent().Minimize(p, x0, o with { GradientTolerance = 1e-5 }),
                "hb" => new HeavyBall().Minimize(p, x0, o with { GradientTolerance = 1e-5 }),
                "nesterov" => new NesterovAcceleratedGradient().Minimize(p, x0, o with { GradientTolerance = 1e-5 }),
                "adam" => new Adam(new() { LearningRate = 1e-2, LearningRateDecay = 1e-3 }).Minimize(p, x0, o with { GradientTolerance = 1e-4 }),
                "cd" => new CoordinateDescent().Minimize(p, x0, o with { GradientTolerance = 1e-5 }),
                "cdr" => new CoordinateDescent(new() { Order = CoordinateOrder.Randomized }).Minimize(p, x0, o with { GradientTolerance = 1e-5 }),
                _ => n is null ? new NelderMead().Minimize(p, x0, o) : null,
            };
            if (r is null) continue;
            output.WriteLine($"{name,-20} {r.BriefReport()}");
        }
    }
}
