using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff.Reverse;

/// <summary>
/// Reverse-mode automatic differentiation of functions written once over the generic scalar
/// (Griewank &amp; Walther, <i>Evaluating Derivatives</i>, §3.2): one recorded evaluation on
/// <see cref="Variable"/> and one backward sweep give a gradient or a VJP; m sweeps of one recording give a
/// Jacobian by rows; forward over reverse (<c>Dual&lt;Variable&gt;</c>, §5.2) gives Hessian-vector products.
/// Each thread uses its own reusable <see cref="Tape"/>: no allocation in steady state.
/// </summary>
public static class ReverseMode
{
    /// <summary>f(x) and ∇f(x): one recorded evaluation and one backward sweep.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n.</param>
    /// <returns>f(x).</returns>
    public static double ValueAndGradient(IScalarFunction f, ReadOnlySpan<double> x, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Length(gradient.Length, x.Length, nameof(gradient));
        int n = x.Length;
        Tape tape = Tape.ForCurrentThread;
        Variable[] buffer = Scratch<Variable>.Rent(n);
        Variable y;
        try
        {
            Span<Variable> xs = buffer.AsSpan(0, n);
            tape.Begin();
            tape.Inputs(x, xs);
            y = f.Evaluate<Variable>(xs);
        }
        finally
        {
            tape.End();
            Scratch<Variable>.Return(buffer);
        }
        tape.Seed(y, 1.0);
        tape.Sweep(gradient);
        return y.Value;
    }

    /// <summary>F(x) and the VJP wᵀJ(x): one recorded evaluation and one backward sweep.</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="w">The output cotangent, of length m.</param>
    /// <param name="value">Destination of length m for F(x), or empty when F(x) is not needed.</param>
    /// <param name="result">Destination of length n for wᵀJ.</param>
    public static void ValueAndVjp(IVectorScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> value, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(w.Length, f.OutputDimension, nameof(w));
        Guard.Length(result.Length, f.Dimension, nameof(result));
        Variable[] buffer = Record(f, x, value, out Span<Variable> outputs);
        try
        {
            Tape tape = Tape.ForCurrentThread;
            for (int i = 0; i < outputs.Length; i++) tape.Seed(outputs[i], w[i]);
            tape.Sweep(result);
        }
        finally { Scratch<Variable>.Return(buffer); }
    }

    /// <summary>F(x) and the m×n Jacobian by rows: one recorded evaluation and m backward sweeps.</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="value">Destination of length m for F(x), or empty when F(x) is not needed.</param>
    /// <param name="jacobian">Destination m×n matrix.</param>
    public static void ValueAndJacobian(IVectorScalarFunction f, ReadOnlySpan<double> x, Span<double> value, Matrix<double> jacobian)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Shape(jacobian, f.OutputDimension, f.Dimension, nameof(jacobian));
        Variable[] buffer = Record(f, x, value, out Span<Variable> outputs);
        double[] row = Scratch<double>.Rent(f.Dimension);
        try
        {
            Tape tape = Tape.ForCurrentThread;
            Span<double> r = row.AsSpan(0, f.Dimension);
            for (int i = 0; i < outputs.Length; i++)
            {
                tape.Seed(outputs[i], 1.0);
                tape.Sweep(r);
                for (int j = 0; j < r.Length; j++) jacobian[i, j] = r[j];
            }
        }
        finally
        {
            Scratch<double>.Return(row);
            Scratch<Variable>.Return(buffer);
        }
    }

    /// <summary>Records F at x; returns the rented buffer holding inputs then outputs.</summary>
    private static Variable[] Record(IVectorScalarFunction f, ReadOnlySpan<double> x, Span<double> value, out Span<Variable> outputs)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        ForwardMode.CheckValue(value, f.OutputDimension);
        int n = f.Dimension, m = f.OutputDimension;
        Tape tape = Tape.ForCurrentThread;
        Variable[] buffer = Scratch<Variable>.Rent(n + m);
        try
        {
            Span<Variable> xs = buffer.AsSpan(0, n);
            outputs = buffer.AsSpan(n, m);
            outputs.Clear();
            tape.Begin();
            tape.Inputs(x, xs);
            f.Evaluate<Variable>(xs, outputs);
        }
        catch
        {
            Scratch<Variable>.Return(buffer);
            throw;
        }
        finally { tape.End(); }
        for (int i = 0; i < value.Length; i++) value[i] = outputs[i].Value;
        return buffer;
    }

    /// <summary>
    /// ∇²f(x)·v by forward over reverse (Pearlmutter 1994; Griewank &amp; Walther §5.2): one recorded evaluation
    /// on <see cref="HessianVectorVariable"/> (tape variables whose primal carries the direction v as a dual
    /// number), then one backward sweep over dual adjoints, ∇(∇f·v) = ∇²f·v.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    /// <returns>f(x).</returns>
    public static double HessianVector(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        CheckHessianVector(f, x, v, result);
        int n = x.Length;
        Tape tape = Tape.ForCurrentThread;
        HessianVectorVariable[] buffer = Scratch<HessianVectorVariable>.Rent(n);
        double[] gradient = Scratch<double>.Rent(n);
        HessianVectorVariable y;
        try
        {
            Span<HessianVectorVariable> xs = buffer.AsSpan(0, n);
            tape.Begin();
            tape.Inputs(x, v, xs);
            y = f.Evaluate<HessianVectorVariable>(xs);
        }
        finally
        {
            tape.End();
            Scratch<HessianVectorVariable>.Return(buffer);
        }
        tape.Seed(y, 1.0);
        tape.SweepSecondOrder(gradient.AsSpan(0, n), result);
        Scratch<double>.Return(gradient);
        return y.Value.Value;
    }

    /// <summary>
    /// ∇²f(x)·v by nesting the generic types, forward mode over reverse mode (<c>Dual&lt;Variable&gt;</c>): the
    /// tangent of f is recorded on the tape and swept once. Slower than <see cref="HessianVector"/> (which fuses
    /// the two levels in one type) but built only from the generic scalar contract.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    /// <returns>f(x).</returns>
    public static double HessianVectorByNesting(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        CheckHessianVector(f, x, v, result);
        int n = x.Length;
        Tape tape = Tape.ForCurrentThread;
        Dual<Variable>[] buffer = Scratch<Dual<Variable>>.Rent(n);
        Variable[] variables = Scratch<Variable>.Rent(n);
        Dual<Variable> y;
        try
        {
            Span<Dual<Variable>> xs = buffer.AsSpan(0, n);
            tape.Begin();
            Span<Variable> inputs = variables.AsSpan(0, n);
            tape.Inputs(x, inputs);
            for (int i = 0; i < n; i++) xs[i] = new Dual<Variable>(inputs[i], Variable.Constant(v[i]));
            y = f.Evaluate<Dual<Variable>>(xs);
        }
        finally
        {
            tape.End();
            Scratch<Variable>.Return(variables);
            Scratch<Dual<Variable>>.Return(buffer);
        }
        tape.Seed(y.Tangent, 1.0);
        tape.Sweep(result);
        return y.Value.Value;
    }

    private static void CheckHessianVector(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Length(v.Length, x.Length, nameof(v));
        Guard.Length(result.Length, x.Length, nameof(result));
    }

    /// <summary>The full Hessian by n Hessian-vector products (forward over reverse), row by row.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination n×n matrix.</param>
    public static void Hessian(IScalarFunction f, ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        ArgumentNullException.ThrowIfNull(f);
        int n = f.Dimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Shape(hessian, n, n, nameof(hessian));
        double[] unit = new double[n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++)
        {
            // n products take long at large n: stop, with NaN and a reported failure, when the caller cancels.
            if (EvaluationCancellation.AbandonIfRequested(hessian)) return;
            unit[i] = 1;
            HessianVector(f, x, unit, row);
            unit[i] = 0;
            for (int j = 0; j < n; j++) hessian[i, j] = row[j];
        }
    }
}
