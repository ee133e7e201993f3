using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff.Tensors;

public sealed partial class TensorTape
{
    private readonly Action<int, double> exportBackward;
    private int[] exportPositions = new int[4];
    private int[] exportNodes = new int[4];
    private int exportCount;
    private Tape? scalarTape;
    private bool inScalarSweep;
    private Variable[] importedScalars = new Variable[4];
    private int importCount;

    /// <summary>
    /// A scalar tape variable as a 1×1 tensor (broadcast against any shape by the elementwise operations). When the
    /// scalar tape is swept, the tensor's adjoint flows back into the variable's, so one gradient runs through both tapes.
    /// </summary>
    /// <param name="scalar">A variable of the calling thread's recording scalar tape, or a constant.</param>
    public Tensor Scalar(Variable scalar)
    {
        int node = Push(OperationKind.ImportedScalar, -1, -1, 1, 1, needs: !scalar.IsConstant);
        if (importCount == importedScalars.Length) Array.Resize(ref importedScalars, 2 * importCount);
        integer0[node] = importCount;
        importedScalars[importCount++] = scalar;
        values[node][0] = scalar.Value;
        if (withTangents) tangents[node][0] = 0;
        zeroTangent[node] = true;
        return new Tensor(this, node);
    }

    /// <summary>
    /// Continues a 1×1 tensor on the calling thread's scalar <see cref="Tape"/>: the result is a <see cref="Variable"/>
    /// whose adjoint, when the scalar tape is swept, runs the tensor backward sweep (the parameters' adjoints then hold
    /// their part of the gradient) and reaches the scalar variables that entered through <see cref="Scalar"/>.
    /// Tensor records are swept in segments between exports, so scalars and tensors may alternate freely.
    /// </summary>
    /// <param name="scalar">A 1×1 tensor of the current recording.</param>
    /// <exception cref="InvalidOperationException">The scalar tape is not recording, or this recording carries tangents
    /// (mixing with the scalar tape is first order).</exception>
    public Variable ToVariable(Tensor scalar)
    {
        Check(scalar);
        double value = ScalarOf(scalar.Node);
        if (withTangents)
            throw new InvalidOperationException("A tangent recording cannot continue on the scalar tape: mixing tensors with scalar variables is first order.");
        var tape = Tape.ForCurrentThread;
        if (!tape.IsRecording)
            throw new InvalidOperationException("The scalar tape of this thread is not recording: call Tape.ForCurrentThread.Begin first.");
        if (!needsAdjoint[scalar.Node]) return Variable.Constant(value);
        if (exportCount == exportNodes.Length)
        {
            Array.Resize(ref exportNodes, 2 * exportCount);
            Array.Resize(ref exportPositions, 2 * exportCount);
        }
        exportNodes[exportCount] = scalar.Node;
        exportPositions[exportCount] = count;
        exportCount++;
        scalarTape = tape;
        return tape.RecordExternal(value, exportBackward, exportCount);
    }

    /// <summary>
    /// Called by the scalar sweep with export <paramref name="token"/>'s adjoint, exports in decreasing order: seeds the
    /// exported tensor and sweeps the tensor records made since the previous export (all of them at the first export).
    /// </summary>
    private void ExportBackward(int token, double adjoint)
    {
        int k = token - 1;
        if (k >= exportCount) return; // an export of an earlier tensor recording
        if (k == exportCount - 1) PrepareAdjoints(exportPositions[k]);
        inScalarSweep = true;
        Accumulator(exportNodes[k])[0] += adjoint;
        int low = k == 0 ? 0 : exportPositions[k - 1];
        for (int node = exportPositions[k] - 1; node >= low; node--) BackwardNode(node);
        inScalarSweep = false;
        if (k == 0) adjointsReady = true;
    }

    private void ImportBackward(int node)
    {
        if (inScalarSweep && scalarTape is not null) scalarTape.AccumulateAdjoint(importedScalars[integer0[node]], adjoints[node][0]);
    }
}
