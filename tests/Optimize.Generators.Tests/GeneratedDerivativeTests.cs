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
