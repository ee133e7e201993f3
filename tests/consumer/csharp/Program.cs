using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

// The gradient of Rosenbrock is written at compile time by the generator inside Optimize.AutoDiff.
var objective = new GeneratedCodeObjective(new Rosenbrock());
var result = new Lbfgs(new LbfgsOptions { Memory = 10 })
    .Minimize(objective, [-1.2, 1.0], new DriverOptions { GradientTolerance = 1e-10 });
Console.WriteLine(result.BriefReport());

double error = Math.Max(Math.Abs(result.Minimizer[0] - 1), Math.Abs(result.Minimizer[1] - 1));
if (!result.Converged || error > 1e-6)
{
    Console.Error.WriteLine($"expected the minimizer (1, 1), got ({result.Minimizer[0]}, {result.Minimizer[1]}): {result.Reason}");
    return 1;
}
Console.WriteLine($"minimizer (1, 1) found, error {error:e1}");
return 0;

/// <summary>Rosenbrock's function, differentiated by the source generator.</summary>
public sealed partial class Rosenbrock : IScalarFunction
{
    /// <inheritdoc />
    public int Dimension => 2;

    /// <inheritdoc />
    [GenerateDerivatives]
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T a = T.One - x[0], b = x[1] - x[0] * x[0];
        return a * a + T.CreateChecked(100.0) * b * b;
    }
}
