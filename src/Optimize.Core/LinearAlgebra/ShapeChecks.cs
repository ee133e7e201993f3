namespace Optimize.LinearAlgebra;

/// <summary>Checks of the flat column-major arrays MathNet's provider interface passes; each failure names the argument.</summary>
internal static class ShapeChecks
{
    /// <summary>Throws unless <paramref name="value"/> is zero or more.</summary>
    public static void Dimension(int value, string argument)
    {
        if (value < 0)
            throw new ArgumentOutOfRangeException(argument, value, $"{argument} must be zero or more.");
    }

    /// <summary>Throws unless <paramref name="array"/> holds exactly a <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    public static void Matrix<T>(T[] array, int rows, int columns, string argument)
    {
        ArgumentNullException.ThrowIfNull(array, argument);
        long expected = (long)rows * columns;
        if (array.Length != expected)
            throw new ArgumentException(
                $"{argument} has length {array.Length}; expected a {rows}×{columns} matrix ({expected} entries, column-major).", argument);
    }

    /// <summary>Throws unless <paramref name="array"/> has exactly <paramref name="length"/> entries.</summary>
    public static void Vector<T>(T[] array, int length, string argument)
    {
        ArgumentNullException.ThrowIfNull(array, argument);
        Guard.Length(array.Length, length, argument);
    }

    /// <summary>Throws unless <paramref name="array"/> has at least <paramref name="length"/> entries.</summary>
    public static void AtLeast<T>(T[] array, int length, string argument)
    {
        ArgumentNullException.ThrowIfNull(array, argument);
        if (array.Length < length)
            throw new ArgumentException($"{argument} has length {array.Length}; expected at least {length}.", argument);
    }

    /// <summary>Checks a square system A·X = B: A is order×order, B is order×columnsB and a different array.</summary>
    public static void SquareSystem(double[] a, int order, double[] b, int columnsB, string orderArgument, string columnsArgument)
    {
        Dimension(order, orderArgument);
        Dimension(columnsB, columnsArgument);
        Matrix(a, order, order, nameof(a));
        Matrix(b, order, columnsB, nameof(b));
        Distinct(a, b, nameof(a), nameof(b));
    }

    /// <summary>Throws unless <paramref name="ipiv"/> holds <paramref name="order"/> 0-based row indices, as LU factorization writes them.</summary>
    public static void Pivots(int[] ipiv, int order, string argument)
    {
        Vector(ipiv, order, argument);
        for (int i = 0; i < ipiv.Length; i++)
            if ((uint)ipiv[i] >= (uint)order)
                throw new ArgumentException($"{argument}[{i}] is {ipiv[i]}; expected a 0-based row index below {order}.", argument);
    }

    /// <summary>Throws when an input and the output it would be overwritten with are the same array.</summary>
    public static void Distinct(object input, object output, string inputArgument, string outputArgument)
    {
        if (ReferenceEquals(input, output))
            throw new ArgumentException($"{inputArgument} and {outputArgument} must be different arrays.", outputArgument);
    }
}
