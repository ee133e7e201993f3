using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;

namespace Optimize.Solvers.Tests.Support;

/// <summary>
/// Least-squares problems of Moré, Garbow &amp; Hillstrom (1981), "Testing unconstrained optimization software",
/// ACM TOMS 7(1), on which solvers used to claim convergence falsely or fail to report it: f(x) = Σ rᵢ(x)²,
/// written once over the scalar type and differentiated by forward mode.
/// </summary>
internal static class BadlyScaledProblems
{
    /// <summary>A problem: its oracle, the standard start and the known minimum.</summary>
    public sealed record Problem(string Name, IHessianObjective Objective, double[] Start, double Minimum)
    {
        /// <summary>Whether f is within 1e-6·(1 + |f*|) of the known minimum.</summary>
        public bool Solved(double value) => Math.Abs(value - Minimum) <= 1e-6 * (1 + Math.Abs(Minimum));

        public override string ToString() => Name;
    }

    /// <summary>Jennrich–Sampson (MGH 6), m = 10: rᵢ = 2 + 2i − (e^{ix₁} + e^{ix₂}); x₀ = (0.3, 0.4), f* = 124.362.</summary>
    public static Problem JennrichSampson() => new("jennrich-sampson", new ForwardModeObjective(new JennrichSampsonFunction()), [0.3, 0.4], 124.36218235561473);

    /// <summary>Meyer (MGH 10): rᵢ = x₁·exp(x₂/(tᵢ + x₃)) − yᵢ, tᵢ = 45 + 5i; x₀ = (0.02, 4000, 250), f* = 87.9458.</summary>
    public static Problem Meyer() => new("meyer", new ForwardModeObjective(new MeyerFunction()), [0.02, 4000, 250], 87.945855170395831);

    /// <summary>Osborne 1 (MGH 17): rᵢ = yᵢ − (x₁ + x₂e^{−tᵢx₄} + x₃e^{−tᵢx₅}), tᵢ = 10(i − 1); f* = 5.46489e-5.</summary>
    public static Problem OsborneOne() => new("osborne-1", new ForwardModeObjective(new OsborneOneFunction()), [0.5, 1.5, -1, 0.01, 0.02], 5.4648946975e-5);

    /// <summary>Brown–Dennis (MGH 16), m = 20: rᵢ = (x₁ + tᵢx₂ − e^{tᵢ})² + (x₃ + x₄ sin tᵢ − cos tᵢ)², tᵢ = i/5; f* = 85822.2.</summary>
    public static Problem BrownDennis() => new("brown-dennis", new ForwardModeObjective(new BrownDennisFunction()), [25, 5, -5, -1], 85822.20162635628);

    /// <summary>All four.</summary>
    public static IEnumerable<Problem> All => [JennrichSampson(), Meyer(), OsborneOne(), BrownDennis()];

    private sealed class JennrichSampsonFunction : IScalarFunction
    {
        public int Dimension => 2;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 1; i <= 10; i++)
            {
                T ti = T.CreateChecked((double)i);
                T r = T.CreateChecked(2.0 + 2 * i) - (T.Exp(ti * x[0]) + T.Exp(ti * x[1]));
                sum += r * r;
            }
            return sum;
        }
    }

    private sealed class MeyerFunction : IScalarFunction
    {
        private static readonly double[] Y =
            [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];

        public int Dimension => 3;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 1; i <= 16; i++)
            {
                T ti = T.CreateChecked(45.0 + 5 * i);
                T r = x[0] * T.Exp(x[1] / (ti + x[2])) - T.CreateChecked(Y[i - 1]);
                sum += r * r;
            }
            return sum;
        }
    }

    private sealed class OsborneOneFunction : IScalarFunction
    {
        private static readonly double[] Y =
        [
            0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603,
            0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406,
        ];

        public int Dimension => 5;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 1; i <= 33; i++)
            {
                T ti = T.CreateChecked(10.0 * (i - 1));
                T r = T.CreateChecked(Y[i - 1]) - (x[0] + x[1] * T.Exp(-ti * x[3]) + x[2] * T.Exp(-ti * x[4]));
                sum += r * r;
            }
            return sum;
        }
    }

    private sealed class BrownDennisFunction : IScalarFunction
    {
        public int Dimension => 4;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 1; i <= 20; i++)
            {
                double t = i / 5.0;
                T a = x[0] + T.CreateChecked(t) * x[1] - T.CreateChecked(Math.Exp(t));
                T b = x[2] + T.CreateChecked(Math.Sin(t)) * x[3] - T.CreateChecked(Math.Cos(t));
                T r = a * a + b * b;
                sum += r * r;
            }
            return sum;
        }
    }
}
