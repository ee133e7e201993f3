using System.Globalization;

namespace Optimize.Distributed.MpiChecks;

/// <summary>
/// Collects a check's failed expectations on this process and throws them only at the end of the check, after its
/// last collective call (throwing earlier would leave the other processes waiting in a collective).
/// </summary>
internal sealed class Expectations(ICommunicator communicator)
{
    private readonly List<string> failures = [];

    public void True(bool condition, string what)
    {
        if (!condition) failures.Add(what);
    }

    /// <summary>max |a − b| / max(‖b‖∞, tiny) ≤ <paramref name="tolerance"/>; prints the measured number on rank 0.</summary>
    public double Close(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, string what)
    {
        double difference = RelativeDifference(actual, expected);
        if (!(difference <= tolerance))
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: relative difference {difference:E2} > {tolerance:E0}"));
        Note(string.Create(CultureInfo.InvariantCulture, $"{what}: relative difference {difference:E2} (bar {tolerance:E0})"));
        return difference;
    }

    public double Close(double actual, double expected, double tolerance, string what) => Close([actual], [expected], tolerance, what);

    /// <summary>The values are bit for bit those of rank 0 (a collective call).</summary>
    public void SameOnEveryRank(ReadOnlySpan<double> values, string what)
    {
        var mine = new byte[values.Length * sizeof(double)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(mine);
        var root = (byte[])mine.Clone();
        communicator.Broadcast(root, 0);
        if (!mine.AsSpan().SequenceEqual(root)) failures.Add($"{what}: rank {communicator.Rank} differs from rank 0");
    }

    public void Note(string line)
    {
        if (communicator.Rank == 0) Console.WriteLine($"          {line}");
    }

    public void ThrowIfAny()
    {
        if (failures.Count > 0) throw new CheckFailedException(string.Join("; ", failures));
    }

    public static double RelativeDifference(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        if (actual.Length != expected.Length) return double.PositiveInfinity;
        double scale = 0, difference = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            difference = Math.Max(difference, Math.Abs(actual[i] - expected[i]));
            if (double.IsNaN(actual[i]) != double.IsNaN(expected[i])) return double.PositiveInfinity;
        }
        return difference / Math.Max(scale, double.Epsilon);
    }
}
