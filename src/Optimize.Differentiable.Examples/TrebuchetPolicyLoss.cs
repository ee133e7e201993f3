using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Differentiable.Examples;

/// <summary>The training loss of a <see cref="TrebuchetPolicy"/> as a function of its weights: mean over shots of ((distance − target)/target)².</summary>
public sealed class TrebuchetPolicyLoss : IScalarFunction
{
    private readonly TrebuchetShot[] shots;

    /// <summary>Creates the loss.</summary>
    /// <param name="policy">The network (its shape; the weights are the loss's variables).</param>
    /// <param name="trebuchet">The simulator.</param>
    /// <param name="shots">The shots, at least one, with finite wind and positive targets.</param>
    public TrebuchetPolicyLoss(TrebuchetPolicy policy, Trebuchet trebuchet, IReadOnlyList<TrebuchetShot> shots)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(trebuchet);
        ArgumentNullException.ThrowIfNull(shots);
        Guard.Positive(shots.Count, "shots.Count");
        foreach (var shot in shots)
            if (!double.IsFinite(shot.WindSpeed) || !(shot.Target > 0) || double.IsInfinity(shot.Target))
                throw new ArgumentException($"Shot {shot} needs a finite wind and a finite target > 0.", nameof(shots));
        Policy = policy;
        Trebuchet = trebuchet;
        this.shots = [.. shots];
    }

    /// <summary>The network.</summary>
    public TrebuchetPolicy Policy { get; }

    /// <summary>The simulator.</summary>
    public Trebuchet Trebuchet { get; }

    /// <summary>The number of weights.</summary>
    public int Dimension => Policy.Weights.Length;

    /// <summary>The mean squared relative miss.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="weights">The network's weights.</param>
    public T Evaluate<T>(ReadOnlySpan<T> weights) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (var shot in shots)
        {
            var (angle, mass) = Policy.Aim(weights, shot);
            T miss = (Trebuchet.Distance(angle, mass, T.CreateChecked(shot.WindSpeed)) - T.CreateChecked(shot.Target)) / T.CreateChecked(shot.Target);
            sum += miss * miss;
        }
        return sum / T.CreateChecked(shots.Length);
    }
}
