namespace Optimize.AutoDiff;

/// <summary>
/// Per-thread reusable arrays of AD scalars, so derivative calls allocate nothing in steady state and
/// stay safe under concurrency. Up to four arrays of one type may be out at once (nested rents, e.g. a
/// term's inputs and its residuals); a deeper nesting gets fresh arrays.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class Scratch<T>
{
    private const int Depth = 4;
    [ThreadStatic] private static T[]?[]? cached;

    internal static T[] Rent(int length)
    {
        T[]?[] slots = cached ??= new T[]?[Depth];
        for (int i = 0; i < Depth; i++)
        {
            T[]? array = slots[i];
            if (array is not null && array.Length >= length)
            {
                slots[i] = null;
                return array;
            }
        }
        return new T[Math.Max(length, 16)];
    }

    internal static void Return(T[] array)
    {
        T[]?[] slots = cached ??= new T[]?[Depth];
        int smallest = 0;
        for (int i = 0; i < Depth; i++)
        {
            if (slots[i] is null)
            {
                slots[i] = array;
                return;
            }
            if (slots[i]!.Length < slots[smallest]!.Length) smallest = i;
        }
        if (slots[smallest]!.Length < array.Length) slots[smallest] = array;
    }
}
