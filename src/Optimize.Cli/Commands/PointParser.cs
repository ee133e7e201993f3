using System.Globalization;

namespace Optimize.Cli.Commands;

/// <summary>Parses a point given on the command line as comma-separated numbers.</summary>
public static class PointParser
{
    /// <summary>Parses "x1,x2,…"; null text gives null.</summary>
    /// <param name="text">The numbers, invariant culture.</param>
    /// <param name="dimension">The expected count.</param>
    /// <param name="option">The option's name, for messages.</param>
    /// <exception cref="UsageException">A number does not parse, is not finite, or the count is wrong.</exception>
    public static double[]? Parse(string? text, int dimension, string option = "--at")
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != dimension)
            throw new UsageException($"{option} has {parts.Length} number{(parts.Length == 1 ? "" : "s")}; the problem has dimension {dimension}.");
        var point = new double[dimension];
        for (int i = 0; i < dimension; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out point[i]) || !double.IsFinite(point[i]))
                throw new UsageException($"{option} entry {i + 1} is '{parts[i]}'; expected a finite number such as -1.2.");
        return point;
    }
}
