using System.Globalization;
using System.Text;
using Optimize.Oracles;

namespace Optimize.AutoDiff.Trace;

/// <summary>One intermediate vᵢ of an evaluation trace with its tangent v̇ᵢ and adjoint v̄ᵢ.</summary>
/// <param name="Name">v₋ₙ₊₁ … v₀ for the inputs (printed v-1, v0), then v1, v2, … in evaluation order.</param>
/// <param name="Expression">How it was computed, e.g. "v-1 / v0" or "sin(v1)"; "x1" for inputs.</param>
/// <param name="Value">vᵢ.</param>
/// <param name="Tangent">v̇ᵢ = ∂vᵢ/∂x · ẋ for the seeded direction ẋ.</param>
/// <param name="Adjoint">v̄ᵢ = ∂y/∂vᵢ.</param>
public sealed record TraceRow(string Name, string Expression, double Value, double Tangent, double Adjoint);
