using Optimize.Oracles;

namespace Optimize.AutoDiff.Tensors;

/// <summary>A scalar loss written over tensors: records its operations on <paramref name="tape"/> and returns a 1×1 tensor.</summary>
/// <param name="tape">The tape, already recording, on which the parameters are recorded.</param>
/// <param name="parameters">The parameter tensors, in the order of the <see cref="TensorParameterLayout"/>.</param>
public delegate Tensor TensorLoss(TensorTape tape, ReadOnlySpan<Tensor> parameters);
