namespace Optimize.Problems.GradBench;

/// <summary>
/// The reprojection residual of <see cref="ReprojectionResidual"/> and its 2×15 Jacobian written by hand: the chain
/// rule through the projection, with the derivative of the rotated point by the rotation vector in closed form,
/// ∂(R(r)p)/∂r = −R[p]ₓ(rrᵀ + (Rᵀ − I)[r]ₓ)/‖r‖² (Gallego &amp; Yezzi, "A compact formula for the derivative of a 3-D
/// rotation in exponential coordinates", J. Math. Imaging Vis. 51, 2015, eq. (9)), and −[p]ₓ at r = 0.
/// </summary>
internal static class ReprojectionByHand
{
    /// <summary>Writes the two residuals and, unless <paramref name="jacobian"/> is empty, the 2×15 Jacobian (row-major).</summary>
    public static void Residual(ReadOnlySpan<double> v, double featureX, double featureY, Span<double> residuals, Span<double> jacobian)
    {
        double r0 = v[0], r1 = v[1], r2 = v[2];
        double p0 = v[11] - v[3], p1 = v[12] - v[4], p2 = v[13] - v[5];
        double squaredAngle = r0 * r0 + r1 * r1 + r2 * r2;
        Span<double> rotation = stackalloc double[9];    // R, row-major
        if (squaredAngle != 0)
        {
            double angle = Math.Sqrt(squaredAngle), cosine = Math.Cos(angle), sine = Math.Sin(angle);
            double w0 = r0 / angle, w1 = r1 / angle, w2 = r2 / angle, c = 1 - cosine;
            rotation[0] = cosine + c * w0 * w0; rotation[1] = c * w0 * w1 - sine * w2; rotation[2] = c * w0 * w2 + sine * w1;
            rotation[3] = c * w1 * w0 + sine * w2; rotation[4] = cosine + c * w1 * w1; rotation[5] = c * w1 * w2 - sine * w0;
            rotation[6] = c * w2 * w0 - sine * w1; rotation[7] = c * w2 * w1 + sine * w0; rotation[8] = cosine + c * w2 * w2;
        }
        else
        {
            // First order: Xc = p + r × p = (I + [r]ₓ)p.
            rotation[0] = 1; rotation[1] = -r2; rotation[2] = r1;
            rotation[3] = r2; rotation[4] = 1; rotation[5] = -r0;
            rotation[6] = -r1; rotation[7] = r0; rotation[8] = 1;
        }
        double x0 = rotation[0] * p0 + rotation[1] * p1 + rotation[2] * p2;
        double x1 = rotation[3] * p0 + rotation[4] * p1 + rotation[5] * p2;
        double x2 = rotation[6] * p0 + rotation[7] * p1 + rotation[8] * p2;
        double u = x0 / x2, w = x1 / x2, radius = u * u + w * w;
        double k1 = v[9], k2 = v[10], focal = v[6], weight = v[14];
        double distortion = 1 + k1 * radius + k2 * radius * radius;
        double ex = u * distortion * focal + v[7] - featureX, ey = w * distortion * focal + v[8] - featureY;
        residuals[0] = weight * ex;
        residuals[1] = weight * ey;
        if (jacobian.IsEmpty) return;

        // ∂residual/∂Xc = w·f·D·B, D the distortion's 2×2 Jacobian in (u, v), B the projection's 2×3 Jacobian.
        double slope = k1 + 2 * k2 * radius;
        double duu = distortion + 2 * u * u * slope, duw = 2 * u * w * slope, dww = distortion + 2 * w * w * slope;
        double scale = weight * focal / x2;
        Span<double> m = stackalloc double[6];
        m[0] = scale * duu; m[1] = scale * duw; m[2] = -scale * (duu * u + duw * w);
        m[3] = scale * duw; m[4] = scale * dww; m[5] = -scale * (duw * u + dww * w);
        // ∂Xc/∂r, 3×3.
        Span<double> byRotation = stackalloc double[9];
        if (squaredAngle != 0)
        {
            // −R[p]ₓ(rrᵀ + (Rᵀ − I)[r]ₓ)/‖r‖²
            Span<double> inner = stackalloc double[9], crossP = stackalloc double[9], left = stackalloc double[9];
            Span<double> crossR = [0, -r2, r1, r2, 0, -r0, -r1, r0, 0];
            Span<double> r = [r0, r1, r2];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    double sum = r[i] * r[j];
                    for (int k = 0; k < 3; k++) sum += (rotation[k * 3 + i] - (i == k ? 1 : 0)) * crossR[k * 3 + j];
                    inner[i * 3 + j] = sum;
                }
            crossP[1] = -p2; crossP[2] = p1; crossP[3] = p2; crossP[5] = -p0; crossP[6] = -p1; crossP[7] = p0;
            Multiply(rotation, crossP, left);
            Multiply(left, inner, byRotation);
            for (int i = 0; i < 9; i++) byRotation[i] /= -squaredAngle;
        }
        else
        {
            byRotation[1] = p2; byRotation[2] = -p1; byRotation[3] = -p2; byRotation[5] = p0; byRotation[6] = p1; byRotation[7] = -p0;
        }
        for (int row = 0; row < 2; row++)
        {
            var j = jacobian.Slice(15 * row, 15);
            for (int c = 0; c < 3; c++)
            {
                double byR = 0, byP = 0;
                for (int k = 0; k < 3; k++)
                {
                    byR += m[3 * row + k] * byRotation[3 * k + c];
                    byP += m[3 * row + k] * rotation[3 * k + c];
                }
                j[c] = byR;
                j[3 + c] = -byP;
                j[11 + c] = byP;
            }
            double distorted = row == 0 ? u * distortion : w * distortion, coordinate = row == 0 ? u : w;
            j[6] = weight * distorted;
            j[7] = row == 0 ? weight : 0;
            j[8] = row == 0 ? 0 : weight;
            j[9] = weight * focal * coordinate * radius;
            j[10] = weight * focal * coordinate * radius * radius;
            j[14] = row == 0 ? ex : ey;
        }
    }

    private static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
    {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
    }
}
