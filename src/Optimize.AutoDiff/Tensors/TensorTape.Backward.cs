using System.Numerics.Tensors;

namespace Optimize.AutoDiff.Tensors;

public sealed partial class TensorTape
{
    /// <summary>
    /// The backward sweep from a 1×1 output seeded with <paramref name="seed"/>: afterwards <see cref="Adjoint"/> of a
    /// parameter is the gradient (times the seed) and, in a tangent recording, <see cref="AdjointTangent"/> the
    /// Hessian-vector product along the parameters' tangents.
    /// </summary>
    /// <param name="output">A 1×1 tensor of the current recording.</param>
    /// <param name="seed">The output's adjoint.</param>
    public void Backward(Tensor output, double seed = 1.0)
    {
        Check(output);
        ScalarOf(output.Node);
        Span<double> seeds = [seed];
        Backward(output, seeds, default);
    }

    /// <summary>
    /// The backward sweep from any output seeded with adjoint w (and, in a tangent recording, the tangent of w):
    /// afterwards <see cref="Adjoint"/> of a parameter is the VJP wᵀJ.
    /// </summary>
    /// <param name="output">A tensor of the current recording.</param>
    /// <param name="seed">Its adjoint w, of the output's length.</param>
    /// <param name="seedTangent">The tangent of w (empty for zero); used only in a tangent recording.</param>
    public void Backward(Tensor output, ReadOnlySpan<double> seed, ReadOnlySpan<double> seedTangent)
    {
        Check(output);
        int top = output.Node;
        Guard.Length(seed.Length, output.Length, nameof(seed));
        if (!seedTangent.IsEmpty) Guard.Length(seedTangent.Length, output.Length, nameof(seedTangent));
        PrepareAdjoints(top + 1);
        if (needsAdjoint[top])
        {
            if (Overwrites(top)) seed.CopyTo(adjoints[top]);
            else TensorPrimitives.Add(adjoints[top], seed, adjoints[top]);
            if (withTangents && !seedTangent.IsEmpty) TensorPrimitives.Add(adjointTangents[top], seedTangent, adjointTangents[top]);
        }
        for (int node = top; node >= 0; node--) BackwardNode(node);
        adjointsReady = true;
    }

    /// <summary>
    /// Gives every adjoint (and adjoint tangent) of the first <paramref name="nodes"/> records its buffer, standing for
    /// zero: adjoints are marked pending (written by their first contribution, see <see cref="Overwrites"/>), adjoint
    /// tangents cleared. Reshapes share their operand's buffers.
    /// </summary>
    private void PrepareAdjoints(int nodes)
    {
        for (int node = 0; node < nodes; node++)
        {
            if (!needsAdjoint[node]) continue;
            if (kinds[node] == OperationKind.Reshape)
            {
                adjoints[node] = adjoints[left[node]];
                adjointHome[node] = adjointHome[left[node]];
                if (withTangents) adjointTangents[node] = adjointTangents[left[node]];
                continue;
            }
            int length = rows[node] * columns[node];
            adjoints[node] = Owned(ownedAdjoints, node, length);
            adjointHome[node] = node;
            adjointPending[node] = true;
            if (!withTangents) continue;
            var adjointTangent = Owned(ownedAdjointTangents, node, length);
            Array.Clear(adjointTangent);
            adjointTangents[node] = adjointTangent;
        }
    }

    /// <summary>
    /// Whether the node's adjoint is still pending (zero, its buffer stale); if so it is no longer, and the caller must
    /// write every entry of it (a first contribution overwrites instead of adding to zeros cleared beforehand).
    /// </summary>
    private bool Overwrites(int node)
    {
        int home = adjointHome[node];
        if (!adjointPending[home]) return false;
        adjointPending[home] = false;
        return true;
    }

    /// <summary>
    /// Whether a rule whose contribution to operand <paramref name="operand"/> of record <paramref name="node"/> covers
    /// every entry once (the operand has the record's shape) may overwrite the operand's pending adjoint; a pending adjoint
    /// of a broadcast operand is cleared instead, and false returned.
    /// </summary>
    private bool OverwritesDense(int operand, int node)
    {
        if (!Overwrites(operand)) return false;
        if (rows[operand] == rows[node] && columns[operand] == columns[node]) return true;
        Array.Clear(adjoints[operand]);
        return false;
    }

    /// <summary>The node's adjoint buffer ready to be added to: cleared first if it was pending.</summary>
    private double[] Accumulator(int node)
    {
        if (Overwrites(node)) Array.Clear(adjoints[node]);
        return adjoints[node];
    }

    /// <summary>Propagates one record's adjoint (and adjoint tangent) to its operands.</summary>
    private void BackwardNode(int node)
    {
        if (!needsAdjoint[node]) return;
        if (adjointPending[adjointHome[node]])
        {
            // No contribution reached the record: its adjoint is zero and so is what it passes on. A tangent
            // recording still sweeps it (with the zero made explicit) to carry its adjoint tangent.
            if (!withTangents) return;
            Accumulator(node);
        }
        int ia = left[node], ib = right[node];
        bool needA = ia >= 0 && needsAdjoint[ia], needB = ib >= 0 && needsAdjoint[ib];
        double[] ybar = adjoints[node];
        switch (kinds[node])
        {
            case OperationKind.Parameter:
            case OperationKind.Constant:
            case OperationKind.Reshape:
                return;
            case OperationKind.ImportedScalar:
                ImportBackward(node);
                return;
            case OperationKind.MatrixProduct:
                MatrixProductBackward(node, needA, needB);
                return;
            case OperationKind.Multiply:
                MultiplyBackward(node, needA, needB);
                return;
            case OperationKind.Divide:
                DivideBackward(node, needA, needB);
                return;
            case OperationKind.Dot:
                DotBackward(node, needA, needB);
                return;
            case OperationKind.Relu:
            case OperationKind.Sigmoid:
            case OperationKind.Tanh:
            case OperationKind.Exp:
            case OperationKind.Log:
            case OperationKind.Softplus:
                UnaryBackward(node);
                return;
            default:
                BackwardLinear(node, adjoints, needA, needB, lazy: true);
                if (withTangents) BackwardLinear(node, adjointTangents, needA, needB, lazy: false);
                return;
        }
    }

    /// <summary>
    /// C = op(A)·op(B): Ā += C̄·op(B)ᵀ (transposed when A is), B̄ += op(A)ᵀ·C̄ (transposed when B is), and for the
    /// tangents the product rule: Ā˙ += C̄˙·op(B)ᵀ + C̄·op(Ḃ)ᵀ, B̄˙ += op(A)ᵀ·C̄˙ + op(Ȧ)ᵀ·C̄ (Giles 2008, §3.2).
    /// </summary>
    private void MatrixProductBackward(int node, bool needA, bool needB)
    {
        int ia = left[node], ib = right[node];
        if (needA)
        {
            LeftAdjoint(node, adjoints[node], values[ib], Overwrites(ia) ? 0.0 : 1.0, adjoints[ia]);
            if (withTangents)
            {
                LeftAdjoint(node, adjointTangents[node], values[ib], 1.0, adjointTangents[ia]);
                if (!zeroTangent[ib]) LeftAdjoint(node, adjoints[node], tangents[ib], 1.0, adjointTangents[ia]);
            }
        }
        if (needB)
        {
            RightAdjoint(node, values[ia], adjoints[node], Overwrites(ib) ? 0.0 : 1.0, adjoints[ib]);
            if (withTangents)
            {
                RightAdjoint(node, values[ia], adjointTangents[node], 1.0, adjointTangents[ib]);
                if (!zeroTangent[ia]) RightAdjoint(node, tangents[ia], adjoints[node], 1.0, adjointTangents[ib]);
            }
        }
    }

    /// <summary>Ā = C̄·op(B)ᵀ + β·Ā, or Ā = op(B)·C̄ᵀ + β·Ā when A enters transposed.</summary>
    private void LeftAdjoint(int node, double[] cbar, double[] b, double beta, double[] abar)
    {
        int ib = right[node];
        bool ta = integer0[node] != 0, tb = integer1[node] != 0;
        if (!ta)
            StridedKernels.BackwardProduct(blas, ReadsLargeMatricesFromEnd, cbar, rows[node], columns[node], false, b, rows[ib], columns[ib], !tb, beta, abar);
        else
            StridedKernels.BackwardProduct(blas, ReadsLargeMatricesFromEnd, b, rows[ib], columns[ib], tb, cbar, rows[node], columns[node], true, beta, abar);
    }

    /// <summary>B̄ = op(A)ᵀ·C̄ + β·B̄, or B̄ = C̄ᵀ·op(A) + β·B̄ when B enters transposed.</summary>
    private void RightAdjoint(int node, double[] a, double[] cbar, double beta, double[] bbar)
    {
        int ia = left[node];
        bool ta = integer0[node] != 0, tb = integer1[node] != 0;
        if (!tb)
            StridedKernels.BackwardProduct(blas, ReadsLargeMatricesFromEnd, a, rows[ia], columns[ia], !ta, cbar, rows[node], columns[node], false, beta, bbar);
        else
            StridedKernels.BackwardProduct(blas, ReadsLargeMatricesFromEnd, cbar, rows[node], columns[node], true, a, rows[ia], columns[ia], ta, beta, bbar);
    }

    /// <summary>y = a⊙b: ā += ȳ⊙b, b̄ += ȳ⊙a (summed over broadcast dimensions); tangents: ā˙ += ȳ˙⊙b + ȳ⊙ḃ, b̄˙ += ȳ˙⊙a + ȳ⊙ȧ.</summary>
    private void MultiplyBackward(int node, bool needA, bool needB)
    {
        int ia = left[node], ib = right[node], m = rows[node], n = columns[node];
        if (needA) ProductAdjoint(node, ia, ib);
        if (needB) ProductAdjoint(node, ib, ia);
        if (!withTangents) return;
        var y = StridedView.Dense(adjoints[node], n);
        var yt = StridedView.Dense(adjointTangents[node], n);
        if (needA)
        {
            StridedKernels.MultiplyAdd(m, n, 1.0, yt, View(ib, values[ib]), View(ia, adjointTangents[ia]));
            StridedKernels.MultiplyAdd(m, n, 1.0, y, View(ib, tangents[ib]), View(ia, adjointTangents[ia]));
        }
        if (needB)
        {
            StridedKernels.MultiplyAdd(m, n, 1.0, yt, View(ia, values[ia]), View(ib, adjointTangents[ib]));
            StridedKernels.MultiplyAdd(m, n, 1.0, y, View(ia, tangents[ia]), View(ib, adjointTangents[ib]));
        }
    }

    /// <summary>ā += ȳ⊙b for y = a⊙b, with <paramref name="target"/> a and <paramref name="other"/> b (a plain product when ā is pending and nothing broadcasts).</summary>
    private void ProductAdjoint(int node, int target, int other)
    {
        int m = rows[node], n = columns[node];
        if (OverwritesDense(target, node))
        {
            if (rows[other] == m && columns[other] == n)
            {
                TensorPrimitives.Multiply(adjoints[node], values[other], adjoints[target]);
                return;
            }
            Array.Clear(adjoints[target]);
        }
        StridedKernels.MultiplyAdd(m, n, 1.0, StridedView.Dense(adjoints[node], n), View(other, values[other]), View(target, adjoints[target]));
    }

    /// <summary>
    /// y = a/b: ā += ȳ/b, b̄ −= ȳ·y/b; tangents: ā˙ += (ȳ˙ − ȳ·ḃ/b)/b, b̄˙ −= (ȳ˙·y + ȳ·ẏ)/b − ȳ·y·ḃ/b².
    /// </summary>
    private void DivideBackward(int node, bool needA, bool needB)
    {
        int ia = left[node], ib = right[node], m = rows[node], n = columns[node];
        var (av, bv) = (View(ia, values[ia]), View(ib, values[ib]));
        double[] y = values[node], ybar = adjoints[node], b = values[ib];
        double[] abar = needA ? Accumulator(ia) : y, bbar = needB ? Accumulator(ib) : y;
        bool second = withTangents;
        double[] yt = second ? tangents[node] : y, ybarT = second ? adjointTangents[node] : y, bt = second ? tangents[ib] : y;
        double[] abarT = second && needA ? adjointTangents[ia] : y, bbarT = second && needB ? adjointTangents[ib] : y;
        for (int i = 0, o = 0; i < m; i++)
            for (int j = 0; j < n; j++, o++)
            {
                int p = i * av.Row + j * av.Column, q = i * bv.Row + j * bv.Column;
                double inverse = 1 / b[q];
                if (needA) abar[p] += ybar[o] * inverse;
                if (needB) bbar[q] -= ybar[o] * y[o] * inverse;
                if (!second) continue;
                if (needA) abarT[p] += (ybarT[o] - ybar[o] * bt[q] * inverse) * inverse;
                if (needB) bbarT[q] -= (ybarT[o] * y[o] + ybar[o] * yt[o]) * inverse - ybar[o] * y[o] * bt[q] * inverse * inverse;
            }
    }

    /// <summary>y = Σ a⊙b: ā += ȳ·b, b̄ += ȳ·a; tangents ā˙ += ȳ˙·b + ȳ·ḃ, b̄˙ += ȳ˙·a + ȳ·ȧ.</summary>
    private void DotBackward(int node, bool needA, bool needB)
    {
        int ia = left[node], ib = right[node];
        double ybar = adjoints[node][0];
        if (needA) ScaledAdjoint(ia, values[ib], ybar);
        if (needB) ScaledAdjoint(ib, values[ia], ybar);
        if (!withTangents) return;
        double ybarT = adjointTangents[node][0];
        if (needA)
        {
            TensorPrimitives.MultiplyAdd(values[ib], ybarT, adjointTangents[ia], adjointTangents[ia]);
            TensorPrimitives.MultiplyAdd(tangents[ib], ybar, adjointTangents[ia], adjointTangents[ia]);
        }
        if (needB)
        {
            TensorPrimitives.MultiplyAdd(values[ia], ybarT, adjointTangents[ib], adjointTangents[ib]);
            TensorPrimitives.MultiplyAdd(tangents[ia], ybar, adjointTangents[ib], adjointTangents[ib]);
        }
    }

    /// <summary>x̄ += s·v for a record's operand <paramref name="target"/> of the shape of v (x̄ = s·v when it is pending).</summary>
    private void ScaledAdjoint(int target, double[] v, double s)
    {
        if (Overwrites(target)) TensorPrimitives.Multiply(v, s, adjoints[target]);
        else TensorPrimitives.MultiplyAdd(v, s, adjoints[target], adjoints[target]);
    }

    /// <summary>y = f(x): x̄ += ȳ·f′(x); tangents x̄˙ += ȳ˙·f′(x) + ȳ·f″(x)·ẋ.</summary>
    private void UnaryBackward(int node)
    {
        int ix = left[node];
        var kind = kinds[node];
        double[] x = values[ix], y = values[node], ybar = adjoints[node], xbar = adjoints[ix];
        bool accumulate = !Overwrites(ix);
        if (kind == OperationKind.Relu)
        {
            // f′ is the mask x > 0 and f″ = 0, so the adjoint tangent only passes through the mask.
            StridedKernels.PositiveMask(x, ybar, xbar, accumulate);
            if (withTangents) StridedKernels.PositiveMask(x, adjointTangents[node], adjointTangents[ix], accumulate: true);
            return;
        }
        if (!accumulate) Array.Clear(xbar);
        if (!withTangents)
        {
            for (int i = 0; i < x.Length; i++) xbar[i] += ybar[i] * FirstDerivative(kind, x[i], y[i]);
            return;
        }
        double[] ybarT = adjointTangents[node], xbarT = adjointTangents[ix], xt = tangents[ix];
        for (int i = 0; i < x.Length; i++)
        {
            double d1 = FirstDerivative(kind, x[i], y[i]);
            xbar[i] += ybar[i] * d1;
            xbarT[i] += ybarT[i] * d1 + ybar[i] * SecondDerivative(kind, x[i], y[i]) * xt[i];
        }
    }

    /// <summary>
    /// The transpose of a linear record applied to output adjoints <paramref name="adjoint"/>[node], accumulated into
    /// its operands' (the adjoints themselves when <paramref name="lazy"/>: a pending one is overwritten or cleared first).
    /// </summary>
    private void BackwardLinear(int node, double[][] adjoint, bool needA, bool needB, bool lazy)
    {
        int ia = left[node], ib = right[node], m = rows[node], n = columns[node];
        double[] ybar = adjoint[node];
        switch (kinds[node])
        {
            case OperationKind.Add:
            case OperationKind.Subtract:
                double sign = kinds[node] == OperationKind.Add ? 1.0 : -1.0;
                if (needA)
                {
                    if (lazy && OverwritesDense(ia, node)) ybar.AsSpan().CopyTo(adjoint[ia]);
                    else StridedKernels.AddScaled(m, n, 1.0, StridedView.Dense(ybar, n), View(ia, adjoint[ia]));
                }
                if (needB)
                {
                    if (lazy && OverwritesDense(ib, node)) TensorPrimitives.Multiply(ybar, sign, adjoint[ib]);
                    else StridedKernels.AddScaled(m, n, sign, StridedView.Dense(ybar, n), View(ib, adjoint[ib]));
                }
                break;
            case OperationKind.Affine:
                if (lazy && Overwrites(ia)) TensorPrimitives.Multiply(ybar, real0[node], adjoint[ia]);
                else TensorPrimitives.MultiplyAdd(ybar, real0[node], adjoint[ia], adjoint[ia]);
                break;
            case OperationKind.Sum:
                if (lazy) Accumulator(ia);
                if (integer0[node] < 0)
                    TensorPrimitives.Add(adjoint[ia], real0[node] * ybar[0], adjoint[ia]);
                else
                    StridedKernels.AddScaled(rows[ia], columns[ia], real0[node], View(node, ybar), StridedView.Dense(adjoint[ia], columns[ia]));
                break;
            case OperationKind.Transpose:
                if (lazy) Accumulator(ia);
                if (m == 1 || n == 1) TensorPrimitives.Add(adjoint[ia], ybar, adjoint[ia]);
                else StridedKernels.AddScaled(n, m, 1.0, new StridedView(ybar, 0, 1, n), StridedView.Dense(adjoint[ia], m));
                break;
            case OperationKind.Slice:
                if (lazy) Accumulator(ia);
                int stride = columns[ia];
                StridedKernels.AddScaled(m, n, 1.0, StridedView.Dense(ybar, n),
                    new StridedView(adjoint[ia], integer0[node] * stride + integer1[node], stride, 1));
                break;
            default:
                int na = columns[ia], nb = columns[ib];
                bool stacked = integer0[node] == (int)TensorAxis.Rows;
                if (lazy && needA) Accumulator(ia);
                if (lazy && needB) Accumulator(ib);
                if (needA)
                    StridedKernels.AddScaled(rows[ia], na, 1.0, StridedView.Dense(ybar, n), StridedView.Dense(adjoint[ia], na));
                if (needB)
                    StridedKernels.AddScaled(rows[ib], nb, 1.0,
                        stacked ? StridedView.Dense(ybar, n, rows[ia] * n) : StridedView.Dense(ybar, n, na), StridedView.Dense(adjoint[ib], nb));
                break;
        }
    }
}
