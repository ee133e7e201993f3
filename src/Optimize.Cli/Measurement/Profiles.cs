namespace Optimize.Cli.Measurement;

/// <summary>
/// Benchmark profiles over a set of runs, each (instance, start) pair one problem and the cost of a run its evaluations
/// of f (a fused value-and-gradient call counting one); an unsolved run has infinite cost.
/// </summary>
public static class Profiles
{
    /// <summary>
    /// The Dolan–Moré performance profile (Dolan &amp; Moré, "Benchmarking optimization software with performance
    /// profiles", Math. Programming 91, 2002): for each solver s, ρₛ(τ) = |{p : tₚ,ₛ ≤ τ·minₛ′ tₚ,ₛ′}| / |P|.
    /// Problems no solver solved count in |P| and never in the numerator.
    /// </summary>
    /// <param name="runs">The runs; one per solver and problem.</param>
    public static IReadOnlyList<ProfileCurve> Performance(IReadOnlyList<StandardSetRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var problems = runs.Select(r => r.ProfileProblem).Distinct().ToArray();
        var best = runs.Where(r => r.Outcome == StandardSetOutcome.Solved)
            .GroupBy(r => r.ProfileProblem).ToDictionary(g => g.Key, g => g.Min(Cost));
        return Curves(runs, problems.Length, run => Cost(run) / best[run.ProfileProblem]);
    }

    /// <summary>
    /// The Moré–Wild data profile (Moré &amp; Wild, "Benchmarking derivative-free optimization algorithms", SIAM J. Optim.
    /// 20(1), 2009): for each solver s, dₛ(κ) = |{p : tₚ,ₛ/(nₚ + 1) ≤ κ}| / |P|, the fraction of problems solved within
    /// κ simplex gradients. "Solved" is the set's criterion f − f* ≤ 10⁻⁶·max(1, |f*|) rather than Moré and Wild's
    /// decrease test.
    /// </summary>
    /// <param name="runs">The runs; one per solver and problem.</param>
    public static IReadOnlyList<ProfileCurve> Data(IReadOnlyList<StandardSetRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        int problems = runs.Select(r => r.ProfileProblem).Distinct().Count();
        return Curves(runs, problems, run => Cost(run) / (run.Dimension + 1.0));
    }

    private static double Cost(StandardSetRun run) => Math.Max(1, run.Values);

    private static IReadOnlyList<ProfileCurve> Curves(IReadOnlyList<StandardSetRun> runs, int problemCount, Func<StandardSetRun, double> measure) =>
        runs.GroupBy(r => r.Solver).Select(solver =>
        {
            var solved = solver.Where(r => r.Outcome == StandardSetOutcome.Solved).Select(measure).Order().ToArray();
            var x = new List<double>();
            var y = new List<double>();
            for (int i = 0; i < solved.Length; i++)
            {
                if (i + 1 < solved.Length && solved[i + 1] == solved[i]) continue;
                x.Add(solved[i]);
                y.Add((i + 1.0) / problemCount);
            }
            return new ProfileCurve(solver.Key, x, y);
        }).ToArray();
}
