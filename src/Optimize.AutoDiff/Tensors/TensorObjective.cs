using Optimize.Oracles;
using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff.Tensors;

/// <summary>
/// An oracle for the solvers from a tensor loss: the flat parameter vector is cut into the layout's tensors, the loss is
/// recorded on a reusable <see cref="TensorTape"/>, gradients come from one backward sweep and Hessian-vector products
/// from one tangent recording and its backward sweep (forward over reverse, Pearlmutter 1994). After the first calls
/// of a shape no evaluation allocates. Not thread-safe: one instance per thread.
/// </summary>
public sealed class TensorObjective : IHessianVectorObjective
{
    private readonly TensorLoss loss;
    private readonly Tensor[] parameters;

    /// <summary>Creates the oracle.</summary>
    /// <param name="layout">The parameter shapes.</param>
    /// <param name="loss">The loss; it must return a 1×1 tensor.</param>
    /// <param name="tape">The tape to record on (a new one when null).</param>
    public TensorObjective(TensorParameterLayout layout, TensorLoss loss, TensorTape? tape = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(loss);
        Layout = layout;
        this.loss = loss;
        Tape = tape ?? new TensorTape();
        parameters = new Tensor[layout.Count];
    }

    /// <summary>The parameter layout.</summary>
    public TensorParameterLayout Layout { get; }

    /// <summary>The tape the loss is recorded on.</summary>
    public TensorTape Tape { get; }

    /// <inheritdoc/>
    public int Dimension => Layout.Dimension;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x) => Record(x, default, tangents: false).Scalar;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        var output = Record(x, default, tangents: false);
        Tape.Backward(output);
        for (int k = 0; k < parameters.Length; k++) Tape.Adjoint(parameters[k]).CopyTo(Layout.View(gradient, k));
        return output.Scalar;
    }

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        var output = Record(x, v, tangents: true);
        Tape.Backward(output);
        for (int k = 0; k < parameters.Length; k++) Tape.AdjointTangent(parameters[k]).CopyTo(Layout.View(result, k));
    }

    private Tensor Record(ReadOnlySpan<double> x, ReadOnlySpan<double> v, bool tangents)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Tape.Begin(tangents);
        Layout.Record(Tape, x, v, parameters);
        var output = loss(Tape, parameters);
        if (!ReferenceEquals(output.Tape, Tape) || output.Rows != 1 || output.Columns != 1)
            throw new InvalidOperationException("The loss must return a 1×1 tensor recorded on the tape it was given.");
        return output;
    }
}
