using Optimize.AutoDiff;
using Optimize.Generators.Tests.Left;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.Generators.Tests;

/// <summary>A case that checks a marked method of a particular shape through the methods generated beside it.</summary>
public abstract class TypeShapeCase : GeneratedCase;

public sealed class StaticMethodCase : TypeShapeCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -0.2]];
    public override T Evaluate<T>(ReadOnlySpan<T> x) => StaticFunctions.Gaussian(x);
    public override double Gradient(ReadOnlySpan<double> x, Span<double> gradient) => StaticFunctions.GaussianGradient(x, gradient);
    public override double DirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative) =>
        StaticFunctions.GaussianDirectionalDerivative(x, direction, out derivative);
    public override Dual<double> GradientOverDuals(ReadOnlySpan<Dual<double>> x, Span<Dual<double>> gradient) => StaticFunctions.GaussianGradient(x, gradient);
    public override double HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector) =>
        StaticFunctions.GaussianHessianVector(x, direction, gradient, hessianVector);
}

public sealed class StaticMethodWithOtherParameterNameCase : TypeShapeCase
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
    public override T Evaluate<T>(ReadOnlySpan<T> x) => StaticFunctions.Bowl(x);
    public override double Gradient(ReadOnlySpan<double> x, Span<double> gradient) => StaticFunctions.BowlGradient(x, gradient);
    public override double DirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative) =>
        StaticFunctions.BowlDirectionalDerivative(x, direction, out derivative);
    public override Dual<double> GradientOverDuals(ReadOnlySpan<Dual<double>> x, Span<Dual<double>> gradient) => StaticFunctions.BowlGradient(x, gradient);
    public override double HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector) =>
        StaticFunctions.BowlHessianVector(x, direction, gradient, hessianVector);
}

public sealed class NamedInstanceMethodCase : TypeShapeCase
{
    private readonly NamedInstanceFunction function = new(2.5);
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
    public override T Evaluate<T>(ReadOnlySpan<T> x) => function.Energy(x);
    public override double Gradient(ReadOnlySpan<double> x, Span<double> gradient) => function.EnergyGradient(x, gradient);
    public override double DirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative) =>
        function.EnergyDirectionalDerivative(x, direction, out derivative);
    public override Dual<double> GradientOverDuals(ReadOnlySpan<Dual<double>> x, Span<Dual<double>> gradient) => function.EnergyGradient(x, gradient);
    public override double HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector) =>
        function.EnergyHessianVector(x, direction, gradient, hessianVector);
}

/// <summary>Wraps a type whose marked Evaluate makes it an <see cref="IGeneratedDerivatives"/>.</summary>
public abstract class GeneratedInterfaceCase(IGeneratedDerivatives function) : TypeShapeCase
{
    public IGeneratedDerivatives Function { get; } = function;
    public override T Evaluate<T>(ReadOnlySpan<T> x) => Function.Evaluate(x);
    public override double Gradient(ReadOnlySpan<double> x, Span<double> gradient) => Function.EvaluateGradient(x, gradient);
    public override double DirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative) =>
        Function.EvaluateDirectionalDerivative(x, direction, out derivative);
    public override Dual<double> GradientOverDuals(ReadOnlySpan<Dual<double>> x, Span<Dual<double>> gradient) => Function.EvaluateGradient(x, gradient);
    public override double HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector) =>
        Function.EvaluateHessianVector(x, direction, gradient, hessianVector);
}

public sealed class StructTypeCase() : GeneratedInterfaceCase(new StructFunction())
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
}

public sealed class RecordTypeCase() : GeneratedInterfaceCase(new RecordFunction(1.75))
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
}

public sealed class NestedTypeCase() : GeneratedInterfaceCase(new Outer.Nested())
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
}

public sealed class GlobalNamespaceTypeCase() : GeneratedInterfaceCase(new GlobalNamespaceFunction())
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
}

public sealed class SameNameInOneNamespaceCase() : GeneratedInterfaceCase(new Twin())
{
    public override double[][] Points => [[0.3], [-1.5]];
}

public sealed class SameNameInAnotherNamespaceCase() : GeneratedInterfaceCase(new Right.Twin())
{
    public override double[][] Points => [[0.3], [-1.5]];
}

public sealed class TypeShapeTests
{
    [Fact]
    public void OnlyInstanceMethodsNamedEvaluateMakeTheTypeImplementTheInterface()
    {
        Assert.True(typeof(IGeneratedDerivatives).IsAssignableFrom(typeof(StructFunction)));
        Assert.True(typeof(IGeneratedDerivatives).IsAssignableFrom(typeof(Outer.Nested)));
        Assert.True(typeof(IGeneratedDerivatives).IsAssignableFrom(typeof(SqrtCase)));
        Assert.False(typeof(IGeneratedDerivatives).IsAssignableFrom(typeof(NamedInstanceFunction)));
        Assert.True(GeneratorHarness.GradientOverDouble(typeof(StaticFunctions), "Gaussian")!.IsStatic);
        Assert.True(GeneratorHarness.DirectionalDerivativeOverDouble(typeof(StaticFunctions), "Gaussian")!.IsStatic);
        Assert.False(GeneratorHarness.GradientOverDouble(typeof(NamedInstanceFunction), "Energy")!.IsStatic);
        Assert.True(GeneratorHarness.HessianVectorOverDouble(typeof(StaticFunctions), "Gaussian")!.IsStatic);
        Assert.False(GeneratorHarness.HessianVectorOverDouble(typeof(NamedInstanceFunction), "Energy")!.IsStatic);
    }
}
