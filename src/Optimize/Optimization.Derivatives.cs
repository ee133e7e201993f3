using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.AutoDiff.Reverse;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize;

// Derivatives in one call: ∇f, ∇²f·v, ∇²f and J for the same kinds of function as Minimize.
public static partial class Optimization
{
    /// <summary>∇f(x) of a lambda over <see cref="HessianVectorVariable"/>: one recording and one backward sweep.</summary>
    /// <param name="f">f(x), written with the arithmetic of <see cref="HessianVectorVariable"/>.</param>
    /// <param name="x">The point, finite.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(2)]
    public static double[] Gradient(Func<HessianVectorVariable[], HessianVectorVariable> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckPoint(x, nameof(x));
        return GradientOf(new ReverseModeLambdaObjective(x.Length, f), x);
    }

    /// <summary>∇f(x) of a function of doubles, by differences.</summary>
    /// <param name="f">f(x), given a fresh array.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static double[] Gradient(Func<double[], double> f, ReadOnlySpan<double> x, string derivatives = DefaultDifferences)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Gradient(new ValueFunction(v => f(v.ToArray())), x, derivatives);
    }

    /// <summary>∇f(x) of a span-based function of doubles, by differences.</summary>
    /// <param name="f">f(x).</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] Gradient(ValueFunction f, ReadOnlySpan<double> x, string derivatives = DefaultDifferences) =>
        GradientOf(DifferenceOracle(f, x, derivatives), x);

    /// <summary>∇f(x) of a function written once over T: by its generated code, else on the tape, or by the source named.</summary>
    /// <param name="f">The function; its dimension must be x's length.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="derivatives">A name of <see cref="DerivativeSources.Standard"/> that accepts f; null for <c>generated-ad</c> or <c>reverse-ad</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static double[] Gradient(IScalarFunction f, ReadOnlySpan<double> x, string? derivatives = null) =>
        GradientOf(SourceOracle(f, x, derivatives), x);

    /// <summary>∇²f(x)·v of a lambda over <see cref="HessianVectorVariable"/>: forward over reverse, one recording and one sweep.</summary>
    /// <param name="f">f(x), written with the arithmetic of <see cref="HessianVectorVariable"/>.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="v">The direction, of x's length.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(2)]
    public static double[] HessianVector(Func<HessianVectorVariable[], HessianVectorVariable> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckPoint(x, nameof(x));
        return HessianVectorOf(new ReverseModeLambdaObjective(x.Length, f), x, v, nameof(f));
    }

    /// <summary>∇²f(x)·v of a function of doubles, by differences of difference gradients.</summary>
    /// <param name="f">f(x), given a fresh array.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="v">The direction, of x's length.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static double[] HessianVector(Func<double[], double> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, string derivatives = DefaultDifferences)
    {
        ArgumentNullException.ThrowIfNull(f);
        return HessianVector(new ValueFunction(p => f(p.ToArray())), x, v, derivatives);
    }

    /// <summary>∇²f(x)·v of a span-based function of doubles, by differences of difference gradients.</summary>
    /// <param name="f">f(x).</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="v">The direction, of x's length.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] HessianVector(ValueFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, string derivatives = DefaultDifferences) =>
        HessianVectorOf(DifferenceOracle(f, x, derivatives), x, v, nameof(derivatives));

    /// <summary>∇²f(x)·v of a function written once over T: generated code over dual numbers, else forward over reverse on the tape, or the source named.</summary>
    /// <param name="f">The function; its dimension must be x's length.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="v">The direction, of x's length.</param>
    /// <param name="derivatives">A name of <see cref="DerivativeSources.Standard"/> that accepts f and gives Hessian-vector products; null for <c>generated-ad</c> or <c>reverse-ad</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static double[] HessianVector(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, string? derivatives = null) =>
        HessianVectorOf(SourceOracle(f, x, derivatives), x, v, nameof(derivatives));

    /// <summary>∇²f(x) of a lambda over <see cref="HessianVectorVariable"/>: n Hessian-vector products, forward over reverse.</summary>
    /// <param name="f">f(x), written with the arithmetic of <see cref="HessianVectorVariable"/>.</param>
    /// <param name="x">The point, finite.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(2)]
    public static Matrix<double> Hessian(Func<HessianVectorVariable[], HessianVectorVariable> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckPoint(x, nameof(x));
        return HessianOf(new ReverseModeLambdaObjective(x.Length, f), x, nameof(f));
    }

    /// <summary>∇²f(x) of a function of doubles, by differences.</summary>
    /// <param name="f">f(x), given a fresh array.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static Matrix<double> Hessian(Func<double[], double> f, ReadOnlySpan<double> x, string derivatives = DefaultDifferences)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Hessian(new ValueFunction(p => f(p.ToArray())), x, derivatives);
    }

    /// <summary>∇²f(x) of a span-based function of doubles, by differences.</summary>
    /// <param name="f">f(x).</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(1)]
    public static Matrix<double> Hessian(ValueFunction f, ReadOnlySpan<double> x, string derivatives = DefaultDifferences) =>
        HessianOf(DifferenceOracle(f, x, derivatives), x, nameof(derivatives));

    /// <summary>∇²f(x) of a function written once over T, by its generated code, else AD, or by the source named.</summary>
    /// <param name="f">The function; its dimension must be x's length.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="derivatives">A name of <see cref="DerivativeSources.Standard"/> that accepts f and gives Hessians; null for <c>generated-ad</c> or <c>reverse-ad</c>.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static Matrix<double> Hessian(IScalarFunction f, ReadOnlySpan<double> x, string? derivatives = null) =>
        HessianOf(SourceOracle(f, x, derivatives), x, nameof(derivatives));

    /// <summary>J(x) of a vector lambda over <see cref="HessianVectorVariable"/>: one recording and one backward sweep per output (by rows).</summary>
    /// <param name="f">F(x), written with the arithmetic of <see cref="HessianVectorVariable"/>, returning the m outputs.</param>
    /// <param name="x">The point, finite.</param>
    /// <returns>The m×n Jacobian.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(2)]
    public static Matrix<double> Jacobian(Func<HessianVectorVariable[], HessianVectorVariable[]> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckPoint(x, nameof(x));
        int n = x.Length;
        var tape = Tape.ForCurrentThread;
        var inputs = new HessianVectorVariable[n];
        HessianVectorVariable[] outputs;
        tape.Begin();
        try
        {
            tape.Inputs(x, new double[n], inputs);
            outputs = f(inputs) ?? throw new ArgumentException("f returned null; it must return the outputs.", nameof(f));
        }
        finally { tape.End(); }
        var jacobian = Matrix<double>.Build.Dense(outputs.Length, n);
        double[] row = new double[n], unused = new double[n];
        for (int i = 0; i < outputs.Length; i++)
        {
            tape.Seed(outputs[i], 1.0);
            tape.SweepSecondOrder(row, unused);
            jacobian.SetRow(i, row);
        }
        return jacobian;
    }

    /// <summary>J(x) of a vector function of doubles, by differences (one evaluation at x tells the number of outputs).</summary>
    /// <param name="f">F(x), given a fresh array; the same number of outputs at every point.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <returns>The m×n Jacobian.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(1)]
    public static Matrix<double> Jacobian(Func<double[], double[]> f, ReadOnlySpan<double> x, string derivatives = DefaultDifferences)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckPoint(x, nameof(x));
        var source = DifferenceSource(derivatives);
        int m = (f(x.ToArray()) ?? throw new ArgumentException("f returned null; it must return the outputs.", nameof(f))).Length;
        var jacobian = Matrix<double>.Build.Dense(m, x.Length);
        source.CreateJacobian(new ValuesOnlyVectorFunction(x.Length, m, f)).Jacobian(x, jacobian);
        return jacobian;
    }

    /// <summary>J(x) of a vector function written once over T: by columns (forward mode) when n ≤ m, by rows (reverse mode) otherwise, or by the source named.</summary>
    /// <param name="f">The vector function; its dimension must be x's length.</param>
    /// <param name="x">The point, finite.</param>
    /// <param name="derivatives">A name of <see cref="DerivativeSources.Standard"/> that gives Jacobians; null to pick the mode by shape (<see cref="Differentiate.Jacobian"/>).</param>
    /// <returns>The m×n Jacobian.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static Matrix<double> Jacobian(IVectorScalarFunction f, ReadOnlySpan<double> x, string? derivatives = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckPoint(x, nameof(x));
        if (f.Dimension != x.Length)
            throw new ArgumentException($"x has {x.Length} entries; the function's dimension is {f.Dimension}.", nameof(x));
        var jacobian = Matrix<double>.Build.Dense(f.OutputDimension, f.Dimension);
        if (derivatives is null)
        {
            Differentiate.Jacobian(f, x, jacobian);
            return jacobian;
        }
        var source = DerivativeSources.Standard.Find(derivatives) ?? throw new ArgumentException(
            $"Unknown derivative source '{derivatives}'. Valid sources: {string.Join(", ", DerivativeSources.Standard.Names)}.", nameof(derivatives));
        if (!source.GivesJacobian)
            throw new ArgumentException(
                $"The derivative source '{source.Name}' gives no Jacobians. Sources that do: " +
                $"{string.Join(", ", DerivativeSources.Standard.Where(s => s.GivesJacobian).Select(s => s.Name))}.", nameof(derivatives));
        source.CreateJacobian(f).Jacobian(x, jacobian);
        return jacobian;
    }

    /// <summary>The difference oracle of a function of doubles at a checked point.</summary>
    private static IGradientObjective DifferenceOracle(ValueFunction f, ReadOnlySpan<double> x, string derivatives)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckPoint(x, nameof(x));
        return DifferenceSource(derivatives).Create(new ValuesOnlyFunction(x.Length, f));
    }

    /// <summary>The oracle of a function written once, from the source named or chosen, at a checked point.</summary>
    private static IGradientObjective SourceOracle(IScalarFunction f, ReadOnlySpan<double> x, string? derivatives)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckPoint(x, nameof(x));
        if (f.Dimension != x.Length)
            throw new ArgumentException($"x has {x.Length} entries; the function's dimension is {f.Dimension}.", nameof(x));
        return SourceFor(f, derivatives).Create(f);
    }

    private static double[] GradientOf(IGradientObjective objective, ReadOnlySpan<double> x)
    {
        var gradient = new double[x.Length];
        objective.ValueAndGradient(x, gradient);
        return gradient;
    }

    private static double[] HessianVectorOf(IGradientObjective objective, ReadOnlySpan<double> x, ReadOnlySpan<double> v, string source)
    {
        if (v.Length != x.Length) throw new ArgumentException($"v has {v.Length} entries; x has {x.Length}.", nameof(v));
        var product = new double[x.Length];
        (objective as IHessianVectorObjective ?? throw new ArgumentException(
            $"These derivatives give {OracleCapabilities.Of(objective).Describe()}, not Hessian-vector products.", source))
            .HessianVector(x, v, product);
        return product;
    }

    private static Matrix<double> HessianOf(IGradientObjective objective, ReadOnlySpan<double> x, string source)
    {
        var hessian = Matrix<double>.Build.Dense(x.Length, x.Length);
        (objective as IHessianObjective ?? throw new ArgumentException(
            $"These derivatives give {OracleCapabilities.Of(objective).Describe()}, not Hessians.", source))
            .Hessian(x, hessian);
        return hessian;
    }
}
