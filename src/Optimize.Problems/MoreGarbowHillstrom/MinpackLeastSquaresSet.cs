namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The 53 runs of MINPACK-1's least-squares test driver: its 18 problems (the residual problems of Moré, Garbow
/// &amp; Hillstrom, "Testing Unconstrained Optimization Software", ACM TOMS 7(1), 1981, numbered as the driver's
/// <c>ssqfcn</c>) at the driver's sizes, from x₀, 10·x₀ and 100·x₀ where the driver's data file asks for three
/// starts, with the final residual norm, <c>nfev</c>, <c>njev</c> and <c>info</c> that MINPACK's <c>lmder1</c>
/// (tol = √ε = 1.49e-8) reports.
/// </summary>
/// <remarks>
/// The numbers are MINPACK-1's test output as recorded by the cminpack distribution from the original Fortran
/// driver compiled in IEEE double precision (file <c>examples/ref/lmddrv.fortran.ref</c> of cminpack by Frédéric
/// Devernay, "summary of 53 calls to lmder1"), which agrees with the output printed in the MINPACK-1 User Guide
/// (ANL-80-74) to the digits printed there.
/// </remarks>
public static class MinpackLeastSquaresSet
{
    /// <summary>The set's name.</summary>
    public const string Name = "minpack-lmder";

    /// <summary>Where the reference numbers come from.</summary>
    public const string Source =
        "MINPACK-1 lmder1 test driver output (Moré, Garbow & Hillstrom, ANL-80-74, 1980), as recorded in cminpack's examples/ref/lmddrv.fortran.ref";

    /// <summary>The 53 runs in the driver's order.</summary>
    public static IReadOnlyList<MinpackLeastSquaresInstance> Instances { get; } = Build();

    private static MinpackLeastSquaresInstance[] Build()
    {
        MinpackLeastSquaresInstance I(int number, SumOfSquaresProblem problem, double factor, double norm, int nfev, int njev, int info) =>
            new(number, problem, factor, norm, nfev, njev, info);
        return
        [
            I(1, new LinearFullRank(5, 10), 1, 2.2360680e+00, 3, 2, 3),
            I(1, new LinearFullRank(5, 50), 1, 6.7082039e+00, 3, 2, 3),
            I(2, new LinearRankOne(5, 10), 1, 1.4638501e+00, 3, 2, 1),
            I(2, new LinearRankOne(5, 50), 1, 3.4826302e+00, 3, 2, 1),
            I(3, new LinearRankOneZeroColumnsAndRows(5, 10), 1, 1.9097274e+00, 3, 2, 1),
            I(3, new LinearRankOneZeroColumnsAndRows(5, 50), 1, 3.6917294e+00, 3, 2, 1),
            I(4, new RosenbrockResiduals(2), 1, 0, 21, 16, 4),
            I(4, new RosenbrockResiduals(2), 10, 0, 8, 5, 2),
            I(4, new RosenbrockResiduals(2), 100, 0, 6, 4, 2),
            I(5, new HelicalValley(), 1, 9.9365231e-17, 11, 8, 2),
            I(5, new HelicalValley(), 10, 1.0446727e-19, 20, 15, 2),
            I(5, new HelicalValley(), 100, 3.4526556e-29, 19, 16, 2),
            I(6, new PowellSingular(), 1, 3.3916607e-167, 500, 499, 5),
            I(6, new PowellSingular(), 10, 3.6588477e-37, 76, 68, 4),
            I(6, new PowellSingular(), 100, 9.3192613e-35, 77, 68, 4),
            I(7, new FreudensteinRoth(), 1, 6.9988752e+00, 14, 8, 1),
            I(7, new FreudensteinRoth(), 10, 6.9988752e+00, 19, 12, 1),
            I(7, new FreudensteinRoth(), 100, 6.9988752e+00, 24, 17, 1),
            I(8, new Bard(), 1, 9.0635960e-02, 6, 5, 1),
            I(8, new Bard(), 10, 4.1747687e+00, 37, 36, 1),
            I(8, new Bard(), 100, 4.1747687e+00, 14, 13, 1),
            I(9, new KowalikOsborne(), 1, 1.7535838e-02, 18, 16, 1),
            I(9, new KowalikOsborne(), 10, 3.2052193e-02, 78, 70, 1),
            I(9, new KowalikOsborne(), 100, 1.7535838e-02, 500, 382, 5),
            I(10, new Meyer(), 1, 9.3779451e+00, 126, 116, 3),
            I(10, new Meyer(), 10, 7.9509584e+02, 400, 346, 5),
            I(11, new Watson(6), 1, 4.7829594e-02, 8, 7, 1),
            I(11, new Watson(6), 10, 4.7829594e-02, 14, 13, 1),
            I(11, new Watson(6), 100, 4.7829594e-02, 15, 14, 1),
            I(11, new Watson(9), 1, 1.1831146e-03, 8, 7, 3),
            I(11, new Watson(9), 10, 1.1831146e-03, 19, 15, 1),
            I(11, new Watson(9), 100, 1.1831146e-03, 19, 16, 3),
            I(11, new Watson(12), 1, 2.1731040e-05, 10, 9, 3),
            I(11, new Watson(12), 10, 2.1731040e-05, 13, 12, 2),
            I(11, new Watson(12), 100, 2.1731040e-05, 34, 28, 2),
            I(12, new Box3D(), 1, 2.8529818e-16, 7, 6, 2),
            I(13, new JennrichSampson(), 1, 1.1151779e+01, 21, 12, 1),
            I(14, new BrownDennis(), 1, 2.9295429e+02, 254, 236, 1),
            I(14, new BrownDennis(), 10, 2.9295427e+02, 53, 42, 1),
            I(14, new BrownDennis(), 100, 2.9295431e+02, 237, 221, 1),
            I(15, new Chebyquad(1, 8), 1, 1.8862380e+00, 1, 1, 4),
            I(15, new Chebyquad(1, 8), 10, 1.8842482e+00, 29, 28, 1),
            I(15, new Chebyquad(1, 8), 100, 1.8842482e+00, 47, 46, 1),
            I(15, new Chebyquad(8), 1, 5.9303236e-02, 39, 20, 1),
            I(15, new Chebyquad(9), 1, 1.2137434e-16, 12, 9, 2),
            I(15, new Chebyquad(10), 1, 8.0647100e-02, 25, 12, 1),
            I(16, new BrownAlmostLinear(10), 1, 8.6625859e-15, 14, 12, 2),
            I(16, new BrownAlmostLinear(10), 10, 5.0009355e-15, 13, 8, 2),
            I(16, new BrownAlmostLinear(10), 100, 5.3290705e-15, 22, 20, 2),
            I(16, new BrownAlmostLinear(30), 1, 1.4827859e-13, 19, 14, 2),
            I(16, new BrownAlmostLinear(40), 1, 2.0245354e-13, 19, 14, 2),
            I(17, new OsborneOne(), 1, 7.3924926e-03, 18, 15, 1),
            I(18, new OsborneTwo(), 1, 2.0034404e-01, 16, 12, 1),
        ];
    }
}
