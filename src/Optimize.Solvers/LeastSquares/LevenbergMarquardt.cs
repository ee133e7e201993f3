using System.Diagnostics;
using System.Globalization;
using Optimize.Oracles;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// Levenberg–Marquardt for min ½‖r(x)‖², r: ℝⁿ → ℝᵐ with its Jacobian from any source, as MINPACK's <c>lmder</c>
/// implements it (Moré, "The Levenberg–Marquardt algorithm: implementation and theory", Numerical Analysis,
/// Lecture Notes in Mathematics 630, Springer 1978; Moré, Garbow &amp; Hillstrom, User Guide for MINPACK-1,
/// ANL-80-74, 1980): a trust region ‖D·p‖ ≤ Δ with D the running maximum of J's column norms, the step from a
/// QR factorization of J with column pivoting (<c>qrfac</c>) and the Levenberg–Marquardt parameter from Moré's
/// safeguarded Newton iteration (<c>lmpar</c>, <c>qrsolv</c>), Δ updated from the ratio of actual to predicted
/// reduction, and MINPACK's ftol/xtol/gtol tests. It follows the published algorithm step for step, so its
/// evaluation counts can be compared with MINPACK's test output.
/// </summary>
/// <remarks>
/// <para>
/// Verdicts: MINPACK's <c>info</c> codes map to <see cref="TerminationReason"/> (1 → FunctionChangeTolerance,
/// 2 → StepTolerance, 3 → FunctionChangeTolerance with both tests in the message, 4 → GradientTolerance,
/// 5 → EvaluationLimit, 6, 7, 8 (a tolerance too small to be met in floating point) → NoProgress); the code itself
/// is in the result's diagnostics as <c>minpack info</c>. Non-finite residuals at a trial point count as an
/// infinitely bad step (the radius shrinks tenfold); non-finite residuals at x₀ or a non-finite Jacobian stop
/// with <see cref="TerminationReason.NonFiniteValue"/>, as does a radius that collapsed while every trial was
/// non-finite.
/// </para>
/// <para>
/// m &lt; n is handled: the residual vector is padded with n − m zero residuals (zero rows of J), which changes
/// neither the sum of squares nor its gradient, so the method runs on the square problem (MINPACK requires m ≥ n).
/// One instance may run on several threads at once; each solve allocates its own work arrays.
/// </para>
/// </remarks>
public sealed class LevenbergMarquardt
{
    /// <summary>The method's name in results and in <c>LeastSquaresMethods</c>.</summary>
    public const string MethodName = "levenberg-marquardt";

    /// <summary>Creates the solver.</summary>
    /// <param name="options">The options; the defaults of <see cref="LevenbergMarquardtOptions"/> when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public LevenbergMarquardt(LevenbergMarquardtOptions? options = null)
    {
        Options = options ?? new LevenbergMarquardtOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public LevenbergMarquardtOptions Options { get; }

    /// <summary>
    /// Minimizes ½‖r(x)‖² from <paramref name="initialPoint"/>. Never throws on numerical trouble or
    /// non-convergence: the result's <see cref="LeastSquaresResult.Reason"/> says why it stopped.
    /// </summary>
    /// <param name="residuals">r and its Jacobian (hand-coded, finite differences, AD, residual blocks …).</param>
    /// <param name="initialPoint">x₀, finite, of length n = <see cref="IVectorFunction.Dimension"/>.</param>
    /// <param name="cancellationToken">Stops the run, checked before every trial step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="residuals"/> is null.</exception>
    /// <exception cref="ArgumentException">x₀ has the wrong length or a non-finite entry, or the function has no outputs.</exception>
    public LeastSquaresResult Solve(IVectorFunction residuals, ReadOnlySpan<double> initialPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        Guard.Positive(residuals.OutputDimension, "residuals.OutputDimension");
        Guard.Length(initialPoint.Length, residuals.Dimension, nameof(initialPoint));
        Guard.Finite(initialPoint, nameof(initialPoint));
        EvaluationFailure.Clear();
        var clock = Stopwatch.StartNew();
        var run = new Run(this, residuals, initialPoint);
        var reason = run.Execute(cancellationToken);
        clock.Stop();
        string? failure = EvaluationFailure.Take();
        var diagnostics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["minpack info"] = run.Info,
            ["levenberg-marquardt parameter"] = run.Par,
            ["trust-region radius"] = run.Delta,
        };
        return new LeastSquaresResult(MethodName, initialPoint.ToArray(), run.X, run.Residuals, run.InitialCost, run.Cost,
            run.Optimality, [], run.Evaluator.Evaluations, run.Evaluator.JacobianEvaluations, run.Iterations, clock.Elapsed,
            reason, run.Describe(reason, failure))
        {
            Diagnostics = diagnostics,
        };
    }

    /// <summary>The state of one solve: MINPACK's variables under their published names where that helps reading.</summary>
    private sealed class Run
    {
        private readonly LevenbergMarquardtOptions options;
        private readonly int n, m;
        private readonly double[] x, fvec, fjac, diag, qtf, wa1, wa2, wa3, wa4;
        private readonly int[] ipvt;
        private readonly int maxfev;
        private double fnorm, xnorm, gnorm;
        private string? nonFinite;

        public Run(LevenbergMarquardt owner, IVectorFunction residuals, ReadOnlySpan<double> initialPoint)
        {
            options = owner.Options;
            n = residuals.Dimension;
            m = Math.Max(residuals.OutputDimension, n);
            Evaluator = new ResidualEvaluator(residuals, m);
            maxfev = options.MaximumEvaluations > 0 ? options.MaximumEvaluations : 100 * (n + 1);
            x = initialPoint.ToArray();
            fvec = new double[m];
            fjac = new double[m * n];
            diag = new double[n];
            qtf = new double[n];
            wa1 = new double[n];
            wa2 = new double[n];
            wa3 = new double[n];
            wa4 = new double[m];
            ipvt = new int[n];
        }

        public ResidualEvaluator Evaluator { get; }
        public int Info { get; private set; }
        public double Par { get; private set; }
        public double Delta { get; private set; }
        public int Iterations { get; private set; }
        public double InitialCost { get; private set; } = double.NaN;
        public double Optimality { get; private set; } = double.NaN;
        public double[] X => (double[])x.Clone();
        public double[] Residuals => fvec[..Evaluator.ResidualCount];
        public double Cost => 0.5 * fnorm * fnorm;

        public TerminationReason Execute(CancellationToken cancellationToken)
        {
            double epsmch = Minpack.MachineEpsilon;
            if (!Evaluator.Evaluate(x, fvec))
            {
                fnorm = Minpack.Enorm(fvec);
                nonFinite = "the residuals were not finite at x₀";
                return TerminationReason.NonFiniteValue;
            }
            fnorm = Minpack.Enorm(fvec);
            InitialCost = Cost;
            double par = 0, delta = 0;
            bool lastTrialFinite = true;
            try
            {
                while (true)
                {
                    if (!Evaluator.Jacobian(x, fjac))
                    {
                        nonFinite = "the Jacobian was not finite at the current point";
                        return TerminationReason.NonFiniteValue;
                    }
                    Optimality = GradientInfinityNorm();
                    Minpack.QrFactor(m, n, fjac, m, ipvt, wa1, wa2, wa3);

                    if (Iterations == 0)
                    {
                        for (int j = 0; j < n; j++)
                            diag[j] = !options.ScaleVariables ? 1 : wa2[j] == 0 ? 1 : wa2[j];
                        for (int j = 0; j < n; j++) wa3[j] = diag[j] * x[j];
                        xnorm = Minpack.Enorm(wa3);
                        delta = options.InitialStepBound * xnorm;
                        if (delta == 0) delta = options.InitialStepBound;
                    }

                    // Qᵀr: its first n components in qtf; R's diagonal back into fjac.
                    Array.Copy(fvec, wa4, m);
                    for (int j = 0; j < n; j++)
                    {
                        double ajj = fjac[j + j * m];
                        if (ajj != 0)
                        {
                            double sum = 0;
                            for (int i = j; i < m; i++) sum += fjac[i + j * m] * wa4[i];
                            double temp = -sum / ajj;
                            for (int i = j; i < m; i++) wa4[i] += fjac[i + j * m] * temp;
                        }
                        fjac[j + j * m] = wa1[j];
                        qtf[j] = wa4[j];
                    }

                    // The scaled gradient: the largest cosine between r and a column of J.
                    gnorm = 0;
                    if (fnorm != 0)
                        for (int j = 0; j < n; j++)
                        {
                            int l = ipvt[j];
                            if (wa2[l] == 0) continue;
                            double sum = 0;
                            for (int i = 0; i <= j; i++) sum += fjac[i + j * m] * (qtf[i] / fnorm);
                            gnorm = Math.Max(gnorm, Math.Abs(sum / wa2[l]));
                        }
                    if (gnorm <= options.GradientTolerance) return Stop(4);

                    if (options.ScaleVariables)
                        for (int j = 0; j < n; j++) diag[j] = Math.Max(diag[j], wa2[j]);

                    double ratio;
                    do
                    {
                        if (cancellationToken.IsCancellationRequested) return TerminationReason.Cancelled;
                        Minpack.LmParameter(n, fjac, m, ipvt, diag, qtf, delta, ref par, wa1, wa2, wa3, wa4);
                        Par = par;
                        for (int j = 0; j < n; j++)
                        {
                            wa1[j] = -wa1[j];
                            wa2[j] = x[j] + wa1[j];
                            wa3[j] = diag[j] * wa1[j];
                        }
                        double pnorm = Minpack.Enorm(wa3);
                        if (Iterations == 0) delta = Math.Min(delta, pnorm);

                        lastTrialFinite = Evaluator.Evaluate(wa2, wa4);
                        // A non-finite trial counts as an infinitely bad step.
                        double fnorm1 = lastTrialFinite ? Minpack.Enorm(wa4) : double.PositiveInfinity;

                        double actred = -1;
                        if (0.1 * fnorm1 < fnorm)
                        {
                            double q = fnorm1 / fnorm;
                            actred = 1 - q * q;
                        }

                        // Predicted reduction ‖J·p‖²/‖r‖² + 2λ‖Dp‖²/‖r‖² and the directional derivative.
                        for (int j = 0; j < n; j++)
                        {
                            wa3[j] = 0;
                            double temp = wa1[ipvt[j]];
                            for (int i = 0; i <= j; i++) wa3[i] += fjac[i + j * m] * temp;
                        }
                        double temp1 = Minpack.Enorm(wa3) / fnorm;
                        double temp2 = Math.Sqrt(par) * pnorm / fnorm;
                        double prered = temp1 * temp1 + temp2 * temp2 / 0.5;
                        double dirder = -(temp1 * temp1 + temp2 * temp2);
                        ratio = prered != 0 ? actred / prered : 0;

                        if (ratio <= 0.25)
                        {
                            double temp = actred >= 0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred);
                            if (0.1 * fnorm1 >= fnorm || temp < 0.1) temp = 0.1;
                            delta = temp * Math.Min(delta, pnorm / 0.1);
                            par /= temp;
                        }
                        else if (par == 0 || ratio >= 0.75)
                        {
                            delta = pnorm / 0.5;
                            par *= 0.5;
                        }
                        Delta = delta;
                        Par = par;

                        if (ratio >= 1e-4)
                        {
                            Array.Copy(wa2, x, n);
                            for (int j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
                            Array.Copy(wa4, fvec, m);
                            xnorm = Minpack.Enorm(wa2);
                            fnorm = fnorm1;
                            Iterations++;
                        }

                        bool ftolMet = Math.Abs(actred) <= options.FunctionTolerance && prered <= options.FunctionTolerance && 0.5 * ratio <= 1;
                        bool xtolMet = delta <= options.StepTolerance * xnorm;
                        if (ftolMet && xtolMet) return Stop(3, lastTrialFinite);
                        if (ftolMet) return Stop(1);
                        if (xtolMet) return Stop(2, lastTrialFinite);

                        // MINPACK tests these in this order and the last one met sets info.
                        int info = 0;
                        if (Evaluator.Evaluations >= maxfev) info = 5;
                        if (Math.Abs(actred) <= epsmch && prered <= epsmch && 0.5 * ratio <= 1) info = 6;
                        if (delta <= epsmch * xnorm) info = 7;
                        if (gnorm <= epsmch) info = 8;
                        if (info != 0) return Stop(info, lastTrialFinite || info == 5);
                    }
                    while (ratio < 1e-4);
                }
            }
            finally
            {
                Delta = delta;
            }
        }

        /// <summary>Maps MINPACK's info code to a verdict; a step test met only because every trial was non-finite is not convergence.</summary>
        private TerminationReason Stop(int info, bool lastTrialFinite = true)
        {
            Info = info;
            if (!lastTrialFinite)
            {
                nonFinite = "the residuals were not finite at every trial point near x, and the trust region collapsed";
                return TerminationReason.NonFiniteValue;
            }
            return info switch
            {
                1 or 3 => TerminationReason.FunctionChangeTolerance,
                2 => TerminationReason.StepTolerance,
                4 => TerminationReason.GradientTolerance,
                5 => TerminationReason.EvaluationLimit,
                _ => TerminationReason.NoProgress,
            };
        }

        /// <summary>‖Jᵀr‖∞ from the Jacobian just evaluated (before the QR factorization overwrites it).</summary>
        private double GradientInfinityNorm()
        {
            double norm = 0;
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int i = 0; i < m; i++) sum += fjac[i + j * m] * fvec[i];
                norm = Math.Max(norm, Math.Abs(sum));
            }
            return norm;
        }

        public string Describe(TerminationReason reason, string? failure)
        {
            var c = CultureInfo.InvariantCulture;
            string why = reason switch
            {
                TerminationReason.NonFiniteValue => "not converged: " + (failure is null ? nonFinite : $"{nonFinite} ({failure})"),
                TerminationReason.Cancelled => "not converged: cancelled",
                _ => Info switch
                {
                    1 => string.Create(c, $"converged: the actual and predicted relative reductions of the sum of squares are at most ftol = {options.FunctionTolerance:E2}"),
                    2 => string.Create(c, $"converged: the relative change of x is at most xtol = {options.StepTolerance:E2} (Δ = {Delta:E2} ≤ xtol·‖Dx‖)"),
                    3 => string.Create(c, $"converged: the relative reductions of the sum of squares are at most ftol = {options.FunctionTolerance:E2} and the relative change of x at most xtol = {options.StepTolerance:E2}"),
                    4 => string.Create(c, $"converged: the cosine between r and every column of J is at most gtol = {options.GradientTolerance:E2} (largest {gnorm:E2})"),
                    5 => string.Create(c, $"not converged: the evaluation limit {maxfev} was reached"),
                    6 => string.Create(c, $"no progress: ftol = {options.FunctionTolerance:E2} is too small; no further reduction of the sum of squares is possible"),
                    7 => string.Create(c, $"no progress: xtol = {options.StepTolerance:E2} is too small; no further improvement of x is possible"),
                    _ => string.Create(c, $"no progress: gtol = {options.GradientTolerance:E2} is too small; r is orthogonal to the columns of J to machine precision"),
                },
            };
            return string.Create(c,
                $"{why}; after {Iterations} iterations at ‖r‖₂ = {fnorm:G10}, {Evaluator.Evaluations} residual and {Evaluator.JacobianEvaluations} Jacobian evaluations");
        }
    }
}
