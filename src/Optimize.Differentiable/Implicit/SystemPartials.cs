using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.Implicit;

/// <summary>
/// The partial derivatives of g(x, θ) at one point by AD: ∂g/∂x and ∂g/∂θ by forward mode (columns), the JVP
/// (∂g/∂θ)·θ̇ by one forward pass and the VJP λᵀ(∂g/∂θ) by one reverse sweep.
/// </summary>
internal sealed class SystemPartials
{
    private readonly StateSlice stateSlice;
    private readonly ParameterSlice parameterSlice;

    internal SystemPartials(IImplicitSystem system, ReadOnlySpan<double> parameters)
    {
        stateSlice = new StateSlice(system, parameters.ToArray());
        parameterSlice = new ParameterSlice(system);
    }

    /// <summary>∂g/∂x at x (θ fixed).</summary>
    internal void StateJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        var value = new double[stateSlice.OutputDimension];
        ForwardMode.ValueAndJacobian<Chunk8>(stateSlice, x, value, jacobian);
    }

    /// <summary>∂g/∂θ at (x, θ).</summary>
    internal void ParameterJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        parameterSlice.SetState(x);
        var value = new double[parameterSlice.OutputDimension];
        ForwardMode.ValueAndJacobian<Chunk8>(parameterSlice, stateSlice.Parameters, value, jacobian);
    }

    /// <summary>(∂g/∂θ)·θ̇ at (x, θ).</summary>
    internal void ParameterJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> result)
    {
        parameterSlice.SetState(x);
        var value = new double[parameterSlice.OutputDimension];
        ForwardMode.ValueAndJvp(parameterSlice, stateSlice.Parameters, direction, value, result);
    }

    /// <summary>
    /// λᵀ(∂g/∂θ) at (x, θ): one reverse sweep, or — when the thread's tape is already recording (a rule called
    /// from inside a reverse-mode evaluation, where recording cannot nest) — forward-mode columns of ∂g/∂θ.
    /// </summary>
    internal void ParameterVjp(ReadOnlySpan<double> x, ReadOnlySpan<double> weights, Span<double> result)
    {
        parameterSlice.SetState(x);
        var value = new double[parameterSlice.OutputDimension];
        if (!Tape.ForCurrentThread.IsRecording)
        {
            ReverseMode.ValueAndVjp(parameterSlice, stateSlice.Parameters, weights, value, result);
            return;
        }
        var jacobian = Matrix<double>.Build.Dense(parameterSlice.OutputDimension, parameterSlice.Dimension);
        ForwardMode.ValueAndJacobian<Chunk8>(parameterSlice, stateSlice.Parameters, value, jacobian);
        for (int j = 0; j < result.Length; j++)
        {
            double sum = 0;
            for (int i = 0; i < weights.Length; i++) sum += weights[i] * jacobian[i, j];
            result[j] = sum;
        }
    }

    /// <summary>The held values as constants of <typeparamref name="T"/>, converted once per type.</summary>
    private static T[] Constants<T>(ref object? cache, double[] values) where T : IFloatingPointIeee754<T>
    {
        if (cache is T[] converted) return converted;
        converted = new T[values.Length];
        for (int i = 0; i < values.Length; i++) converted[i] = T.CreateChecked(values[i]);
        cache = converted;
        return converted;
    }

    /// <summary>x ↦ g(x, θ) with θ held as constants.</summary>
    private sealed class StateSlice(IImplicitSystem system, double[] parameters) : IVectorScalarFunction
    {
        private object? constants;

        internal double[] Parameters { get; } = parameters;

        public int Dimension => system.StateDimension;

        public int OutputDimension => system.StateDimension;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
        {
            system.Residual<T>(x, Constants<T>(ref constants, Parameters), value);
        }
    }

    /// <summary>θ ↦ g(x, θ) with x held as constants.</summary>
    private sealed class ParameterSlice(IImplicitSystem system) : IVectorScalarFunction
    {
        private double[] state = [];
        private object? constants;

        internal void SetState(ReadOnlySpan<double> x)
        {
            state = x.ToArray();
            constants = null;
        }

        public int Dimension => system.ParameterDimension;

        public int OutputDimension => system.StateDimension;

        public void Evaluate<T>(ReadOnlySpan<T> parameters, Span<T> value) where T : IFloatingPointIeee754<T>
        {
            system.Residual<T>(Constants<T>(ref constants, state), parameters, value);
        }
    }
}
