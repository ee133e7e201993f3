using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Constraints;
using Optimize.Oracles;
using Optimize.Solvers.LinearAlgebra;
using static Optimize.Solvers.LeastSquares.TrustRegionSubproblems;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// The trust-region reflective method for bounded nonlinear least squares, min ½Σᵢ ρ(rᵢ(x)²) subject to l ≤ x ≤ u
/// (Branch, Coleman &amp; Li, "A subspace, interior, and conjugate gradient method for large-scale bound-constrained
/// minimization problems", SIAM J. Sci. Comput. 21(1), 1999; Coleman &amp; Li 1996), as scipy's
/// <c>least_squares(method='trf')</c> implements it: the Coleman–Li scaling v turns the bounded problem into an
/// unconstrained trust-region problem in the variables x̂ = D⁻¹x with D = diag(√v); the step is the exact
/// trust-region solution (SVD) or, for large sparse J, a two-dimensional subspace solution spanned by the gradient
/// and an LSQR Gauss–Newton step; a step that leaves the box is reflected at the first bound it meets, and the best
/// of the step truncated to the box, the reflected step and the scaled gradient step is taken, kept strictly
/// inside the bounds. Robust losses rescale r and J (<see cref="RobustLoss"/>).
/// </summary>
/// <remarks>
/// Verdicts as scipy's status: 1 → GradientTolerance, 2 → FunctionChangeTolerance, 3 → StepTolerance, 4 (2 and 3) →
/// FunctionChangeTolerance, 0 → EvaluationLimit. Non-finite residuals at a trial point shrink the trust region to a
/// quarter of the step; at x₀, or a non-finite Jacobian, stop with <see cref="TerminationReason.NonFiniteValue"/>.
/// A start outside the bounds is projected into them (and moved strictly inside, as scipy does), and the result's
/// message says so. Each solve allocates its own state; one instance may run on several threads at once.
/// </remarks>
public sealed class TrustRegionReflective
{
    /// <summary>The method's name in results and in <c>LeastSquaresMethods</c>.</summary>
    public const string MethodName = "trust-region-reflective";

    /// <summary>Creates the solver.</summary>
    /// <param name="options">The options; the defaults of <see cref="TrustRegionReflectiveOptions"/> when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public TrustRegionReflective(TrustRegionReflectiveOptions? options = null)
    {
        Options = options ?? new TrustRegionReflectiveOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public TrustRegionReflectiveOptions Options { get; }

    /// <summary>
    /// Minimizes ½Σρ(rᵢ²) from <paramref name="initialPoint"/> within <paramref name="bounds"/>. Never throws on
    /// numerical trouble or non-convergence: the result's <see cref="LeastSquaresResult.Reason"/> says why it stopped.
    /// </summary>
    /// <param name="residuals">r and its Jacobian (dense), or its JVPs when <see cref="TrustRegionReflectiveOptions.Sparsity"/> is set.</param>
    /// <param name="initialPoint">x₀, finite, of length n.</param>
    /// <param name="bounds">Bounds on x with lᵢ &lt; uᵢ, or null for none.</param>
    /// <param name="cancellationToken">Stops the run, checked before every trial step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="residuals"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// x₀ has the wrong length or a non-finite entry; the bounds have another dimension or fix a variable (lᵢ = uᵢ);
    /// the sparsity pattern has another shape than J.
    /// </exception>
    public LeastSquaresResult Solve(IVectorFunction residuals, ReadOnlySpan<double> initialPoint, Bounds? bounds = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        Guard.Positive(residuals.OutputDimension, "residuals.OutputDimension");
        Guard.Length(initialPoint.Length, residuals.Dimension, nameof(initialPoint));
        Guard.Finite(initialPoint, nameof(initialPoint));
        if (bounds is not null)
        {
            bounds.CheckDimension(residuals.Dimension, nameof(bounds));
            for (int i = 0; i < bounds.Dimension; i++)
                if (bounds.Lower[i] == bounds.Upper[i])
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"bounds fix variable {i} (lower = upper = {bounds.Lower[i]}); expected lower < upper (remove fixed variables from the problem)."),
                        nameof(bounds));
        }
        if (Options.Sparsity is { } pattern && (pattern.Rows != residuals.OutputDimension || pattern.Columns != residuals.Dimension))
            throw new ArgumentException(
                $"Options.Sparsity is {pattern.Rows}×{pattern.Columns}; expected the Jacobian's shape {residuals.OutputDimension}×{residuals.Dimension}.",
                nameof(residuals));
        EvaluationFailure.Clear();
        var clock = Stopwatch.StartNew();
        var run = new Run(Options, residuals, initialPoint, bounds);
        var reason = run.Execute(cancellationToken);
        clock.Stop();
        string? failure = EvaluationFailure.Take();
        return new LeastSquaresResult(MethodName, initialPoint.ToArray(), (double[])run.X.Clone(), run.TrueResiduals, run.InitialCost,
            run.Cost, run.Optimality, run.ActiveBounds(), run.Evaluator.Evaluations, run.Evaluator.JacobianEvaluations, run.Iterations,
            clock.Elapsed, reason, run.Describe(reason, failure))
        {
            Diagnostics = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["scipy status"] = run.Status ?? 0,
                ["trust-region radius"] = run.Delta,
                ["projected start entries"] = run.ProjectedEntries,
            },
        };
    }

    /// <summary>One solve; scipy's <c>trf_bounds</c> under its variable names where that helps reading.</summary>
    private sealed class Run
    {
        private readonly TrustRegionReflectiveOptions options;
        private readonly int n, m, maxNfev;
        private readonly double[] lower, upper, f, fNew, rowScale, g, v, dv, d, diagH, gH, scale, scaleInv, pH, p, step, stepH, xNew, rows, rows2;
        private readonly JacobianStorage jacobian;
        private readonly ScaledOperator jH;
        private string? nonFinite;

        public Run(TrustRegionReflectiveOptions options, IVectorFunction residuals, ReadOnlySpan<double> initialPoint, Bounds? bounds)
        {
            this.options = options;
            n = residuals.Dimension;
            m = residuals.OutputDimension;
            maxNfev = options.MaximumEvaluations > 0 ? options.MaximumEvaluations : 100 * n;
            Evaluator = new ResidualEvaluator(residuals, m);
            jacobian = JacobianStorage.Create(Evaluator, options.Sparsity);
            lower = bounds is null ? Enumerable.Repeat(double.NegativeInfinity, n).ToArray() : bounds.Lower.ToArray();
            upper = bounds is null ? Enumerable.Repeat(double.PositiveInfinity, n).ToArray() : bounds.Upper.ToArray();
            X = initialPoint.ToArray();
            if (bounds is not null) ProjectedEntries = bounds.Project(X);
            MakeStrictlyFeasible(X, lower, upper, 1e-10);
            f = new double[m];
            fNew = new double[m];
            TrueResiduals = new double[m];
            rowScale = new double[m];
            rows = new double[m];
            rows2 = new double[m];
            g = new double[n];
            v = new double[n];
            dv = new double[n];
            d = new double[n];
            diagH = new double[n];
            gH = new double[n];
            scale = new double[n];
            scaleInv = new double[n];
            pH = new double[n];
            p = new double[n];
            step = new double[n];
            stepH = new double[n];
            xNew = new double[n];
            jH = new ScaledOperator(jacobian, d);
        }

        public ResidualEvaluator Evaluator { get; }
        public double[] X { get; }
        public double[] TrueResiduals { get; }
        public int ProjectedEntries { get; }
        public int Iterations { get; private set; }
        public int? Status { get; private set; }
        public double Delta { get; private set; }
        public double Cost { get; private set; } = double.NaN;
        public double InitialCost { get; private set; } = double.NaN;
        public double Optimality { get; private set; } = double.NaN;

        public int[] ActiveBounds()
        {
            var active = new List<int>();
            for (int i = 0; i < n; i++)
                if (ActiveBound(X[i], lower[i], upper[i], options.StepTolerance) != 0) active.Add(i);
            return [.. active];
        }

        public TerminationReason Execute(CancellationToken cancellationToken)
        {
            var loss = options.Loss;
            if (!Evaluator.Evaluate(X, f))
            {
                f.CopyTo(TrueResiduals, 0);
                nonFinite = "the residuals were not finite at x₀";
                return TerminationReason.NonFiniteValue;
            }
            f.CopyTo(TrueResiduals, 0);
            Cost = InitialCost = loss.Cost(f);
            if (!EvaluateJacobian()) return TerminationReason.NonFiniteValue;
            if (options.ScaleByJacobian)
            {
                jacobian.ColumnNorms(scaleInv);
                for (int j = 0; j < n; j++) if (scaleInv[j] == 0) scaleInv[j] = 1;
            }
            else Array.Fill(scaleInv, 1.0);
            for (int j = 0; j < n; j++) scale[j] = 1 / scaleInv[j];

            ScaledColemanLi();
            double delta = 0;
            for (int j = 0; j < n; j++)
            {
                double t = X[j] * scaleInv[j] / Math.Sqrt(v[j]);
                delta += t * t;
            }
            delta = Math.Sqrt(delta);
            if (delta == 0 || !double.IsFinite(delta)) delta = 1;
            Delta = delta;

            double alpha = 0;
            bool exact = options.EffectiveSolver == TrustRegionLinearSolver.Exact;
            while (true)
            {
                ScaledColemanLi();
                double gNorm = 0;
                for (int j = 0; j < n; j++) gNorm = Math.Max(gNorm, Math.Abs(g[j] * v[j]));
                Optimality = gNorm;
                if (gNorm < options.GradientTolerance) Status = 1;
                if (Status is not null || Evaluator.Evaluations >= maxNfev) break;

                for (int j = 0; j < n; j++)
                {
                    d[j] = Math.Sqrt(v[j]) * scale[j];
                    diagH[j] = g[j] * dv[j] * scale[j];
                    gH[j] = d[j] * g[j];
                }
                ExactSubproblem? exactProblem = exact ? ExactSubproblem.Create(jacobian.Dense, d, diagH, gH) : null;
                SubspaceSubproblem? subspace = exact ? null : SubspaceSubproblem.Create(this, delta);
                double theta = Math.Max(0.995, 1 - gNorm);
                double actualReduction = -1, costNew = Cost;
                while (actualReduction <= 0 && Evaluator.Evaluations < maxNfev)
                {
                    if (cancellationToken.IsCancellationRequested) return TerminationReason.Cancelled;
                    if (exactProblem is not null) SolveLeastSquares(n, m, exactProblem.Suf, exactProblem.S, exactProblem.V, delta, ref alpha, pH);
                    else subspace!.Solve(delta, pH);
                    for (int j = 0; j < n; j++) p[j] = d[j] * pH[j];
                    double predicted = SelectStep(delta, theta);
                    for (int j = 0; j < n; j++) xNew[j] = X[j] + step[j];
                    MakeStrictlyFeasible(xNew, lower, upper, 0);
                    bool finite = Evaluator.Evaluate(xNew, fNew);
                    double stepHNorm = Norm(stepH);
                    if (!finite)
                    {
                        delta = 0.25 * stepHNorm;
                        Delta = delta;
                        nonFinite = "the residuals were not finite at every trial point";
                        continue;
                    }
                    nonFinite = null;
                    costNew = loss.Cost(fNew);
                    actualReduction = Cost - costNew;
                    var (deltaNew, ratio) = UpdateRadius(delta, actualReduction, predicted, stepHNorm, stepHNorm > 0.95 * delta);
                    double stepNorm = Norm(step);
                    Status = CheckTermination(actualReduction, Cost, stepNorm, Norm(X), ratio);
                    if (Status is not null) break;
                    alpha *= delta / deltaNew;
                    delta = deltaNew;
                    Delta = delta;
                }
                if (actualReduction > 0)
                {
                    xNew.CopyTo(X, 0);
                    fNew.CopyTo(f, 0);
                    fNew.CopyTo(TrueResiduals, 0);
                    Cost = costNew;
                    Iterations++;
                    if (!EvaluateJacobian()) return TerminationReason.NonFiniteValue;
                    if (options.ScaleByJacobian)
                    {
                        jacobian.ColumnNorms(scale);
                        for (int j = 0; j < n; j++)
                        {
                            scaleInv[j] = Math.Max(scaleInv[j], scale[j]);
                            scale[j] = 1 / scaleInv[j];
                        }
                    }
                }
                else if (nonFinite is not null && Evaluator.Evaluations >= maxNfev)
                {
                    return TerminationReason.NonFiniteValue;
                }
            }
            return Status switch
            {
                1 => TerminationReason.GradientTolerance,
                2 or 4 => TerminationReason.FunctionChangeTolerance,
                3 => TerminationReason.StepTolerance,
                _ => TerminationReason.EvaluationLimit,
            };
        }

        /// <summary>J at x (with the robust-loss rescaling of J and f) and g = Jᵀf; false when J is not finite.</summary>
        private bool EvaluateJacobian()
        {
            if (!jacobian.Evaluate(X))
            {
                nonFinite = "the Jacobian was not finite at the current point";
                return false;
            }
            if (!options.Loss.IsLinear)
            {
                options.Loss.ScaleResiduals(f, rowScale);
                jacobian.ScaleRows(rowScale);
            }
            jacobian.MultiplyTranspose(f, g);
            return true;
        }

        /// <summary>Coleman–Li v, dv at x, with v scaled by x_scale where a bound is active in the scaling.</summary>
        private void ScaledColemanLi()
        {
            ColemanLiScaling(X, g, lower, upper, v, dv);
            for (int j = 0; j < n; j++) if (dv[j] != 0) v[j] *= scaleInv[j];
        }

        /// <summary>scipy's <c>select_step</c>: the best of the truncated, reflected and scaled-gradient steps; returns the predicted reduction.</summary>
        private double SelectStep(double delta, double theta)
        {
            bool inside = true;
            for (int j = 0; j < n; j++)
            {
                double t = X[j] + p[j];
                if (!(t >= lower[j] && t <= upper[j])) { inside = false; break; }
            }
            if (inside)
            {
                p.CopyTo(step, 0);
                pH.CopyTo(stepH, 0);
                return -EvaluateQuadratic(jH, gH, pH, diagH, rows);
            }
            var hits = new int[n];
            double pStride = StepToBound(X, p, lower, upper, hits);
            var rH = (double[])pH.Clone();
            for (int j = 0; j < n; j++) if (hits[j] != 0) rH[j] = -rH[j];
            var r = new double[n];
            for (int j = 0; j < n; j++) r[j] = d[j] * rH[j];
            for (int j = 0; j < n; j++)
            {
                p[j] *= pStride;
                pH[j] *= pStride;
            }
            var xOnBound = new double[n];
            for (int j = 0; j < n; j++) xOnBound[j] = X[j] + p[j];
            double toTr = IntersectTrustRegion(pH, rH, delta).Positive;
            double toBound = StepToBound(xOnBound, r, lower, upper, null);
            double rStride = Math.Min(toBound, toTr), rLower, rUpper;
            if (rStride > 0)
            {
                rLower = (1 - theta) * pStride / rStride;
                rUpper = rStride == toBound ? theta * toBound : toTr;
            }
            else
            {
                rLower = 0;
                rUpper = -1;
            }
            double rValue = double.PositiveInfinity;
            if (rLower <= rUpper)
            {
                var (a, b, c) = Quadratic1D(jH, gH, rH, diagH, pH, rows, rows2);
                (rStride, rValue) = MinimizeQuadratic1D(a, b, rLower, rUpper, c);
                for (int j = 0; j < n; j++)
                {
                    rH[j] = rH[j] * rStride + pH[j];
                    r[j] = rH[j] * d[j];
                }
            }
            for (int j = 0; j < n; j++)
            {
                p[j] *= theta;
                pH[j] *= theta;
            }
            double pValue = EvaluateQuadratic(jH, gH, pH, diagH, rows);
            var agH = new double[n];
            var ag = new double[n];
            for (int j = 0; j < n; j++)
            {
                agH[j] = -gH[j];
                ag[j] = d[j] * agH[j];
            }
            double toTrGradient = delta / Norm(agH);
            double toBoundGradient = StepToBound(X, ag, lower, upper, null);
            double agStride = toBoundGradient < toTrGradient ? theta * toBoundGradient : toTrGradient;
            var (qa, qb, _) = Quadratic1D(jH, gH, agH, diagH, null, rows, rows2);
            (agStride, double agValue) = MinimizeQuadratic1D(qa, qb, 0, agStride);
            for (int j = 0; j < n; j++)
            {
                agH[j] *= agStride;
                ag[j] *= agStride;
            }
            if (pValue < rValue && pValue < agValue)
            {
                p.CopyTo(step, 0);
                pH.CopyTo(stepH, 0);
                return -pValue;
            }
            if (rValue < pValue && rValue < agValue)
            {
                r.CopyTo(step, 0);
                rH.CopyTo(stepH, 0);
                return -rValue;
            }
            ag.CopyTo(step, 0);
            agH.CopyTo(stepH, 0);
            return -agValue;
        }

        /// <summary>scipy's <c>update_tr_radius</c>.</summary>
        private static (double Delta, double Ratio) UpdateRadius(double delta, double actual, double predicted, double stepNorm, bool boundHit)
        {
            double ratio = predicted > 0 ? actual / predicted : predicted == actual ? 1 : 0;
            if (ratio < 0.25) delta = 0.25 * stepNorm;
            else if (ratio > 0.75 && boundHit) delta *= 2;
            return (delta, ratio);
        }

        /// <summary>scipy's <c>check_termination</c>: 2 ftol, 3 xtol, 4 both, null neither.</summary>
        private int? CheckTermination(double dF, double cost, double stepNorm, double xNorm, double ratio)
        {
            bool ftol = dF < options.FunctionTolerance * cost && ratio > 0.25;
            bool xtol = stepNorm < options.StepTolerance * (options.StepTolerance + xNorm);
            return ftol && xtol ? 4 : ftol ? 2 : xtol ? 3 : null;
        }

        public string Describe(TerminationReason reason, string? failure)
        {
            var c = CultureInfo.InvariantCulture;
            string why = reason switch
            {
                TerminationReason.NonFiniteValue => "not converged: " + (failure is null ? nonFinite : $"{nonFinite} ({failure})"),
                TerminationReason.Cancelled => "not converged: cancelled",
                TerminationReason.GradientTolerance => string.Create(c, $"converged: first-order optimality ‖v∘g‖∞ = {Optimality:E2} < gtol = {options.GradientTolerance:E2}"),
                TerminationReason.StepTolerance => string.Create(c, $"converged: ‖dx‖ < xtol·(xtol + ‖x‖) with xtol = {options.StepTolerance:E2}"),
                TerminationReason.FunctionChangeTolerance when Status == 4 => string.Create(c,
                    $"converged: the cost fell by less than ftol·cost with ftol = {options.FunctionTolerance:E2}, and ‖dx‖ < xtol·(xtol + ‖x‖) with xtol = {options.StepTolerance:E2}"),
                TerminationReason.FunctionChangeTolerance => string.Create(c, $"converged: the cost fell by less than ftol·cost with ftol = {options.FunctionTolerance:E2}"),
                _ => string.Create(c, $"not converged: the evaluation limit {maxNfev} was reached"),
            };
            string projected = ProjectedEntries > 0 ? string.Create(c, $"; x₀ was outside the bounds and was projected into them ({ProjectedEntries} entries moved)") : "";
            return string.Create(c,
                $"{why}; after {Iterations} iterations at cost = {Cost:G10}, {Evaluator.Evaluations} residual and {Evaluator.JacobianEvaluations} Jacobian evaluations{projected}");
        }

        /// <summary>The exact subproblem's factors: singular values s and right singular vectors V of [J·D; diag(√diag_h)], and suf = Vᵀĝ.</summary>
        private sealed class ExactSubproblem
        {
            private ExactSubproblem(double[] s, Matrix<double> v, double[] suf)
            {
                S = s;
                V = v;
                Suf = suf;
            }

            public double[] S { get; }
            public Matrix<double> V { get; }
            public double[] Suf { get; }

            public static ExactSubproblem Create(Matrix<double> j, double[] d, double[] diagH, double[] gH)
            {
                int m = j.RowCount, n = j.ColumnCount;
                var augmented = Matrix<double>.Build.Dense(m + n, n);
                for (int c = 0; c < n; c++)
                {
                    for (int i = 0; i < m; i++) augmented[i, c] = j[i, c] * d[c];
                    augmented[m + c, c] = Math.Sqrt(diagH[c]);
                }
                // The singular values and right vectors of the augmented matrix are those of its thin QR factor R.
                var r = augmented.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R;
                var svd = r.Svd(true);
                var v = svd.VT.Transpose();
                var suf = new double[n];
                for (int k = 0; k < n; k++)
                {
                    double sum = 0;
                    for (int i = 0; i < n; i++) sum += v[i, k] * gH[i];
                    suf[k] = sum;
                }
                return new ExactSubproblem(svd.S.ToArray(), v, suf);
            }
        }

        /// <summary>
        /// The LSQR path: a Gauss–Newton step of the (regularized) augmented problem, and the subspace S spanned by it
        /// and ĝ, in which the trust-region subproblem is two-dimensional.
        /// </summary>
        private sealed class SubspaceSubproblem
        {
            private readonly double[][] basis;
            private readonly double[,] b;
            private readonly double[] gS;

            private SubspaceSubproblem(double[][] basis, double[,] b, double[] gS)
            {
                this.basis = basis;
                this.b = b;
                this.gS = gS;
            }

            public static SubspaceSubproblem Create(Run run, double delta)
            {
                int n = run.n, m = run.m;
                double regularization = 0;
                if (run.options.Regularize)
                {
                    var minusG = run.gH.Select(value => -value).ToArray();
                    var (a, bq, _) = Quadratic1D(run.jH, run.gH, minusG, run.diagH, null, run.rows, run.rows2);
                    double toTr = delta / Norm(run.gH);
                    double value = MinimizeQuadratic1D(a, bq, 0, toTr).Value;
                    regularization = -value / (delta * delta);
                }
                var diagonal = new double[n];
                for (int j = 0; j < n; j++) diagonal[j] = Math.Sqrt(run.diagH[j] + regularization);
                var augmented = new AugmentedOperator(run.jH, diagonal);
                var rhs = new double[m + n];
                run.f.CopyTo(rhs, 0);
                var gaussNewton = new double[n];
                int limit = run.options.LsqrMaximumIterations > 0 ? run.options.LsqrMaximumIterations : Math.Min(m, n);
                Lsqr.Solve(augmented, rhs, gaussNewton, 0, run.options.LsqrTolerance, run.options.LsqrTolerance, 1e8, limit);

                // An orthonormal basis of span{ĝ, Gauss–Newton step} by Gram–Schmidt (one vector when they are parallel).
                var vectors = new List<double[]>();
                foreach (var candidate in new[] { (double[])run.gH.Clone(), gaussNewton })
                {
                    double original = Norm(candidate);
                    foreach (var q in vectors)
                    {
                        double projection = Dot(q, candidate);
                        for (int j = 0; j < n; j++) candidate[j] -= projection * q[j];
                    }
                    double norm = Norm(candidate);
                    if (norm > 1e-12 * original && norm > 0)
                    {
                        for (int j = 0; j < n; j++) candidate[j] /= norm;
                        vectors.Add(candidate);
                    }
                }
                int k = vectors.Count;
                var js = new double[k][];
                for (int i = 0; i < k; i++)
                {
                    js[i] = new double[m];
                    run.jH.Multiply(vectors[i], js[i]);
                }
                var bMatrix = new double[k, k];
                var gS = new double[k];
                for (int i = 0; i < k; i++)
                {
                    gS[i] = Dot(vectors[i], run.gH);
                    for (int l = 0; l < k; l++)
                    {
                        double sum = Dot(js[i], js[l]);
                        for (int j = 0; j < n; j++) sum += vectors[i][j] * run.diagH[j] * vectors[l][j];
                        bMatrix[i, l] = sum;
                    }
                }
                return new SubspaceSubproblem([.. vectors], bMatrix, gS);
            }

            public void Solve(double delta, double[] pH)
            {
                Array.Clear(pH);
                if (basis.Length == 0) return;
                var pS = SolveSmall(b, gS, delta);
                for (int i = 0; i < basis.Length; i++)
                    for (int j = 0; j < pH.Length; j++) pH[j] += pS[i] * basis[i][j];
            }
        }

        /// <summary>J·diag(d), the Jacobian in the scaled variables.</summary>
        private sealed class ScaledOperator(JacobianStorage jacobian, double[] d) : IRectangularOperator
        {
            private readonly double[] scaled = new double[d.Length];

            public int Rows => jacobian.Rows;
            public int Columns => jacobian.Columns;

            public void Multiply(ReadOnlySpan<double> v, Span<double> result)
            {
                for (int j = 0; j < d.Length; j++) scaled[j] = d[j] * v[j];
                jacobian.Multiply(scaled, result);
            }

            public void MultiplyTranspose(ReadOnlySpan<double> w, Span<double> result)
            {
                jacobian.MultiplyTranspose(w, result);
                for (int j = 0; j < d.Length; j++) result[j] *= d[j];
            }
        }

        /// <summary>[A; diag(c)], the regularized least-squares operator LSQR solves with.</summary>
        private sealed class AugmentedOperator(IRectangularOperator a, double[] diagonal) : IRectangularOperator
        {
            private readonly double[] top = new double[a.Rows];

            public int Rows => a.Rows + a.Columns;
            public int Columns => a.Columns;

            public void Multiply(ReadOnlySpan<double> v, Span<double> result)
            {
                a.Multiply(v, result[..a.Rows]);
                for (int j = 0; j < a.Columns; j++) result[a.Rows + j] = diagonal[j] * v[j];
            }

            public void MultiplyTranspose(ReadOnlySpan<double> w, Span<double> result)
            {
                w[..a.Rows].CopyTo(top);
                a.MultiplyTranspose(top, result);
                for (int j = 0; j < a.Columns; j++) result[j] += diagonal[j] * w[a.Rows + j];
            }
        }
    }
}
