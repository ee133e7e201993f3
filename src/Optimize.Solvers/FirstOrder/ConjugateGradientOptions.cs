using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.FirstOrder;

/// <summary>Options of <see cref="ConjugateGradient"/>.</summary>
public sealed record ConjugateGradientOptions
{
    /// <summary>The β formula. Default Hager–Zhang.</summary>
    public ConjugateGradientUpdate Update { get; init; } = ConjugateGradientUpdate.HagerZhang;

    /// <summary>
    /// The line search; null picks a strong Wolfe Moré–Thuente search with c₂ = 0.1 for every update (Fletcher–Reeves
    /// needs c₂ &lt; ½, Nocedal &amp; Wright Lemma 5.6). For the Hager–Zhang update it takes fewer evaluations than
    /// Hager–Zhang's own approximate-Wolfe search: on the 42 Moré–Garbow–Hillstrom instances from x₀ (exact
    /// derivatives, <c>optimize standard-set --methods cg</c>) 37 solved with a median of 81 evaluations, against 36
    /// and 131.5 with <see cref="HagerZhangLineSearch"/> at δ = 0.01, σ = 0.1 (its best setting there: CG_DESCENT's
    /// σ = 0.9 gave 442, σ = 0.5 gave 172–183); from 10·x₀ and 100·x₀ as well, 104 of 126 solved with a median of 115
    /// against 102 and 153.
    /// </summary>
    public LineSearch? LineSearch { get; init; }

    /// <summary>The first trial step of each line search. Default quadratic interpolation.</summary>
    public InitialStep InitialStep { get; init; } = InitialStep.QuadraticInterpolation;

    /// <summary>
    /// Restart with −∇f every this many iterations; 0 means every 6n iterations for the Hager–Zhang update (CG_DESCENT's
    /// default restart_fac = 6, Hager &amp; Zhang, "Algorithm 851: CG_DESCENT", ACM TOMS 32(1), 2006) and every n
    /// iterations for the others (Nocedal &amp; Wright, §5.2). Default 0. Hager–Zhang's β keeps the direction a descent
    /// direction without restarts (their Theorem 1.1), and a restart every n iterations throws away the curvature the
    /// direction has gathered on ill-conditioned problems: with restarts every n iterations, CG from x₀ of the
    /// Moré–Garbow–Hillstrom Watson function at n = 9 is still 3.5e-6 above f* after 10000 iterations; every 6n it
    /// solves it (<c>optimize standard-set</c>, 42 instances with exact derivatives: 36 solved from x₀ instead of 35,
    /// 35 from 10·x₀ as before, 31 from 100·x₀ instead of 30).
    /// </summary>
    public int RestartInterval { get; init; }

    /// <summary>Powell's restart: restart when |gₖ₊₁ᵀgₖ| ≥ this value · ‖gₖ₊₁‖² (eq. 5.52). Default 0.2; a huge value such as 1e300 disables the test.</summary>
    public double OrthogonalityThreshold { get; init; } = 0.2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Update)) throw new ArgumentOutOfRangeException(nameof(Update), Update, "Unknown update.");
        LineSearch?.Validate();
        if (RestartInterval < 0) throw new ArgumentOutOfRangeException(nameof(RestartInterval), RestartInterval, "RestartInterval must be at least 0.");
        DriverOptions.StrictlyPositive(OrthogonalityThreshold, nameof(OrthogonalityThreshold));
    }
}
