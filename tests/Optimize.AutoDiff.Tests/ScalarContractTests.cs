using System.Globalization;
using System.Numerics;
using Optimize.AutoDiff;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using Optimize.AutoDiff.Trace;

namespace Optimize.AutoDiff.Tests;

/// <summary>Members without a derivative act on the primal value, for every AD type.</summary>
public class ScalarContractTests
{
    private static void ActsOnThePrimal<T>(T sample) where T : IFloatingPointIeee754<T>
    {
        Assert.Equal(2.5, double.CreateChecked(T.Parse("2.5", CultureInfo.InvariantCulture)));
        Assert.True(T.TryParse("-1.25", NumberStyles.Float, CultureInfo.InvariantCulture, out T? parsed));
        Assert.Equal(-1.25, double.CreateChecked(parsed!));
        Assert.False(T.TryParse("not a number", CultureInfo.InvariantCulture, out _));
        Assert.Equal(3.0, double.CreateTruncating(T.CreateTruncating(3)));
        Assert.Equal(7.0, double.CreateSaturating(T.CreateSaturating(7L)));
        Assert.Equal(0.5f, float.CreateChecked(T.CreateChecked(0.5m)));
        Assert.Equal(2, int.CreateTruncating(T.CreateChecked(2.9)));
        Assert.Equal("2.5", T.CreateChecked(2.5).ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal("x = 1.50", string.Create(CultureInfo.InvariantCulture, $"x = {T.CreateChecked(1.5):F2}"));
        Assert.True(T.IsNaN(T.NaN) && T.IsInfinity(T.PositiveInfinity) && T.IsNegative(T.NegativeOne) && T.IsZero(T.Zero));
        Assert.True(T.IsInteger(T.CreateChecked(4)) && T.IsEvenInteger(T.CreateChecked(4)) && T.IsOddInteger(T.One));
        Assert.True(T.IsFinite(sample) && T.IsRealNumber(sample) && !T.IsComplexNumber(sample) && T.IsNormal(sample));
        Assert.Equal(Math.PI, double.CreateChecked(T.Pi));
        Assert.Equal(Math.E, double.CreateChecked(T.E));
        Assert.Equal(2, T.Radix);
        Assert.Equal(1, T.Sign(sample));
        Assert.Equal(double.ILogB(3.0), T.ILogB(T.CreateChecked(3)));
        Assert.Equal(0, sample.CompareTo(sample));
        Assert.Equal(1, sample.CompareTo((object?)null));
        Assert.Throws<ArgumentException>(() => sample.CompareTo("text"));
        Assert.True(sample.Equals(sample));
        Assert.Equal(((IFloatingPoint<double>)3.0).GetExponentByteCount(), T.CreateChecked(3).GetExponentByteCount());
        Assert.Equal(((IFloatingPoint<double>)3.0).GetSignificandBitLength(), T.CreateChecked(3).GetSignificandBitLength());
        Span<byte> bytes = stackalloc byte[8], expected = stackalloc byte[8];
        Assert.True(T.CreateChecked(3).TryWriteSignificandLittleEndian(bytes, out int written));
        ((IFloatingPoint<double>)3.0).TryWriteSignificandLittleEndian(expected, out _);
        Assert.True(bytes[..written].SequenceEqual(expected[..written]));
        Assert.Equal(double.Floor(-1.5), double.CreateChecked(T.Floor(T.CreateChecked(-1.5))));
        Assert.Equal(double.BitIncrement(1.0), double.CreateChecked(T.BitIncrement(T.One)));
    }

    [Fact]
    public void DualNumbersActOnThePrimalWhereNoDerivativeExists() => ActsOnThePrimal(new Dual<double>(1.5, 1));

    [Fact]
    public void NestedDualNumbersActOnThePrimalWhereNoDerivativeExists() =>
        ActsOnThePrimal(new Dual<Dual<double>>(new Dual<double>(1.5, 1), new Dual<double>(0, 1)));

    [Fact]
    public void VectorDualsActOnThePrimalWhereNoDerivativeExists() => ActsOnThePrimal(DualVector<Chunk4>.Seed(1.5, 2));

    [Fact]
    public void TapeVariablesActOnThePrimalWhereNoDerivativeExists() => ActsOnThePrimal(Variable.Constant(1.5));

    [Fact]
    public void SecondOrderTapeVariablesActOnThePrimalWhereNoDerivativeExists() =>
        ActsOnThePrimal(HessianVectorVariable.Constant(new Dual<double>(1.5, 1)));

    [Fact]
    public void ComplexScalarsActOnTheRealPartWhereNoDerivativeExists() => ActsOnThePrimal(new ComplexScalar(1.5, 1e-20));

    [Fact]
    public void TracedScalarsActOnThePrimalWhereNoDerivativeExists() => ActsOnThePrimal(TracedScalar.Constant(1.5));

    [Fact]
    public void VectorDualCarriesEveryDirectionOfItsChunk()
    {
        var x = DualVector<Chunk8>.Seed(2, 5);
        var y = x * x;
        for (int i = 0; i < 8; i++) Assert.Equal(i == 5 ? 4.0 : 0.0, y.Tangents[i]);
        Assert.Equal(0.0, DualVector<Chunk4>.Seed(2, 9).Tangents[3]);
        Assert.Contains("ε", y.ToString());
    }
}
