using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.Checkpointing;

/// <summary>
/// Reverse mode over long loops x_{k+1} = Φ_k(x_k, θ), k = 0…N−1, followed by a loss J(x_N, θ), with the
/// tape memory bounded by checkpointing (Griewank 1992, "Achieving logarithmic growth of temporal and spatial
/// complexity in reverse automatic differentiation"; Griewank &amp; Walther, <i>Evaluating Derivatives</i>,
/// §12.3): a forward pass in doubles stores every k-th state; then, from the last segment to the first, the
/// segment is recorded from its checkpoint, its outputs are seeded with the adjoint of the following segment's
/// start, and one sweep gives the adjoints of its start state and its contribution to the parameter adjoint.
/// With k ≈ √N (the default) the tape holds √N steps and √N states are stored: memory O(√N) instead of O(N),
/// for one extra forward evaluation of the loop.
/// </summary>
/// <remarks>
/// Uses the calling thread's <see cref="Tape"/>; the derivative is the same, to round-off, as one tape over the
/// whole loop (which is the special case k = N).
/// </remarks>
public static class CheckpointedReverseMode
{
    /// <summary>The default interval ⌈√N⌉ (the √N schedule that minimizes tape plus checkpoint memory for uniform steps).</summary>
    /// <param name="steps">N.</param>
    public static int SquareRootInterval(int steps)
    {
        Guard.Positive(steps, nameof(steps));
        return (int)Math.Ceiling(Math.Sqrt(steps));
    }

    /// <summary>
    /// J(x_N, θ) and its gradients with respect to x₀ and θ, recording at most <paramref name="interval"/> steps at a time.
    /// </summary>
    /// <param name="stepper">The loop body Φ.</param>
    /// <param name="loss">J of the final state and the parameters: an <see cref="IScalarFunction"/> of dimension n + p over (x_N, θ).</param>
    /// <param name="initialState">x₀, of length n.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="steps">N ≥ 1.</param>
    /// <param name="interval">k, 1 ≤ k; values ≥ N record one tape over the whole loop. 0 chooses <see cref="SquareRootInterval"/>.</param>
    /// <param name="initialStateGradient">Destination of length n for ∂J/∂x₀.</param>
    /// <param name="parameterGradient">Destination of length p for ∂J/∂θ.</param>
    /// <returns>The value and the memory used.</returns>
    public static CheckpointingReport ValueAndGradient(
        ITimeStepper stepper, IScalarFunction loss, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters,
        int steps, int interval, Span<double> initialStateGradient, Span<double> parameterGradient)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentNullException.ThrowIfNull(loss);
        int n = stepper.StateDimension, p = stepper.ParameterDimension;
        Guard.Length(initialState.Length, n, nameof(initialState));
        Guard.Length(parameters.Length, p, nameof(parameters));
        Guard.Length(loss.Dimension, n + p, "loss.Dimension");
        Guard.Positive(steps, nameof(steps));
        if (interval < 0) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be ≥ 0 (0 chooses ⌈√steps⌉).");
        Guard.Length(initialStateGradient.Length, n, nameof(initialStateGradient));
        Guard.Length(parameterGradient.Length, p, nameof(parameterGradient));
        int k = interval == 0 ? SquareRootInterval(steps) : Math.Min(interval, steps);
        int segments = (steps + k - 1) / k;

        // Forward pass in doubles: checkpoint s holds x_{s·k}.
        double[] checkpoints = new double[segments * n];
        double[] current = new double[n], next = new double[n];
        initialState.CopyTo(current);
        for (int s = 0; s < segments; s++)
        {
            current.CopyTo(checkpoints, s * n);
            if (s == segments - 1) break;
            for (int i = s * k; i < (s + 1) * k; i++)
            {
                stepper.Step<double>(i, current, parameters, next);
                (current, next) = (next, current);
            }
        }

        Tape tape = Tape.ForCurrentThread;
        var inputs = new Variable[n + p];
        var state = new Variable[n];
        var following = new Variable[n];
        var lossInputs = new Variable[n + p];
        double[] stateAdjoint = new double[n];
        double[] inputAdjoints = new double[n + p];
        parameterGradient.Clear();
        double value = double.NaN;
        int peakNodes = 0;
        long peakBytes = 0;
        for (int s = segments - 1; s >= 0; s--)
        {
            int first = s * k, last = Math.Min(first + k, steps);
            Variable objective = default;
            try
            {
                tape.Begin();
                tape.Inputs(checkpoints.AsSpan(s * n, n), inputs.AsSpan(0, n));
                tape.Inputs(parameters, inputs.AsSpan(n, p));
                inputs.AsSpan(0, n).CopyTo(state);
                ReadOnlySpan<Variable> theta = inputs.AsSpan(n, p);
                for (int i = first; i < last; i++)
                {
                    stepper.Step<Variable>(i, state, theta, following);
                    (state, following) = (following, state);
                }
                if (s == segments - 1)
                {
                    state.CopyTo(lossInputs, 0);
                    theta.CopyTo(lossInputs.AsSpan(n));
                    objective = loss.Evaluate<Variable>(lossInputs);
                }
            }
            finally { tape.End(); }
            peakNodes = Math.Max(peakNodes, tape.NodeCount);
            peakBytes = Math.Max(peakBytes, tape.RecordBytes + (long)tape.NodeCount * sizeof(double));
            if (s == segments - 1)
            {
                value = objective.Value;
                tape.Seed(objective, 1.0);
            }
            else
            {
                for (int i = 0; i < n; i++) tape.Seed(state[i], stateAdjoint[i]);
            }
            tape.Sweep(inputAdjoints);
            inputAdjoints.AsSpan(0, n).CopyTo(stateAdjoint);
            for (int j = 0; j < p; j++) parameterGradient[j] += inputAdjoints[n + j];
        }
        stateAdjoint.CopyTo(initialStateGradient);
        long checkpointBytes = segments == 1 ? 0 : (long)segments * n * sizeof(double);
        long evaluated = (long)(segments - 1) * k + steps;
        return new CheckpointingReport(value, steps, k, segments, peakNodes, peakBytes, checkpointBytes, evaluated);
    }
}
