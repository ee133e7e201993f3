namespace Optimize.Generators.Tests;

/// <summary>
/// The adjoint code reads values the function already keeps in locals (√a, cos a, sin a, 1/a, a/b) instead of
/// computing them again; <see cref="HeldValuesCase"/> and its neighbours check that the derivatives stay right.
/// </summary>
public sealed class HeldValueTests
{
    private const string RotationLike = """
        T squared = x[0] * x[0] + x[1] * x[1];
        T angle = T.Sqrt(squared), cosine = T.Cos(angle), sine = T.Sin(angle), inverse = T.One / angle;
        T u = (x[2] * sine) / (T.One + squared);
        return u * cosine + inverse * sine * x[0] + x[1] * cosine * cosine;
        """;

    private static string GradientCode(string body) => GeneratorHarness.GradientCode(body);

    private static int Count(string code, string text) => GeneratorHarness.Count(code, text);

    [Fact]
    public void TheAdjointCodeEvaluatesEachFunctionOnceWhereTheResultIsKeptInALocal()
    {
        string code = GradientCode(RotationLike);
        Assert.Equal(1, Count(code, "T.Sqrt("));
        Assert.Equal(1, Count(code, "T.Cos("));
        Assert.Equal(1, Count(code, "T.Sin("));
        Assert.Contains("__b_sine * cosine", code);
        Assert.Contains("__b_cosine * (-sine)", code);
        Assert.Contains("(angle + angle)", code);     // the partial of √ reads angle
        Assert.Contains("(-inverse / angle)", code);  // and that of 1/angle reads inverse
        Assert.Contains("(-u / ", code);              // and that of a quotient reads u
    }

    [Fact]
    public void AnOverwrittenOperandIsNotReadForThePartial()
    {
        string code = GradientCode("""
            T angle = x[0] * x[1];
            T cosine = T.Cos(angle);
            angle = angle + x[0];
            T sine = T.Sin(angle);
            return sine * x[1] + cosine;
            """);
        Assert.Equal(2, Count(code, "T.Cos("));
        Assert.Equal(2, Count(code, "T.Sin("));
    }

    [Fact]
    public void TheAdjointOfASquarePropagatesOnceWithTwiceTheOperand()
    {
        string code = GradientCode("""
            T u = x[0] * x[1];
            T s = u * u + x[1];
            return s;
            """);
        Assert.Contains("u + u", code);
        Assert.Equal(1, Count(code, "__b_u = __b_s") + Count(code, "__b_u += __b_s"));
    }
}
