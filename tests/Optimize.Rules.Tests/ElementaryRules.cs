using System.Numerics;
using Optimize.AutoDiff.Tensors;
using Optimize.FSharp.Symbolic;
using Optimize.Oracles;

namespace Optimize.Rules.Tests;

/// <summary>
/// One elementary function of the scalar contract, spelled once for each implementation of its derivative rule:
/// <see cref="Evaluate{T}"/> runs on every scalar AD type and, being marked <see cref="GenerateDerivativesAttribute"/>
/// in each concrete rule, gets adjoint and tangent code from the generator; <see cref="Symbolic"/> builds it for the
/// F# symbolic differentiator; <see cref="OnTensorTape"/> records it on the tensor tape where the tape has it.
/// </summary>
public abstract class ElementaryRule : IScalarFunction
{
    /// <summary>The function's name in the table of rules (the type name without "Rule").</summary>
    public string Name => GetType().Name[..^"Rule".Length];

    public abstract int Dimension { get; }

    public abstract T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;

    /// <summary>The same function of the symbolic variables <paramref name="x"/>.</summary>
    public abstract SymbolicExpression Symbolic(SymbolicExpression[] x);

    /// <summary>The same function recorded on the tensor tape, or null where the tape has no such operation.</summary>
    public virtual Tensor? OnTensorTape(Tensor[] x) => null;

    public override string ToString() => Name;
}

public abstract class UnaryRule : ElementaryRule
{
    public override int Dimension => 1;
}

public abstract class BinaryRule : ElementaryRule
{
    public override int Dimension => 2;
}

public sealed partial class AddRule : BinaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] + x[1];
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => x[0] + x[1];
    public override Tensor? OnTensorTape(Tensor[] x) => x[0] + x[1];
}

public sealed partial class SubtractRule : BinaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] - x[1];
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => x[0] - x[1];
    public override Tensor? OnTensorTape(Tensor[] x) => x[0] - x[1];
}

public sealed partial class MultiplyRule : BinaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] * x[1];
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => x[0] * x[1];
    public override Tensor? OnTensorTape(Tensor[] x) => x[0] * x[1];
}

public sealed partial class DivideRule : BinaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] / x[1];
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => x[0] / x[1];
    public override Tensor? OnTensorTape(Tensor[] x) => x[0] / x[1];
}

public sealed partial class NegateRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => -x[0];
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => -x[0];
    public override Tensor? OnTensorTape(Tensor[] x) => -x[0];
}

public sealed partial class SqrtRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Sqrt(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Sqrt(x[0]);
}

public sealed partial class ExpRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Exp(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Exp(x[0]);
    public override Tensor? OnTensorTape(Tensor[] x) => x[0].Tape.Exp(x[0]);
}

public sealed partial class LogRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Log(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Log(x[0]);
    public override Tensor? OnTensorTape(Tensor[] x) => x[0].Tape.Log(x[0]);
}

public sealed partial class SinRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Sin(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Sin(x[0]);
}

public sealed partial class CosRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Cos(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Cos(x[0]);
}

public sealed partial class TanRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Tan(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Tan(x[0]);
}

public sealed partial class AsinRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Asin(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Asin(x[0]);
}

public sealed partial class AcosRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Acos(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Acos(x[0]);
}

public sealed partial class AtanRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Atan(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Atan(x[0]);
}

public sealed partial class Atan2Rule : BinaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Atan2(x[0], x[1]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Atan2(x[0], x[1]);
}

public sealed partial class SinhRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Sinh(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Sinh(x[0]);
}

public sealed partial class CoshRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Cosh(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Cosh(x[0]);
}

public sealed partial class TanhRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Tanh(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Tanh(x[0]);
    public override Tensor? OnTensorTape(Tensor[] x) => x[0].Tape.Tanh(x[0]);
}

public sealed partial class AbsRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Abs(x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Abs(x[0]);
}

public sealed partial class MinRule : BinaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Min(x[0], x[1]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Minimum(x[0], x[1]);
}

public sealed partial class MaxRule : BinaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Max(x[0], x[1]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Maximum(x[0], x[1]);
}

public sealed partial class PowRule : BinaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(x[0], x[1]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Pow(x[0], x[1]);
}

/// <summary>x^2.5: a power with a constant, non-integer exponent (the symbolic form keeps it as a real power).</summary>
public sealed partial class PowConstantExponentRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(x[0], T.CreateChecked(2.5));
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Pow(x[0], 2.5);
}

/// <summary>max(0, x), the tensor tape's Relu: at 0 the tie takes the first argument, the constant 0, whose derivative is 0.</summary>
public sealed partial class ReluRule : UnaryRule
{
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Max(T.Zero, x[0]);
    public override SymbolicExpression Symbolic(SymbolicExpression[] x) => SymbolicExpression.Maximum(SymbolicExpression.Const(0), x[0]);
    public override Tensor? OnTensorTape(Tensor[] x) => x[0].Tape.Relu(x[0]);
}
