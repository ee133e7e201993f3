using System.Numerics;
using Optimize.Differentiable.CustomRules;
using Optimize.Oracles;

namespace Optimize.Differentiable.Implicit;

/// <summary>
/// The root x*(θ) of g(x, θ) = 0 as a differentiable function θ ↦ x*, for use inside larger programs written over
/// the generic scalar — the counterpart of JAX's <c>custom_root</c>. The root is found in double precision by any
/// iterative solver; its derivatives are attached as a custom rule (<see cref="CustomDerivative"/>) whose JVP and
/// VJP come from <see cref="ImplicitDifferentiation"/>, so forward and reverse mode see through the solver
/// without recording a single iteration.
/// </summary>
/// <remarks>
/// Every solve starts from the same initial guess, so the function is deterministic. When the solver does not
/// converge the outputs are NaN (and <see cref="LastResult"/> says why), never a silently wrong root. Not thread-safe.
/// </remarks>
public sealed class ImplicitRoot : IVectorScalarFunction
{
    private readonly IImplicitSystem system;
    private readonly RootFinder solve;
    private readonly double[] initialGuess;
    private readonly CustomDerivative rule;
    private double[] solvedParameters = [];
    private double[] root = [];

    /// <summary>Creates the function.</summary>
    /// <param name="system">g.</param>
    /// <param name="initialGuess">The starting point of every solve, of length n.</param>
    /// <param name="solve">The root finder; null uses <see cref="RootSolvers.Newton"/> with default options.</param>
    public ImplicitRoot(IImplicitSystem system, ReadOnlySpan<double> initialGuess, RootFinder? solve = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        Guard.Length(initialGuess.Length, system.StateDimension, nameof(initialGuess));
        Guard.Finite(initialGuess, nameof(initialGuess));
        this.system = system;
        this.initialGuess = initialGuess.ToArray();
        this.solve = solve ?? ((theta, x) => RootSolvers.Newton(system, theta, x));
        rule = CustomDerivative.WithRules(system.ParameterDimension, system.StateDimension, Value, Jvp, Vjp);
    }

    /// <summary>p: the parameters θ are the inputs.</summary>
    public int Dimension => system.ParameterDimension;

    /// <summary>n: the root x* is the output.</summary>
    public int OutputDimension => system.StateDimension;

    /// <summary>The outcome of the last solve.</summary>
    public RootResult LastResult { get; private set; }

    /// <summary>Writes x*(θ) over <typeparamref name="T"/>, with implicit derivatives.</summary>
    /// <typeparam name="T"><see cref="double"/> or a first-order AD type whose primal is <see cref="double"/>.</typeparam>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="value">Destination of length n.</param>
    public void Evaluate<T>(ReadOnlySpan<T> parameters, Span<T> value) where T : IFloatingPointIeee754<T> =>
        rule.Evaluate(parameters, value);

    private ReadOnlySpan<double> Root(ReadOnlySpan<double> parameters)
    {
        if (parameters.SequenceEqual(solvedParameters)) return root;
        var x = (double[])initialGuess.Clone();
        LastResult = solve(parameters, x);
        if (!LastResult.Converged) Array.Fill(x, double.NaN);
        solvedParameters = parameters.ToArray();
        root = x;
        return root;
    }

    private void Value(ReadOnlySpan<double> parameters, Span<double> value) => Root(parameters).CopyTo(value);

    private void Jvp(ReadOnlySpan<double> parameters, ReadOnlySpan<double> direction, Span<double> result)
    {
        var x = Root(parameters);
        if (!LastResult.Converged) result.Fill(double.NaN);
        else ImplicitDifferentiation.Jvp(system, x, parameters, direction, result);
    }

    private void Vjp(ReadOnlySpan<double> parameters, ReadOnlySpan<double> cotangent, Span<double> result)
    {
        var x = Root(parameters);
        if (!LastResult.Converged) result.Fill(double.NaN);
        else ImplicitDifferentiation.Vjp(system, x, parameters, cotangent, result);
    }
}
