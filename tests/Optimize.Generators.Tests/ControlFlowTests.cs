namespace Optimize.Generators.Tests;

public sealed class ControlFlowTests
{
    private static readonly IReadOnlyDictionary<string, GeneratedCase> Cases = GeneratedCase.Family<ControlFlowCase>();

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedDerivativesAgreeWithRuntimeModesAndCentralDifferences(string name) =>
        Check.Derivatives(Cases[name]);
}
