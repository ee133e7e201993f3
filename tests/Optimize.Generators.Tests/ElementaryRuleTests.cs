namespace Optimize.Generators.Tests;

public sealed class ElementaryRuleTests
{
    private static readonly IReadOnlyDictionary<string, GeneratedCase> Cases = GeneratedCase.Family<ElementaryCase>();

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedDerivativesAgreeWithRuntimeModesAndCentralDifferences(string name) =>
        Check.Derivatives(Cases[name]);

    [Fact]
    public void EveryRuleOfTheSubsetHasACase()
    {
        string[] rules = ["Addition", "Subtraction", "Multiplication", "Division", "Negation", "Sqrt", "Exp", "Log", "Sin", "Cos",
            "Tan", "Asin", "Acos", "Atan", "Atan2", "Sinh", "Cosh", "Tanh", "Abs", "Min", "Max",
            "PowActiveBaseAndExponent", "PowConstantExponent", "PowConstantBase", "Constants"];
        foreach (string rule in rules) Assert.Contains(rule + "Case", Cases.Keys);
    }
}
