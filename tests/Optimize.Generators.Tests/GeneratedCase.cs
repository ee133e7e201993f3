using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.Generators.Tests;

/// <summary>
/// A test function f written once over the generic scalar, with the derivatives the generator wrote for it
/// and the points at which to check them. A case whose own <c>Evaluate</c> is marked
/// <see cref="GenerateDerivativesAttribute"/> implements <see cref="IGeneratedDerivatives"/> through the
/// generated code; a case that wraps another marked method overrides <see cref="Gradient"/>,
/// <see cref="DirectionalDerivative"/>, <see cref="GradientOverDuals"/> and <see cref="HessianVector"/>.
/// </summary>
public abstract class GeneratedCase : IScalarFunction
{
    /// <summary>Points at which f is smooth, so central differences apply; all of one length.</summary>
    public abstract double[][] Points { get; }

    public virtual int Dimension => Points[0].Length;

    public abstract T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;

    public virtual double Gradient(ReadOnlySpan<double> x, Span<double> gradient) =>
        Generated.EvaluateGradient(x, gradient);

    public virtual double DirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative) =>
        Generated.EvaluateDirectionalDerivative(x, direction, out derivative);

    /// <summary>The generated adjoint code, generic over the scalar, run on dual numbers: ∇f and ∇²f·v.</summary>
    public virtual Dual<double> GradientOverDuals(ReadOnlySpan<Dual<double>> x, Span<Dual<double>> gradient) =>
        Generated.EvaluateGradient(x, gradient);

    /// <summary>The generated second-order adjoint code, in doubles: f, ∇f and ∇²f·v.</summary>
    public virtual double HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector) =>
        Generated.EvaluateHessianVector(x, direction, gradient, hessianVector);

    private IGeneratedDerivatives Generated => this as IGeneratedDerivatives
        ?? throw new InvalidOperationException($"{GetType().Name} neither has a generated Evaluate nor overrides the derivative methods.");

    public override string ToString() => GetType().Name;

    /// <summary>Every concrete case of a family, by name, so theories list one row per case.</summary>
    public static IReadOnlyDictionary<string, GeneratedCase> Family<TFamily>() where TFamily : GeneratedCase =>
        typeof(TFamily).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(TFamily)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(t => t.Name, t => (GeneratedCase)Activator.CreateInstance(t)!);
}

/// <summary>A case that exercises one derivative rule of an elementary operation or function.</summary>
public abstract class ElementaryCase : GeneratedCase;

/// <summary>A case that exercises statements and control flow of the transformable subset.</summary>
public abstract class ControlFlowCase : GeneratedCase;
