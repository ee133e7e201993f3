namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// A robust loss for least squares: the cost ½Σᵢ C²·ρ((rᵢ/C)²) with a soft threshold C (scipy's <c>f_scale</c>), so
/// residuals much larger than C count less than quadratically. Defined as scipy's <c>least_squares</c> defines
/// <c>loss</c> and <c>f_scale</c> (scipy.optimize._lsq.least_squares, <c>construct_loss_function</c>); the solver
/// uses ρ′ and ρ″ to rescale r and J (Triggs, McLauchlan, Hartley &amp; Fitzgibbon, "Bundle adjustment — a modern
/// synthesis", Vision Algorithms 1999, §4.3; scipy's <c>scale_for_robust_loss_function</c>). Immutable.
/// </summary>
/// <param name="Kind">The shape ρ.</param>
/// <param name="Scale">C &gt; 0, the residual size at which the loss departs from the square. Default 1.</param>
public sealed record RobustLoss(LossKind Kind, double Scale = 1)
{
    /// <summary>Ordinary least squares, ρ(z) = z.</summary>
    public static RobustLoss Linear { get; } = new(LossKind.Linear);

    /// <summary>Whether the loss is the plain square (no rescaling needed).</summary>
    public bool IsLinear => Kind == LossKind.Linear;

    /// <summary>Throws unless <see cref="Scale"/> is positive and finite and <see cref="Kind"/> is defined.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An invalid value, named.</exception>
    public void Validate()
    {
        if (!(Scale > 0) || double.IsInfinity(Scale))
            throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "Scale must be positive and finite.");
        if (!Enum.IsDefined(Kind))
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Kind must be a defined LossKind.");
    }

    /// <summary>
    /// The unscaled shape at z ≥ 0: ρ(z), ρ′(z) and ρ″(z), as scipy's <c>huber</c>, <c>soft_l1</c>, <c>cauchy</c> and
    /// <c>arctan</c> functions compute them.
    /// </summary>
    /// <param name="z">The squared (scaled) residual.</param>
    public (double Value, double First, double Second) Shape(double z) => Kind switch
    {
        LossKind.Huber => z <= 1 ? (z, 1, 0) : (2 * Math.Sqrt(z) - 1, 1 / Math.Sqrt(z), -0.5 / (z * Math.Sqrt(z))),
        LossKind.SoftL1 => (2 * (Math.Sqrt(1 + z) - 1), 1 / Math.Sqrt(1 + z), -0.5 / ((1 + z) * Math.Sqrt(1 + z))),
        LossKind.Cauchy => (Math.Log(1 + z), 1 / (1 + z), -1 / ((1 + z) * (1 + z))),
        LossKind.Arctan => (Math.Atan(z), 1 / (1 + z * z), -2 * z / ((1 + z * z) * (1 + z * z))),
        _ => (z, 1, 0),
    };

    /// <summary>
    /// The scaled loss of one residual r, as scipy's loss function returns it: with z = (r/C)², the value C²ρ(z) and
    /// the derivatives ρ′(z) and ρ″(z)/C² with respect to r², so that ½Σ of the values is the cost and
    /// ½Σ ρ′·2rᵢ∇rᵢ its gradient.
    /// </summary>
    /// <param name="residual">rᵢ.</param>
    public (double Value, double First, double Second) Evaluate(double residual)
    {
        double z = residual / Scale * (residual / Scale);
        var (value, first, second) = Shape(z);
        return (value * Scale * Scale, first, second / (Scale * Scale));
    }

    /// <summary>The cost ½Σᵢ C²ρ((rᵢ/C)²) of <paramref name="residuals"/>.</summary>
    /// <param name="residuals">r.</param>
    public double Cost(ReadOnlySpan<double> residuals)
    {
        double sum = 0;
        if (IsLinear)
        {
            foreach (double r in residuals) sum += r * r;
            return 0.5 * sum;
        }
        foreach (double r in residuals) sum += Evaluate(r).Value;
        return 0.5 * sum;
    }

    /// <summary>
    /// The Triggs correction as scipy's <c>scale_for_robust_loss_function</c> applies it: with
    /// sᵢ = √max(ρ′ + 2ρ″rᵢ², ε), writes sᵢ into <paramref name="rowScale"/> and replaces rᵢ by ρ′rᵢ/sᵢ, so that the
    /// Gauss–Newton model of the rescaled problem (rows of J times sᵢ) has the robust cost's gradient and a
    /// Hessian approximation with the second-order term of ρ.
    /// </summary>
    /// <param name="residuals">r on entry; the rescaled residuals on return.</param>
    /// <param name="rowScale">Destination for the row factors sᵢ.</param>
    public void ScaleResiduals(Span<double> residuals, Span<double> rowScale)
    {
        Guard.Length(rowScale.Length, residuals.Length, nameof(rowScale));
        for (int i = 0; i < residuals.Length; i++)
        {
            double r = residuals[i];
            var (_, first, second) = Evaluate(r);
            double scale = Math.Sqrt(Math.Max(first + 2 * second * r * r, Minpack.MachineEpsilon));
            rowScale[i] = scale;
            residuals[i] = first / scale * r;
        }
    }
}
