namespace Optimize.Generators.Tests;

/// <summary>Every case of every family (rules, edge cases, control flow, type shapes) at its smooth points.</summary>
public sealed class GeneratedDerivativeTests
{
    private static readonly IReadOnlyDictionary<string, GeneratedCase> Cases = GeneratedCase.Family<GeneratedCase>();

    public static TheoryData<string> Names => new(Cases.Where(c => c.Value.Points.Length > 0).Select(c => c.Key));

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedDerivativesAgreeWithRuntimeModesAndCentralDifferences(string name) =>
        Check.Derivatives(Cases[name]);

    public static TheoryData<string> MarkedNames =>
        new(Cases.Where(c => c.Value is Optimize.Oracles.IGeneratedDerivatives && c.Value.Points.Length > 0).Select(c => c.Key));

    [Theory]
    [MemberData(nameof(MarkedNames))]
    public void SecondOrderAdjointCodeAllocatesNothingWhereTheAdjointCodeAllocatesNothing(string name)
    {
        var c = Cases[name];
        var f = (Optimize.Oracles.IGeneratedDerivatives)c;
        var (gradientBytes, hessianVectorBytes) = Allocations(f, c.Points[0]);
        // Arrays of T declared in f are allocated per call by both, the second-order code's with their tangents.
        Assert.True(hessianVectorBytes <= 2 * gradientBytes, $"{name}: ∇²f·v allocates {hessianVectorBytes} bytes per call, the gradient {gradientBytes}");
    }

    /// <summary>The bytes one call of the adjoint code and one of the second-order adjoint code allocate, after warming up.</summary>
    public static (long Gradient, long HessianVector) Allocations(Optimize.Oracles.IGeneratedDerivatives f, double[] x)
    {
        double[] v = Check.Direction(x.Length, 3), gradient = new double[x.Length], product = new double[x.Length];
        for (int k = 0; k < 3; k++)
        {
            f.EvaluateGradient(x, gradient);
            f.EvaluateHessianVector(x, v, gradient, product);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        f.EvaluateGradient(x, gradient);
        long gradientBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        f.EvaluateHessianVector(x, v, gradient, product);
        return (gradientBytes, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void EveryMarkedTypeOfTheTestsDeclaresItsOwnSecondOrderAdjointCode()
    {
        var marked = typeof(GeneratedDerivativeTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Optimize.Oracles.IGeneratedDerivatives).IsAssignableFrom(t)).ToList();
        Assert.True(marked.Count > 50, $"only {marked.Count} marked types");
        foreach (var type in marked)
            Assert.True(GeneratorHarness.HessianVectorOverDouble(type, "Evaluate")?.DeclaringType == type, $"{type.Name} has no EvaluateHessianVector of its own");
    }
}
