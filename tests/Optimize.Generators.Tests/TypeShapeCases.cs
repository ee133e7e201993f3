using System.Numerics;
using Optimize.Oracles;

namespace Optimize.Generators.Tests
{
    /// <summary>Marked static methods, of any name and parameter name, get static derivative methods.</summary>
    public static partial class StaticFunctions
    {
        [GenerateDerivatives]
        public static T Gaussian<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T squares = T.Zero;
            for (int i = 0; i < x.Length; i++) squares += x[i] * x[i];
            return T.Exp(-squares / T.CreateChecked(2));
        }

        [GenerateDerivatives]
        public static T Bowl<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T> =>
            values[0] * values[0] + T.CreateChecked(3) * values[1] * values[1] - values[0] * values[1];
    }

    /// <summary>An instance method not named Evaluate: derivative methods, but no interface.</summary>
    public sealed partial class NamedInstanceFunction(double scale)
    {
        [GenerateDerivatives]
        public T Energy<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
            T.CreateChecked(scale) * T.Sin(x[0]) * x[1] + T.CreateChecked(Offset) * x[0];

        private double Offset => scale / 2;
    }

    /// <summary>A struct whose Evaluate is marked implements IGeneratedDerivatives.</summary>
    public partial struct StructFunction : IScalarFunction
    {
        public readonly int Dimension => 2;

        [GenerateDerivatives]
        public readonly T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Log(T.One + x[0] * x[0]) * T.Cos(x[1]);
    }

    /// <summary>A record with a positional parameter read as a constant.</summary>
    public sealed partial record RecordFunction(double Weight) : IScalarFunction
    {
        public int Dimension => 2;

        [GenerateDerivatives]
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.CreateChecked(Weight) * x[0] * x[0] * x[1];
    }

    public static partial class Outer
    {
        /// <summary>A partial type nested in another.</summary>
        public sealed partial class Nested : IScalarFunction
        {
            public int Dimension => 2;

            [GenerateDerivatives]
            public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Atan(x[0] / (T.One + x[1] * x[1]));
        }
    }

    namespace Left
    {
        /// <summary>The same type name as <see cref="Right.Twin"/>, in another namespace.</summary>
        public sealed partial class Twin : IScalarFunction
        {
            public int Dimension => 1;

            [GenerateDerivatives]
            public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0];
        }
    }

    namespace Right
    {
        /// <summary>The same type name as <see cref="Left.Twin"/>, in another namespace.</summary>
        public sealed partial class Twin : IScalarFunction
        {
            public int Dimension => 1;

            [GenerateDerivatives]
            public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Sin(x[0]);
        }
    }
}
