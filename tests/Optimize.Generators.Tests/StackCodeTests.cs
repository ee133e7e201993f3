namespace Optimize.Generators.Tests;

/// <summary>
/// The shape of the code that taped loops write: what goes on the stacks and how a stack grows. The cases of
/// <c>TapedLoopCases.cs</c> check that the derivatives stay right.
/// </summary>
public sealed class StackCodeTests
{
    // The rows of a triangular product inside a loop that writes an array of T, as in the Gaussian mixture's data term.
    private const string Rows = """
        var b = new T[x.Length];
        for (int c = 0; c < x.Length; c++)
        {
            T squares = T.Zero;
            for (int r = 0; r < x.Length; r++)
            {
                int row = c * x.Length + r * (r + 1) / 2;
                T y = -x[r];
                for (int j = 0; j <= r; j++) y += x[j] * x[c] * T.CreateChecked(row + j);
                squares += y * y;
            }
            b[c] = squares;
        }
        T total = T.Zero;
        for (int c = 0; c < x.Length; c++) total += T.Exp(b[c]);
        return total;
        """;

    [Fact]
    public void AStackGrowsByAssignmentNotThroughAReference()
    {
        string code = GeneratorHarness.GradientCode(Rows);
        Assert.Contains("__stack0 = __Grow(__stack0, ", code);
        Assert.DoesNotContain("ref __stack", code);
        Assert.Contains("static __U[] __Grow<__U>(__U[] stack, int needed)", code);
    }

    [Fact]
    public void AReductionRightAfterTheDeclarationOfItsAccumulatorPushesNoSecondValue()
    {
        string code = GeneratorHarness.GradientCode(Rows);
        // One push of y per row, the value its declaration overwrites; one pop.
        Assert.Equal(1, GeneratorHarness.Count(code, "_top++] = y;"));
        Assert.Equal(1, GeneratorHarness.Count(code, "y = __stack0[--__stack0_top];"));
    }

    [Fact]
    public void ATapedLoopRightAfterTheDeclarationOfWhatItAccumulatesIntoPushesNoSecondValue()
    {
        string code = GeneratorHarness.GradientCode(Rows);
        Assert.Equal(1, GeneratorHarness.Count(code, "_top++] = squares;"));
        Assert.Equal(1, GeneratorHarness.Count(code, "squares = __stack0[--__stack0_top];"));
    }

    [Fact]
    public void AReductionAfterAStatementThatReadsItsAccumulatorStillSavesIt()
    {
        string code = GeneratorHarness.GradientCode("""
            T p = T.One, y = T.One;
            for (int r = 0; r < x.Length; r++)
            {
                y = y * x[r];
                for (int j = 0; j < x.Length; j++) y += x[j];
                p = p * T.Sin(y);
            }
            return p + y;
            """);
        Assert.Equal(2, GeneratorHarness.Count(code, "_top++] = y;"));
    }

    [Fact]
    public void APassiveLocalComputedFromTheCountersIsRecomputedNotPushed()
    {
        string code = GeneratorHarness.GradientCode(Rows);
        Assert.Equal(0, GeneratorHarness.Count(code, "_top++] = row;"));
        Assert.Equal(0, GeneratorHarness.Count(code, "row = __stack"));
        Assert.Equal(2, GeneratorHarness.Count(code, "row = c * x.Length + r * (r + 1) / 2;"));
    }

    [Fact]
    public void APassiveLocalThatReadsAValueTheIterationChangesIsPushed()
    {
        string code = GeneratorHarness.GradientCode("""
            T p = T.One;
            int shift = 0;
            for (int r = 0; r < x.Length; r++)
            {
                int at = (r + shift) % x.Length;
                shift += 2;
                p = p * x[at] + T.One;
            }
            return p;
            """);
        Assert.Equal(1, GeneratorHarness.Count(code, "_top++] = at;"));
    }
}
