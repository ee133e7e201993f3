using System.Numerics;
using Optimize.Differentiable.CustomRules;
using Optimize.Oracles;

namespace Optimize.Differentiable.Implicit;

/// <summary>Finds x*(θ): starts from the guess in <paramref name="x"/> and leaves the root there.</summary>
/// <param name="parameters">θ.</param>
/// <param name="x">The initial guess on entry; the root on return.</param>
public delegate RootResult RootFinder(ReadOnlySpan<double> parameters, Span<double> x);
