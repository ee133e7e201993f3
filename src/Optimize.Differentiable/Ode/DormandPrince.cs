using System.Numerics;

namespace Optimize.Differentiable.Ode;

/// <summary>
/// The adaptive Dormand–Prince 5(4) method (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner,
/// <i>Solving Ordinary Differential Equations I</i>, §II.5, Table 5.2, and the step-size control of §II.4,
/// eqs. (4.11)–(4.13)): seven stages with the first-same-as-last property, a fifth-order solution and an
/// embedded fourth-order error estimate, written once over the scalar type.
/// </summary>
/// <typeparam name="T">The scalar type: <see cref="double"/>, or an AD type to differentiate the final state.</typeparam>
/// <remarks>
/// <para>Differentiation is "discretize, then differentiate": the error test and the step sizes are computed from
/// primal values and enter the AD computation as constants, so forward and reverse mode give the exact
/// derivative of the discrete scheme that was run, which approximates the true sensitivity to the accuracy of
/// the integration (the step-size sequence is piecewise constant in the inputs, and its derivative is zero
/// almost everywhere).</para>
/// <para>Buffers are allocated once per instance; an integration allocates nothing.</para>
/// </remarks>
public sealed class DormandPrince<T> where T : IFloatingPointIeee754<T>
{
    // Butcher tableau of DOPRI5 (HNW I, Table 5.2).
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784, A76 = 11.0 / 84;
    // Error coefficients: fifth-order weights minus the embedded fourth-order weights.
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

    private static readonly T a21 = T.CreateChecked(A21), a31 = T.CreateChecked(A31), a32 = T.CreateChecked(A32),
        a41 = T.CreateChecked(A41), a42 = T.CreateChecked(A42), a43 = T.CreateChecked(A43),
        a51 = T.CreateChecked(A51), a52 = T.CreateChecked(A52), a53 = T.CreateChecked(A53), a54 = T.CreateChecked(A54),
        a61 = T.CreateChecked(A61), a62 = T.CreateChecked(A62), a63 = T.CreateChecked(A63), a64 = T.CreateChecked(A64), a65 = T.CreateChecked(A65),
        a71 = T.CreateChecked(A71), a73 = T.CreateChecked(A73), a74 = T.CreateChecked(A74), a75 = T.CreateChecked(A75), a76 = T.CreateChecked(A76);

    private T[] k1, k7;
    private readonly T[] k2, k3, k4, k5, k6, stage, next;
    private readonly double[] primalState, primalParameters, primalSlope, primalTrial, primalTrialSlope;

    /// <summary>Creates the integrator for one system.</summary>
    /// <param name="system">The ODE.</param>
    /// <param name="options">The tolerances and limits; defaults when null.</param>
    public DormandPrince(IOdeSystem system, DormandPrinceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        Options = options ?? new DormandPrinceOptions();
        Options.Validate();
        System = system;
        int n = system.StateDimension;
        Guard.Positive(n, "system.StateDimension");
        k1 = new T[n];
        k2 = new T[n];
        k3 = new T[n];
        k4 = new T[n];
        k5 = new T[n];
        k6 = new T[n];
        k7 = new T[n];
        stage = new T[n];
        next = new T[n];
        primalState = new double[n];
        primalParameters = new double[system.ParameterDimension];
        primalSlope = new double[n];
        primalTrial = new double[n];
        primalTrialSlope = new double[n];
    }

    /// <summary>The ODE.</summary>
    public IOdeSystem System { get; }

    /// <summary>The tolerances and limits.</summary>
    public DormandPrinceOptions Options { get; }

    /// <summary>
    /// Integrates from <paramref name="start"/> to <paramref name="end"/> (either direction), overwriting
    /// <paramref name="state"/> with the state at the returned <see cref="OdeIntegrationResult.Time"/>.
    /// Never throws on numerical trouble: the result says why it stopped.
    /// </summary>
    /// <param name="start">t₀.</param>
    /// <param name="end">t₁.</param>
    /// <param name="state">y(t₀) on entry; y(t₁) on return when completed.</param>
    /// <param name="parameters">θ, of length p.</param>
    public OdeIntegrationResult Integrate(double start, double end, Span<T> state, ReadOnlySpan<T> parameters)
    {
        int n = k1.Length;
        Guard.Length(state.Length, n, nameof(state));
        Guard.Length(parameters.Length, System.ParameterDimension, nameof(parameters));
        if (!double.IsFinite(start)) throw new ArgumentOutOfRangeException(nameof(start), start, "start must be finite.");
        if (!double.IsFinite(end)) throw new ArgumentOutOfRangeException(nameof(end), end, "end must be finite.");
        var o = Options;
        double t = start, direction = end >= start ? 1 : -1;
        int accepted = 0, rejected = 0, evaluations = 0, attempts = 0;
        double lastStep = 0;
        if (t == end) return new(OdeTermination.Completed, t, 0, 0, 0, 0);

        for (int i = 0; i < parameters.Length; i++) primalParameters[i] = double.CreateChecked(parameters[i]);
        System.Derivative(T.CreateChecked(t), state, parameters, k1);
        evaluations++;
        if (!Finite(k1)) return new(OdeTermination.NonFiniteValue, t, 0, 0, evaluations, 0);
        double hMax = o.MaximumStep ?? Math.Abs(end - start);
        double h = Math.Min(o.InitialStep ?? StartingStep(t, state, direction), hMax);
        bool lastRejected = false;

        while (direction * (end - t) > 0)
        {
            if (attempts++ >= o.MaximumSteps) return new(OdeTermination.StepLimit, t, accepted, rejected, evaluations, lastStep);
            if (h < 10 * double.Epsilon || h <= 4 * Math.BitIncrement(Math.Abs(t)) - 4 * Math.Abs(t))
                return new(OdeTermination.StepSizeTooSmall, t, accepted, rejected, evaluations, lastStep);
            bool reachesEnd = direction * (t + direction * h - end) >= 0;
            double signedStep = reachesEnd ? end - t : direction * h;
            AttemptStep(t, signedStep, state, parameters);
            evaluations += 6;
            double error = ErrorNorm(signedStep, state);
            if (!double.IsFinite(error))
            {
                // Shrink hard and retry: a non-finite value often comes from stepping outside f's domain.
                rejected++;
                h *= o.MinimumScale;
                lastRejected = true;
                if (rejected > o.MaximumSteps / 2 || h < 10 * double.Epsilon)
                    return new(OdeTermination.NonFiniteValue, t, accepted, rejected, evaluations, lastStep);
                continue;
            }
            double scale = error == 0 ? o.MaximumScale : o.SafetyFactor * Math.Pow(error, -0.2);
            if (error <= 1)
            {
                next.AsSpan().CopyTo(state);
                (k1, k7) = (k7, k1);
                t = reachesEnd ? end : t + signedStep;
                lastStep = Math.Abs(signedStep);
                accepted++;
                // After a rejection the step may not grow at once (HNW I, §II.4).
                double grow = lastRejected ? 1 : o.MaximumScale;
                h = Math.Min(hMax, Math.Abs(signedStep) * Math.Clamp(scale, o.MinimumScale, grow));
                lastRejected = false;
            }
            else
            {
                rejected++;
                h = Math.Abs(signedStep) * Math.Clamp(scale, o.MinimumScale, 1);
                lastRejected = true;
            }
        }
        return new(OdeTermination.Completed, t, accepted, rejected, evaluations, lastStep);
    }

    /// <summary>Stages 2–7 from k₁ at (t, y); the fifth-order solution goes to <c>next</c>, f at it to k₇.</summary>
    private void AttemptStep(double t, double step, ReadOnlySpan<T> y, ReadOnlySpan<T> p)
    {
        int n = y.Length;
        T h = T.CreateChecked(step);
        for (int i = 0; i < n; i++) stage[i] = y[i] + h * (a21 * k1[i]);
        System.Derivative(T.CreateChecked(t + C2 * step), stage, p, k2);
        for (int i = 0; i < n; i++) stage[i] = y[i] + h * (a31 * k1[i] + a32 * k2[i]);
        System.Derivative(T.CreateChecked(t + C3 * step), stage, p, k3);
        for (int i = 0; i < n; i++) stage[i] = y[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]);
        System.Derivative(T.CreateChecked(t + C4 * step), stage, p, k4);
        for (int i = 0; i < n; i++) stage[i] = y[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]);
        System.Derivative(T.CreateChecked(t + C5 * step), stage, p, k5);
        for (int i = 0; i < n; i++) stage[i] = y[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]);
        System.Derivative(T.CreateChecked(t + step), stage, p, k6);
        for (int i = 0; i < n; i++) next[i] = y[i] + h * (a71 * k1[i] + a73 * k3[i] + a74 * k4[i] + a75 * k5[i] + a76 * k6[i]);
        System.Derivative(T.CreateChecked(t + step), next, p, k7);
    }

    /// <summary>The scaled RMS norm of the embedded error estimate (HNW I, eq. 4.11), on primal values.</summary>
    private double ErrorNorm(double step, ReadOnlySpan<T> y)
    {
        var o = Options;
        int n = y.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double estimate = step * (E1 * Primal(k1[i]) + E3 * Primal(k3[i]) + E4 * Primal(k4[i])
                + E5 * Primal(k5[i]) + E6 * Primal(k6[i]) + E7 * Primal(k7[i]));
            double scale = o.AbsoluteTolerance + o.RelativeTolerance * Math.Max(Math.Abs(Primal(y[i])), Math.Abs(Primal(next[i])));
            double ratio = estimate / scale;
            sum += ratio * ratio;
        }
        return Math.Sqrt(sum / n);
    }

    /// <summary>The automatic starting step of HNW I, §II.4 (p. 169), computed on primal values.</summary>
    private double StartingStep(double t, ReadOnlySpan<T> y, double direction)
    {
        var o = Options;
        int n = y.Length;
        double d0 = 0, d1 = 0;
        for (int i = 0; i < n; i++)
        {
            primalState[i] = Primal(y[i]);
            primalSlope[i] = Primal(k1[i]);
            double scale = o.AbsoluteTolerance + o.RelativeTolerance * Math.Abs(primalState[i]);
            d0 += Math.Pow(primalState[i] / scale, 2);
            d1 += Math.Pow(primalSlope[i] / scale, 2);
        }
        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        for (int i = 0; i < n; i++) primalTrial[i] = primalState[i] + direction * h0 * primalSlope[i];
        System.Derivative<double>(t + direction * h0, primalTrial, primalParameters, primalTrialSlope);
        double d2 = 0;
        for (int i = 0; i < n; i++)
        {
            double scale = o.AbsoluteTolerance + o.RelativeTolerance * Math.Abs(primalState[i]);
            d2 += Math.Pow((primalTrialSlope[i] - primalSlope[i]) / scale, 2);
        }
        d2 = Math.Sqrt(d2 / n) / h0;
        double largest = Math.Max(d1, d2);
        double h1 = largest <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / largest, 0.2);
        double h = Math.Min(100 * h0, h1);
        return double.IsFinite(h) && h > 0 ? h : 1e-6;
    }

    private static double Primal(T value) => double.CreateChecked(value);

    private static bool Finite(ReadOnlySpan<T> values)
    {
        foreach (T v in values)
            if (!T.IsFinite(v)) return false;
        return true;
    }
}
