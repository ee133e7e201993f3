namespace Optimize.LeastSquares.Examples;

internal static class SparseFit
{
    public static int Run(TextWriter output, string[] args)
    {
        output.WriteLine("sparse: not yet");
        return 1;
    }
}
