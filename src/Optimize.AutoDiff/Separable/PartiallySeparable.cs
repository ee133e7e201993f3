using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff.Separable;

/// <summary>Factories that infer the function type, e.g. <c>PartiallySeparable.Objective(myStructSum)</c>.</summary>
public static class PartiallySeparable
{
    /// <summary>The objective of a sum of terms.</summary>
    /// <typeparam name="TFunction">The function type (a struct for speed).</typeparam>
    /// <param name="function">The sum of terms.</param>
    public static PartiallySeparableObjective<TFunction> Objective<TFunction>(TFunction function)
        where TFunction : IPartiallySeparableFunction => new(function);

    /// <summary>The least-squares objective ½‖r(x)‖² of residual blocks, as a sum of terms ½‖rₖ‖².</summary>
    /// <typeparam name="TBlocks">The residual blocks type (a struct for speed).</typeparam>
    /// <param name="blocks">The residual blocks.</param>
    public static PartiallySeparableObjective<LeastSquaresTerms<TBlocks>> LeastSquares<TBlocks>(TBlocks blocks)
        where TBlocks : IResidualBlocks => new(new LeastSquaresTerms<TBlocks>(blocks));

    /// <summary>The residual vector r(x) with its Jacobian, JVP and VJP, block by block.</summary>
    /// <typeparam name="TBlocks">The residual blocks type (a struct for speed).</typeparam>
    /// <param name="blocks">The residual blocks.</param>
    public static ResidualBlocksFunction<TBlocks> Residuals<TBlocks>(TBlocks blocks)
        where TBlocks : IResidualBlocks => new(blocks);
}
