using Optimize.LeastSquares.Examples;

// dotnet run --project src/Optimize.LeastSquares.Examples -c Release -- sparse [residuals] [variables]
// dotnet run --project src/Optimize.LeastSquares.Examples -c Release -- bundle [instance = 1 | cameras points observations] [evaluations = 10]
// (MINPACK's lmder protocol runs from the command line: optimize least-squares --minpack)
return args.FirstOrDefault() switch
{
    "sparse" => SparseFit.Run(Console.Out, args.Skip(1).ToArray()),
    "bundle" => BundleFit.Run(Console.Out, args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: sparse [residuals = 100000] [variables = 10000] | bundle [instance = 1 | cameras points observations] [evaluations = 10]; MINPACK's lmder protocol: optimize least-squares --minpack");
    return 2;
}
