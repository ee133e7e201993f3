namespace Optimize.Problems;

/// <summary>Reproducible standard-normal data from a seed (Box–Muller over <see cref="Random"/>).</summary>
internal static class SeededData
{
    public static double[] Normal(Random random, int count, double scale = 1)
    {
        var values = new double[count];
        for (int i = 0; i < count; i += 2)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            double radius = Math.Sqrt(-2 * Math.Log(u1)) * scale;
            values[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < count) values[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
        }
        return values;
    }
}
