using Optimize.AutoDiff;
using Optimize.AutoDiff.Forward;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

public class ComplexStepTests
{
    [Theory]
    [MemberData(nameof(ElementaryOperations.UnaryCases), MemberType = typeof(ElementaryOperations))]
    public void ComplexStepMatchesForwardModeOnEveryUnaryOperation(string operation, double x)
    {
        if (operation == "abs" && x == 0) return; // not analytic at 0; the continuation sign(a)·z has no derivative there
        double forward = Differentiate.Derivative<double>(d => ElementaryOperations.Apply(operation, d), x);
        double complex = ComplexStep.Derivative(z => ElementaryOperations.Apply(operation, z), x);
        Close(forward, complex, 1e-14, $"{operation}({x})");
        Assert.Equal(ElementaryOperations.Apply(operation, x), ElementaryOperations.Apply(operation, new ComplexScalar(x, 1e-20)).Value, 14);
    }

    [Fact]
    public void ComplexArithmeticIsTrueComplexArithmetic()
    {
        var a = new ComplexScalar(1, 2);
        var b = new ComplexScalar(3, -1);
        ComplexScalar product = a * b, quotient = a / b;
        Assert.Equal(5.0, product.Value);
        Assert.Equal(5.0, product.Imaginary);
        Assert.Equal(0.1, quotient.Value, 15);
        Assert.Equal(0.7, quotient.Imaginary, 15);
        ComplexScalar e = G.Exp(new ComplexScalar(0, Math.PI));
        Assert.Equal(-1.0, e.Value, 15);
        Assert.Equal(0.0, e.Imaginary, 15);
        Assert.True(G.Less(new ComplexScalar(1, 100), new ComplexScalar(2, -100)));
    }

    [Fact]
    public void ComplexStepHasNoSubtractiveCancellationAtTinySteps()
    {
        // The classic example of Squire & Trapp: f(x) = eˣ / √(sin³x + cos³x) at x = 1.5.
        static T F<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> =>
            T.Exp(x) / T.Sqrt(T.Sin(x) * T.Sin(x) * T.Sin(x) + T.Cos(x) * T.Cos(x) * T.Cos(x));
        double forward = Differentiate.Derivative<double>(F, 1.5);
        Close(forward, ComplexStep.Derivative(F, 1.5, 1e-100), 1e-15);
        Close(forward, ComplexStep.Derivative(F, 1.5, 1e-8), 1e-14);
    }

    [Fact]
    public void ComplexStepRejectsANonPositiveStep()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ComplexStep.Derivative(z => z, 1, 0));
        Assert.Equal("h", error.ParamName);
    }
}
