namespace Optimize.Solvers.TrustRegions;

/// <summary>The trust-region subproblem solvers.</summary>
public enum TrustRegionSubproblem
{
    /// <summary>Steihaug–Toint truncated CG (<see cref="SteihaugToint"/>): needs only B·v.</summary>
    SteihaugToint,

    /// <summary>Powell's dogleg (<see cref="Dogleg"/>): one Cholesky factorization of B (shifted if indefinite).</summary>
    Dogleg,

    /// <summary>The nearly exact solution of Moré &amp; Sorensen (<see cref="MoreSorensen"/>): several factorizations of B + λI.</summary>
    Exact,
}
