using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>One compared component of a derivative check.</summary>
/// <param name="Label">The component, e.g. "g[3]", "H[1,2]", "J[0,4]".</param>
/// <param name="Row">Its row (0 for gradients).</param>
/// <param name="Column">Its column (the coordinate for gradients).</param>
/// <param name="Supplied">The supplied (user's) value.</param>
/// <param name="Estimated">The finite-difference estimate.</param>
/// <param name="ErrorEstimate">The estimated error of <paramref name="Estimated"/>.</param>
/// <param name="Tolerance">The largest absolute error accepted for this component.</param>
public sealed record DerivativeComparison(string Label, int Row, int Column, double Supplied, double Estimated,
    double ErrorEstimate, double Tolerance)
{
    /// <summary>|supplied − estimated|.</summary>
    public double AbsoluteError => Math.Abs(Supplied - Estimated);

    /// <summary>|supplied − estimated| / max(|supplied|, |estimated|); 0 when both are 0.</summary>
    public double RelativeError
    {
        get
        {
            double scale = Math.Max(Math.Abs(Supplied), Math.Abs(Estimated));
            return scale == 0 ? 0 : AbsoluteError / scale;
        }
    }

    /// <summary>Absolute error over tolerance: above 1 means the component fails. NaN values rank worst.</summary>
    public double Severity => double.IsNaN(AbsoluteError) ? double.PositiveInfinity : AbsoluteError / Tolerance;

    /// <summary>Whether the component is within its tolerance.</summary>
    public bool Passed => AbsoluteError <= Tolerance;
}
