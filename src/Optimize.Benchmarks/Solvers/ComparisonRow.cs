using System.Diagnostics;
using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Benchmarks.Solvers;

/// <summary>One method on one problem, ours or MathNet's.</summary>
/// <param name="Problem">The problem, with its dimension.</param>
/// <param name="Method">The method's name in <see cref="MinimizationMethods"/>, e.g. "lbfgs".</param>
/// <param name="Library">"Optimize" or "MathNet".</param>
/// <param name="Solved">Whether the final point meets the common criterion of <see cref="SolverComparison"/>.</param>
/// <param name="Values">Evaluations of f (fused value-and-gradient calls included).</param>
/// <param name="Gradients">Evaluations of ∇f.</param>
/// <param name="Hessians">Evaluations of ∇²f.</param>
/// <param name="Milliseconds">Wall time of the run.</param>
/// <param name="FinalGradientNorm">‖∇f‖₂ at the returned point (NaN where the run threw).</param>
/// <param name="Outcome">The termination reason, or the exception MathNet threw.</param>
public sealed record ComparisonRow(
    string Problem, string Method, string Library, bool Solved, long Values, long Gradients, long Hessians,
    double Milliseconds, double FinalGradientNorm, string Outcome);
