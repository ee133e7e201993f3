using Optimize.AutoDiff.Tensors;
using Optimize.Tests;

namespace Optimize.AutoDiff.Tests.Tensors;

public class LogSumExpTests
{
    [Theory]
    [InlineData(TensorAxis.Columns)]
    [InlineData(TensorAxis.Rows)]
    public void ValueGradientAndHessianVectorMatchTheDefinition(TensorAxis axis)
    {
        double[] x = [1000, 999, 1001.5, -3, -2, 0.5];   // rows 2×3; the first row overflows exp unshifted
        double[] weights = [0.3, -1.2, 0.7];
        double F(double[] v)
        {
            var tape = new TensorTape();
            tape.Begin();
            var lse = tape.LogSumExp(tape.Parameter(v, 2, 3), axis);
            double[] w = axis == TensorAxis.Columns ? [weights[0], weights[1]] : weights;
            return tape.Dot(lse, tape.Constant(w, lse.Rows, lse.Columns)).Scalar;
        }
        double Direct(double[] v)
        {
            double total = 0;
            int count = axis == TensorAxis.Columns ? 2 : 3;
            for (int a = 0; a < count; a++)
            {
                var entries = axis == TensorAxis.Columns ? v.Skip(3 * a).Take(3).ToArray() : [v[a], v[3 + a]];
                double largest = entries.Max();
                total += weights[a] * (largest + Math.Log(entries.Sum(e => Math.Exp(e - largest))));
            }
            return total;
        }
        Agreement.Close(Direct(x), F(x), 1e-14, "value");
        var tape = new TensorTape();
        double[] direction = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6];
        tape.Begin(tangents: true);
        var p = tape.Parameter(x, direction, 2, 3);
        var lse = tape.LogSumExp(p, axis);
        double[] w = axis == TensorAxis.Columns ? [weights[0], weights[1]] : weights;
        tape.Backward(tape.Dot(lse, tape.Constant(w, lse.Rows, lse.Columns)));
        // ∂/∂x of wₐ·lse(groupₐ) is wₐ·softmax(groupₐ); its Hessian is wₐ(diag(s) − ssᵀ).
        double[] gradient = new double[6], hv = new double[6];
        int groups = axis == TensorAxis.Columns ? 2 : 3;
        for (int a = 0; a < groups; a++)
        {
            int[] at = axis == TensorAxis.Columns ? [3 * a, 3 * a + 1, 3 * a + 2] : [a, 3 + a];
            double largest = at.Max(i => x[i]), total = at.Sum(i => Math.Exp(x[i] - largest));
            double sv = at.Sum(i => Math.Exp(x[i] - largest) / total * direction[i]);
            foreach (int i in at)
            {
                double s = Math.Exp(x[i] - largest) / total;
                gradient[i] = weights[a] * s;
                hv[i] = weights[a] * (s * direction[i] - s * sv);
            }
        }
        Agreement.Close(gradient, tape.Adjoint(p), 1e-14, "gradient");
        Agreement.Close(hv, tape.AdjointTangent(p), 1e-14, "Hessian-vector product");
    }
}
