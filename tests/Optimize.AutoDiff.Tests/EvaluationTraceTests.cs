using Optimize.AutoDiff;
using Optimize.AutoDiff.Reverse;
using Optimize.AutoDiff.Trace;

namespace Optimize.AutoDiff.Tests;

public class EvaluationTraceTests
{
    private static EvaluationTrace Trace() => EvaluationTrace.Record(new GriewankWaltherFunction(), [1.5, 0.5], [1.0, 0.0]);

    // The lecture's tables carry 4 decimals and round every intermediate (e.g. y = 1.4924 · 1.3513 = 2.0167,
    // while y = 2.01665 unrounded); the computed values agree with each printed one within 1e-4.
    private static void Four(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) < 1e-4, $"expected {expected} to 4 decimals, got {actual}");

    [Fact]
    public void ForwardTableReproducesTheLectureExample()
    {
        EvaluationTrace trace = Trace();
        Four(1.5, trace["v-1"].Value);
        Four(1.0, trace["v-1"].Tangent);
        Four(0.5, trace["v0"].Value);
        Four(0.0, trace["v0"].Tangent);
        Four(3.0, trace["v1"].Value);
        Four(2.0, trace["v1"].Tangent);
        Four(0.1411, trace["v2"].Value);
        Four(-1.98, trace["v2"].Tangent);
        Four(1.6487, trace["v3"].Value);
        Four(0.0, trace["v3"].Tangent);
        Four(1.3513, trace["v4"].Value);
        Four(2.0, trace["v4"].Tangent);
        Four(1.4924, trace["v5"].Value);
        Four(0.02, trace["v5"].Tangent);
        Four(2.0167, trace["v6"].Value);
        Four(3.0118, trace["v6"].Tangent);
        Assert.Equal("v6", trace.Output);
        Four(2.0167, trace.Value);
        Four(3.0118, trace.Tangent);
    }

    [Fact]
    public void ReverseTableReproducesTheLectureExample()
    {
        EvaluationTrace trace = Trace();
        Four(1.0, trace["v6"].Adjoint);
        Four(1.3513, trace["v5"].Adjoint);
        Four(2.8437, trace["v4"].Adjoint);
        Four(-2.8437, trace["v3"].Adjoint);
        Four(1.3513, trace["v2"].Adjoint);
        Four(1.5059, trace["v1"].Adjoint);
        Four(-13.7239, trace["v0"].Adjoint);
        Four(3.0118, trace["v-1"].Adjoint);
        Four(3.0118, trace.Gradient[0]);
        Four(-13.7239, trace.Gradient[1]);
    }

    [Fact]
    public void TablesPrintEveryIntermediateInEvaluationOrder()
    {
        EvaluationTrace trace = Trace();
        string forward = trace.FormatForward(), reverse = trace.FormatReverse();
        Assert.Equal(["v-1", "v0", "v1", "v2", "v3", "v4", "v5", "v6"], trace.Rows.Select(row => row.Name));
        Assert.Equal("v-1 / v0", trace["v1"].Expression);
        Assert.Equal("sin(v1)", trace["v2"].Expression);
        Assert.Equal("exp(v0)", trace["v3"].Expression);
        Assert.Contains("v1    v-1 / v0", forward);
        string F(double v) => v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"y = v6 = {F(trace.Value)}", forward);
        Assert.Contains($"ẏ = {F(trace.Tangent)}", forward);
        Assert.Contains($"x̄1 = {F(trace.Gradient[0])}", reverse);
        Assert.Contains($"x̄2 = {F(trace.Gradient[1])}", reverse);
        Assert.Contains("3.0118", forward);
        Assert.True(forward.IndexOf("v1 ", StringComparison.Ordinal) < forward.IndexOf("v6 ", StringComparison.Ordinal));
        Assert.Contains(forward, trace.ToString());
    }

    [Fact]
    public void TraceAgreesWithForwardAndReverseModes()
    {
        EvaluationTrace trace = EvaluationTrace.Record(new GriewankWaltherFunction(), [1.5, 0.5], [0.3, -0.7]);
        var gradient = new double[2];
        double value = ReverseMode.ValueAndGradient(new GriewankWaltherFunction(), [1.5, 0.5], gradient);
        Assert.Equal(value, trace.Value);
        Close(gradient, trace.Gradient.ToArray(), 1e-15, "gradient");
        Assert.Equal(Differentiate.Jvp(new GriewankWaltherFunction(), [1.5, 0.5], [0.3, -0.7]), trace.Tangent, 15);
    }
}
