using MathNet.Numerics.LinearAlgebra;

namespace Optimize;

/// <summary>Argument checks shared by the whole toolkit; each failure names the argument and what was expected.</summary>
public static class Guard
{
    /// <summary>Throws unless <paramref name="length"/> equals <paramref name="expected"/>.</summary>
    /// <param name="length">The actual length.</param>
    /// <param name="expected">The expected length.</param>
    /// <param name="argument">The argument's name.</param>
    public static void Length(int length, int expected, string argument)
    {
        if (length != expected)
            throw new ArgumentException($"{argument} has length {length}; expected length {expected}.", argument);
    }

    /// <summary>Throws unless <paramref name="matrix"/> is <paramref name="rows"/>×<paramref name="columns"/>.</summary>
    /// <param name="matrix">The matrix to check.</param>
    /// <param name="rows">The expected number of rows.</param>
    /// <param name="columns">The expected number of columns.</param>
    /// <param name="argument">The argument's name.</param>
    public static void Shape(Matrix<double> matrix, int rows, int columns, string argument)
    {
        ArgumentNullException.ThrowIfNull(matrix, argument);
        if (matrix.RowCount != rows || matrix.ColumnCount != columns)
            throw new ArgumentException(
                $"{argument} is {matrix.RowCount}×{matrix.ColumnCount}; expected {rows}×{columns}.", argument);
    }

    /// <summary>Throws unless <paramref name="value"/> is at least 1.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="argument">The argument's name.</param>
    public static void Positive(int value, string argument)
    {
        if (value < 1)
            throw new ArgumentOutOfRangeException(argument, value, $"{argument} must be at least 1.");
    }

    /// <summary>Throws unless every entry of <paramref name="x"/> is finite, naming the first offending index.</summary>
    /// <param name="x">The vector to check.</param>
    /// <param name="argument">The argument's name.</param>
    public static void Finite(ReadOnlySpan<double> x, string argument)
    {
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"{argument}[{i}] is {x[i]}; expected a finite number.", argument);
    }
}
