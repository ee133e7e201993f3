using System.Buffers;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff.Reverse;
using Optimize.Oracles;

namespace Optimize;

/// <summary>
/// The oracle of a function written as a lambda over <see cref="HessianVectorVariable"/>: values with constant
/// inputs (nothing recorded), and one recording on the calling thread's <see cref="Tape"/> with one second-order
/// backward sweep for ∇f (direction 0) or for ∇f and ∇²f·v together (forward over reverse, Griewank &amp; Walther,
/// <i>Evaluating Derivatives</i>, §5.2; Pearlmutter 1994); the Hessian is n such products, row by row.
/// Safe to share between threads when the lambda is: every call uses its own arrays and its thread's tape. The
/// lambda takes an array (not a span) so that closures inside it (<see cref="Optimization.Sum{T}"/>) may read x.
/// </summary>
internal sealed class ReverseModeLambdaObjective(int dimension, Func<HessianVectorVariable[], HessianVectorVariable> function)
    : IHessianObjective
{
    public int Dimension => dimension;

    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, dimension, nameof(x));
        var inputs = new HessianVectorVariable[dimension];
        for (int i = 0; i < dimension; i++) inputs[i] = x[i];
        return function(inputs).Value.Value;
    }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(gradient.Length, dimension, nameof(gradient));
        var scratch = ArrayPool<double>.Shared.Rent(2 * dimension);
        try
        {
            var direction = scratch.AsSpan(0, dimension);
            direction.Clear();
            return Sweep(x, direction, gradient, scratch.AsSpan(dimension, dimension));
        }
        finally { ArrayPool<double>.Shared.Return(scratch); }
    }

    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(v.Length, dimension, nameof(v));
        Guard.Length(result.Length, dimension, nameof(result));
        var gradient = ArrayPool<double>.Shared.Rent(dimension);
        try { Sweep(x, v, gradient.AsSpan(0, dimension), result); }
        finally { ArrayPool<double>.Shared.Return(gradient); }
    }

    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        Guard.Shape(hessian, dimension, dimension, nameof(hessian));
        double[] unit = new double[dimension], row = new double[dimension];
        for (int i = 0; i < dimension; i++)
        {
            unit[i] = 1;
            HessianVector(x, unit, row);
            unit[i] = 0;
            for (int j = 0; j < dimension; j++) hessian[i, j] = row[j];
        }
    }

    /// <summary>Records f at x with direction v and sweeps back once: ∇f into <paramref name="gradient"/>, ∇²f·v into <paramref name="hessianVector"/>.</summary>
    private double Sweep(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> gradient, Span<double> hessianVector)
    {
        Guard.Length(x.Length, dimension, nameof(x));
        var tape = Tape.ForCurrentThread;
        // A fresh array per call: the lambda may keep it (in a closure of its own), so it is not pooled.
        var inputs = new HessianVectorVariable[dimension];
        HessianVectorVariable y;
        tape.Begin();
        try
        {
            tape.Inputs(x, v, inputs);
            y = function(inputs);
        }
        finally { tape.End(); }
        tape.Seed(y, 1.0);
        tape.SweepSecondOrder(gradient, hessianVector);
        return y.Value.Value;
    }
}
