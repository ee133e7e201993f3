using System.Numerics;
using Optimize.Oracles;

namespace Optimize.Problems.GradBench;

/// <summary>
/// ADBench's bundle-adjustment reprojection residual w·(π(c, X) − f), both coordinates, written once over the scalar
/// type as straight-line code: the point is moved to the camera centre, rotated by Rodrigues' formula (with the
/// first-order rotation X + r × X where ‖r‖ = 0), projected, radially distorted by 1 + k₁ρ² + k₂ρ⁴, scaled by the
/// focal length and shifted by the principal point (Srajer, Kukelova &amp; Fitzgibbon 2018, §4.2; ADBench's ba.h).
/// The 15 variables are the camera (r₁ r₂ r₃, C₁ C₂ C₃, focal length, u₀ v₀, k₁ k₂), the point X and the weight w.
/// The derivative generator writes its 2 × 15 Jacobian (one forward sweep and two backward sweeps) and its
/// Jacobian-vector product.
/// </summary>
public readonly partial struct ReprojectionResidual : IVectorScalarFunction
{
    private readonly double featureX, featureY;

    /// <summary>The residual for the observed feature (x, y).</summary>
    /// <param name="featureX">The feature's x coordinate.</param>
    /// <param name="featureY">The feature's y coordinate.</param>
    public ReprojectionResidual(double featureX, double featureY) => (this.featureX, this.featureY) = (featureX, featureY);

    /// <summary>15: the camera's 11 parameters, the point's 3 coordinates and the weight.</summary>
    public int Dimension => 15;

    /// <summary>2: the x and y residuals.</summary>
    public int OutputDimension => 2;

    /// <summary>The residual w·(π(c, X) − f).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="v">Camera (11), point (3), weight (1).</param>
    /// <param name="residuals">Destination for the x and y residuals.</param>
    [GenerateDerivatives]
    public void Evaluate<T>(ReadOnlySpan<T> v, Span<T> residuals) where T : IFloatingPointIeee754<T>
    {
        T r0 = v[0], r1 = v[1], r2 = v[2];
        T p0 = v[11] - v[3], p1 = v[12] - v[4], p2 = v[13] - v[5];
        T squaredAngle = r0 * r0 + r1 * r1 + r2 * r2;
        T c0 = T.Zero, c1 = T.Zero, c2 = T.Zero;
        if (squaredAngle != T.Zero)
        {
            T angle = T.Sqrt(squaredAngle), cosine = T.Cos(angle), sine = T.Sin(angle), inverse = T.One / angle;
            T w0 = r0 * inverse, w1 = r1 * inverse, w2 = r2 * inverse;
            T along = (w0 * p0 + w1 * p1 + w2 * p2) * (T.One - cosine);
            c0 = p0 * cosine + (w1 * p2 - w2 * p1) * sine + w0 * along;
            c1 = p1 * cosine + (w2 * p0 - w0 * p2) * sine + w1 * along;
            c2 = p2 * cosine + (w0 * p1 - w1 * p0) * sine + w2 * along;
        }
        else
        {
            c0 = p0 + (r1 * p2 - r2 * p1);
            c1 = p1 + (r2 * p0 - r0 * p2);
            c2 = p2 + (r0 * p1 - r1 * p0);
        }
        T u = c0 / c2, w = c1 / c2;
        T radius = u * u + w * w;
        T distortion = T.One + v[9] * radius + v[10] * radius * radius;
        T scale = distortion * v[6];
        residuals[0] = v[14] * (u * scale + v[7] - T.CreateChecked(featureX));
        residuals[1] = v[14] * (w * scale + v[8] - T.CreateChecked(featureY));
    }
}
