namespace Optimize.AutoDiff;

/// <summary>
/// Per-thread reusable arrays of AD scalars, so derivative calls allocate nothing in steady state and
/// stay safe under concurrency. A nested rent of the same type while one is out gets a fresh array.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class Scratch<T>
{
    [ThreadStatic] private static T[]? cached;

    internal static T[] Rent(int length)
    {
        T[]? array = cached;
        if (array is not null && array.Length >= length)
        {
            cached = null;
            return array;
        }
        return new T[Math.Max(length, 16)];
    }

    internal static void Return(T[] array)
    {
        if (cached is null || cached.Length < array.Length) cached = array;
    }
}
