using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// The loss of a shallow ReLU network, f(W₁, W₂) = Σᵢ ‖yᵢ − W₂·relu(W₁xᵢ)‖², over seeded data whose
/// targets come from a teacher network of the same shape plus noise. The variables are W₁
/// (hidden × inputs) then W₂ (outputs × hidden), each row-major. Derivatives are exact wherever no
/// hidden pre-activation is exactly zero (ReLU″ = 0 there).
/// </summary>
public sealed partial class ShallowNetwork : TestProblem
{
    private readonly int inputs, hidden, outputs, samples;
    private readonly double[] data;    // samples × inputs
    private readonly double[] targets; // samples × outputs
    private readonly double[] start;

    /// <summary>Creates the problem.</summary>
    /// <param name="inputs">Input width.</param>
    /// <param name="hidden">Hidden width (at most 4096).</param>
    /// <param name="outputs">Output width (at most 4096).</param>
    /// <param name="samples">Number of samples.</param>
    /// <param name="seed">Seed of the data, the teacher and the starting weights.</param>
    public ShallowNetwork(int inputs = 4, int hidden = 8, int outputs = 2, int samples = 32, int seed = 1)
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.Positive(hidden, nameof(hidden));
        Guard.Positive(outputs, nameof(outputs));
        Guard.Positive(samples, nameof(samples));
        if (hidden > 4096) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "hidden must be at most 4096.");
        if (outputs > 4096) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "outputs must be at most 4096.");
        (this.inputs, this.hidden, this.outputs, this.samples) = (inputs, hidden, outputs, samples);
        Dimension = hidden * inputs + outputs * hidden;
        var random = new Random(seed);
        data = SeededData.Normal(random, samples * inputs);
        var teacher = Initial(random);
        targets = new double[samples * outputs];
        Span<double> h = stackalloc double[hidden];
        for (int s = 0; s < samples; s++)
        {
            Forward(teacher, s, h, targets.AsSpan(s * outputs, outputs));
        }
        var noise = SeededData.Normal(random, targets.Length, 0.01);
        for (int k = 0; k < targets.Length; k++) targets[k] += noise[k];
        start = Initial(random);
    }

    private double[] Initial(Random random)
    {
        var w = new double[Dimension];
        SeededData.Normal(random, hidden * inputs, 1 / Math.Sqrt(inputs)).CopyTo(w, 0);
        SeededData.Normal(random, outputs * hidden, 1 / Math.Sqrt(hidden)).CopyTo(w, hidden * inputs);
        return w;
    }

    /// <inheritdoc/>
    public override string Name => "shallow-network";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint => (double[])start.Clone();
    /// <inheritdoc/>
    public override string Source => "seeded shallow ReLU network loss Σᵢ‖yᵢ − W₂·relu(W₁xᵢ)‖²";

    /// <summary>The input width.</summary>
    public int Inputs => inputs;
    /// <summary>The hidden width.</summary>
    public int Hidden => hidden;
    /// <summary>The output width.</summary>
    public int Outputs => outputs;
    /// <summary>The number of samples.</summary>
    public int Samples => samples;
    /// <summary>The inputs, samples × inputs, row-major (a copy).</summary>
    public double[] Data => (double[])data.Clone();
    /// <summary>The targets, samples × outputs, row-major (a copy).</summary>
    public double[] Targets => (double[])targets.Clone();

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> w)
    {
        var h = new T[hidden];
        T loss = T.Zero;
        int w2 = hidden * inputs;
        for (int s = 0; s < samples; s++)
        {
            for (int j = 0; j < hidden; j++)
            {
                T z = T.Zero;
                for (int i = 0; i < inputs; i++) z += w[j * inputs + i] * C<T>(data[s * inputs + i]);
                h[j] = z > T.Zero ? z : T.Zero;
            }
            for (int o = 0; o < outputs; o++)
            {
                T r = C<T>(targets[s * outputs + o]);
                for (int j = 0; j < hidden; j++) r -= w[w2 + o * hidden + j] * h[j];
                loss += r * r;
            }
        }
        return loss;
    }

    /// <summary>Pre-activations z = W₁x for sample s into <paramref name="z"/>; the network output into <paramref name="output"/>.</summary>
    private void Forward(ReadOnlySpan<double> w, int s, Span<double> z, Span<double> output)
    {
        var x = data.AsSpan(s * inputs, inputs);
        for (int j = 0; j < hidden; j++)
        {
            double sum = 0;
            for (int i = 0; i < inputs; i++) sum += w[j * inputs + i] * x[i];
            z[j] = sum;
        }
        int w2 = hidden * inputs;
        for (int o = 0; o < outputs; o++)
        {
            double sum = 0;
            for (int j = 0; j < hidden; j++) sum += w[w2 + o * hidden + j] * Math.Max(z[j], 0);
            output[o] = sum;
        }
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        Span<double> z = stackalloc double[hidden], r = stackalloc double[outputs], dz = stackalloc double[hidden];
        gradient.Clear();
        int w2 = hidden * inputs;
        double loss = 0;
        for (int s = 0; s < samples; s++)
        {
            Forward(w, s, z, r);
            for (int o = 0; o < outputs; o++)
            {
                r[o] = targets[s * outputs + o] - r[o];
                loss += r[o] * r[o];
            }
            // ∂L/∂W₂ = −2 r hᵀ; ∂L/∂z = D(−2 W₂ᵀ r); ∂L/∂W₁ = (∂L/∂z) xᵀ.
            for (int j = 0; j < hidden; j++)
            {
                double h = Math.Max(z[j], 0), back = 0;
                for (int o = 0; o < outputs; o++)
                {
                    gradient[w2 + o * hidden + j] -= 2 * r[o] * h;
                    back -= 2 * w[w2 + o * hidden + j] * r[o];
                }
                dz[j] = z[j] > 0 ? back : 0;
            }
            AddOuter(gradient, dz, s);
        }
        return loss;
    }

    /// <inheritdoc/>
    protected override void ComputeHessianVector(ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result)
    {
        Span<double> z = stackalloc double[hidden], r = stackalloc double[outputs], dzIn = stackalloc double[hidden],
            dr = stackalloc double[outputs], back = stackalloc double[hidden];
        result.Clear();
        int w2 = hidden * inputs;
        for (int s = 0; s < samples; s++)
        {
            Forward(w, s, z, r);
            var x = data.AsSpan(s * inputs, inputs);
            for (int o = 0; o < outputs; o++) r[o] = targets[s * outputs + o] - r[o];
            // Directional derivatives along v = (V₁, V₂): dz = V₁x, dh = D·dz, dr = −(V₂h + W₂dh).
            for (int j = 0; j < hidden; j++)
            {
                double sum = 0;
                for (int i = 0; i < inputs; i++) sum += v[j * inputs + i] * x[i];
                dzIn[j] = z[j] > 0 ? sum : 0;
            }
            for (int o = 0; o < outputs; o++)
            {
                double sum = 0;
                for (int j = 0; j < hidden; j++)
                    sum += v[w2 + o * hidden + j] * Math.Max(z[j], 0) + w[w2 + o * hidden + j] * dzIn[j];
                dr[o] = -sum;
            }
            // d(∂L/∂W₂) = −2(dr hᵀ + r dhᵀ); d(∂L/∂W₁) = D(−2(V₂ᵀr + W₂ᵀdr)) xᵀ.
            for (int j = 0; j < hidden; j++)
            {
                double h = Math.Max(z[j], 0), sum = 0;
                for (int o = 0; o < outputs; o++)
                {
                    result[w2 + o * hidden + j] -= 2 * (dr[o] * h + r[o] * dzIn[j]);
                    sum -= 2 * (v[w2 + o * hidden + j] * r[o] + w[w2 + o * hidden + j] * dr[o]);
                }
                back[j] = z[j] > 0 ? sum : 0;
            }
            AddOuter(result, back, s);
        }
    }

    /// <summary>Adds dz·xₛᵀ into the W₁ block of <paramref name="destination"/>.</summary>
    private void AddOuter(Span<double> destination, ReadOnlySpan<double> dz, int s)
    {
        var x = data.AsSpan(s * inputs, inputs);
        for (int j = 0; j < hidden; j++)
        {
            if (dz[j] == 0) continue;
            for (int i = 0; i < inputs; i++) destination[j * inputs + i] += dz[j] * x[i];
        }
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> w, Matrix<double> hessian)
    {
        var unit = new double[Dimension];
        var column = new double[Dimension];
        for (int k = 0; k < Dimension; k++)
        {
            unit[k] = 1;
            ComputeHessianVector(w, unit, column);
            unit[k] = 0;
            for (int i = 0; i < Dimension; i++) hessian[i, k] = column[i];
        }
    }
}
