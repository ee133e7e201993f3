using System.Numerics;

namespace Optimize.AutoDiff.Tests;

/// <summary>Every elementary operation under test, written once over the generic scalar.</summary>
internal static class ElementaryOperations
{
    /// <summary>Unary operations with points inside their domains.</summary>
    public static readonly (string Name, double[] Points)[] Unary =
    [
        ("negate", [-1.3, 0.4, 2.1]), ("square", [-1.3, 0, 2.1]), ("reciprocal", [-1.3, 0.4, 2.1]),
        ("sqrt", [0.25, 1.7, 9]), ("cbrt", [-2.5, 0.4, 8]), ("exp", [-1.3, 0, 2.1]), ("exp2", [-1.3, 0.4, 2.1]),
        ("exp10", [-1.3, 0.4, 1.1]), ("expm1", [-1.3, 1e-3, 2.1]), ("log", [1e-6, 0.4, 2.1]), ("log2", [0.1, 0.4, 2.1]),
        ("log10", [0.1, 0.4, 2.1]), ("log1p", [-0.5, 1e-3, 2.1]), ("sin", [-1.3, 0, 2.1]), ("cos", [-1.3, 0, 2.1]),
        ("tan", [-1.3, 0, 0.7]), ("asin", [-0.7, 0, 0.3]), ("acos", [-0.7, 0, 0.3]), ("atan", [-1.3, 0, 2.1]),
        ("sinh", [-1.3, 0, 2.1]), ("cosh", [-1.3, 0.4, 2.1]), ("tanh", [-1.3, 0, 2.1]), ("asinh", [-1.3, 0, 2.1]),
        ("acosh", [1.2, 2.1, 5]), ("atanh", [-0.7, 0, 0.3]), ("abs", [-1.3, 0, 2.1]), ("sinpi", [-0.3, 0.1, 1.7]),
        ("cospi", [-0.3, 0.1, 1.7]), ("tanpi", [-0.3, 0.1, 0.2]), ("asinpi", [-0.7, 0, 0.3]), ("acospi", [-0.7, 0, 0.3]),
        ("atanpi", [-1.3, 0, 2.1]), ("pow-int", [-1.3, 0, 2.1]), ("pow-real", [0.3, 1, 2.1]), ("rootn", [0.3, 1, 2.1]),
        ("scaleb", [-1.3, 0.4, 2.1]), ("increment", [-1.3, 0.4]), ("round", [-1.3, 0.4, 2.1]), ("constant-mix", [-1.3, 0.4, 2.1]),
        ("sincos", [-1.3, 0, 2.1]), ("branch", [-1.3, 0.4, 2.1]),
    ];

    public static T Apply<T>(string name, T x) where T : IFloatingPointIeee754<T> => name switch
    {
        "negate" => -x,
        "square" => x * x,
        "reciprocal" => T.One / x,
        "sqrt" => T.Sqrt(x),
        "cbrt" => T.Cbrt(x),
        "exp" => T.Exp(x),
        "exp2" => T.Exp2(x),
        "exp10" => T.Exp10(x),
        "expm1" => T.ExpM1(x),
        "log" => T.Log(x),
        "log2" => T.Log2(x),
        "log10" => T.Log10(x),
        "log1p" => T.LogP1(x),
        "sin" => T.Sin(x),
        "cos" => T.Cos(x),
        "tan" => T.Tan(x),
        "asin" => T.Asin(x),
        "acos" => T.Acos(x),
        "atan" => T.Atan(x),
        "sinh" => T.Sinh(x),
        "cosh" => T.Cosh(x),
        "tanh" => T.Tanh(x),
        "asinh" => T.Asinh(x),
        "acosh" => T.Acosh(x),
        "atanh" => T.Atanh(x),
        "abs" => T.Abs(x),
        "sinpi" => T.SinPi(x),
        "cospi" => T.CosPi(x),
        "tanpi" => T.TanPi(x),
        "asinpi" => T.AsinPi(x),
        "acospi" => T.AcosPi(x),
        "atanpi" => T.AtanPi(x),
        "pow-int" => T.Pow(x, T.CreateChecked(3)),
        "pow-real" => T.Pow(x, T.CreateChecked(2.5)),
        "rootn" => T.RootN(x, 3),
        "scaleb" => T.ScaleB(x, 3),
        "increment" => Increment(x),
        "round" => T.Round(x) + x,
        "constant-mix" => (T.CreateTruncating(3) * x - T.Pi) / T.CreateChecked(2.5f) + T.E * x * x,
        "sincos" => T.SinCos(x).Sin * T.SinCos(x).Cos,
        "branch" => x > T.Zero ? x * x * x : -x,
        _ => throw new ArgumentException($"unknown operation {name}", nameof(name)),
    };

    private static T Increment<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T y = x * x;
        y++;
        y--;
        y++;
        return y;
    }

    /// <summary>Binary operations with points (x, y) inside their domains.</summary>
    public static readonly (string Name, (double X, double Y)[] Points)[] Binary =
    [
        ("add", [(-1.3, 0.4), (2.1, 3)]), ("subtract", [(-1.3, 0.4), (2.1, 3)]), ("multiply", [(-1.3, 0.4), (2.1, 3)]),
        ("divide", [(-1.3, 0.4), (2.1, -3)]), ("pow", [(1.3, 0.4), (2.1, 3), (0.5, -1.5)]), ("atan2", [(-1.3, 0.4), (2.1, -3)]),
        ("atan2pi", [(-1.3, 0.4), (2.1, -3)]), ("hypot", [(-1.3, 0.4), (2.1, 3)]), ("min", [(-1.3, 0.4), (2.1, 3)]),
        ("max", [(-1.3, 0.4), (2.1, 3)]), ("log-base", [(1.3, 3), (2.1, 0.4)]), ("modulus", [(7.3, 2.1), (-5.5, 1.5)]),
        ("remainder", [(7.3, 2.1), (-5.5, 1.7)]), ("fma", [(-1.3, 0.4), (2.1, 3)]), ("min-magnitude", [(-1.3, 0.4), (2.1, -3)]),
        ("max-magnitude", [(-1.3, 0.4), (2.1, -3)]), ("clamp", [(-1.3, 0.4), (0.1, 3)]), ("copysign", [(-1.3, 0.4), (2.1, -3)]),
    ];

    public static T Apply<T>(string name, T x, T y) where T : IFloatingPointIeee754<T> => name switch
    {
        "add" => x + y,
        "subtract" => x - y,
        "multiply" => x * y,
        "divide" => x / y,
        "pow" => T.Pow(x, y),
        "atan2" => T.Atan2(x, y),
        "atan2pi" => T.Atan2Pi(x, y),
        "hypot" => T.Hypot(x, y),
        "min" => T.Min(x, y),
        "max" => T.Max(x, y),
        "log-base" => T.Log(x, y),
        "modulus" => x % y,
        "remainder" => T.Ieee754Remainder(x, y),
        "fma" => T.FusedMultiplyAdd(x, y, x),
        "min-magnitude" => T.MinMagnitude(x, y),
        "max-magnitude" => T.MaxMagnitude(x, y),
        "clamp" => T.Clamp(x * y, T.CreateChecked(-1), T.One),
        "copysign" => T.CopySign(x, y),
        _ => throw new ArgumentException($"unknown operation {name}", nameof(name)),
    };

    public static TheoryData<string, double> UnaryCases()
    {
        var data = new TheoryData<string, double>();
        foreach (var (name, points) in Unary)
            foreach (double x in points) data.Add(name, x);
        return data;
    }

    public static TheoryData<string, double, double> BinaryCases()
    {
        var data = new TheoryData<string, double, double>();
        foreach (var (name, points) in Binary)
            foreach (var (x, y) in points) data.Add(name, x, y);
        return data;
    }
}
