/// Nonlinear least squares and curve fitting from F#: Levenberg–Marquardt as MINPACK's lmder (Moré 1978), the
/// trust-region reflective method with bounds (Branch, Coleman & Li 1999, as scipy's least_squares), and a one-call
/// curve fit with the parameters' covariance as scipy's curve_fit. Functions over arrays; Jacobians by central
/// finite differences unless given.
[<RequireQualifiedAccess>]
module Optimize.FSharp.LeastSquares

open System
open Optimize.Constraints
open Optimize.Solvers.LeastSquares

/// Minimizes ½‖r(x)‖² by Levenberg–Marquardt, r returning `residualCount` values, from `x0`.
let solve (residuals: float[] -> float[]) (residualCount: int) (x0: float[]) : LeastSquaresResult =
    let r = ResidualFunction.Create(x0.Length, residualCount, Func<float[], float[]> residuals)
    LevenbergMarquardt().Solve(r, ReadOnlySpan<float> x0)

/// Minimizes ½‖r(x)‖² subject to lower ≤ x ≤ upper (±∞ allowed, lower < upper) by the trust-region reflective method.
let solveBounded (lower: float[]) (upper: float[]) (residuals: float[] -> float[]) (residualCount: int) (x0: float[]) : LeastSquaresResult =
    let r = ResidualFunction.Create(x0.Length, residualCount, Func<float[], float[]> residuals)
    TrustRegionReflective().Solve(r, ReadOnlySpan<float> x0, Bounds.Create(ReadOnlySpan<float> lower, ReadOnlySpan<float> upper))

/// Fits y = model t p to the data (t, y) from p0; parameters, covariance s²(JᵀJ)⁻¹ and standard errors as curve_fit.
let curveFit (model: float -> float[] -> float) (t: float[]) (y: float[]) (p0: float[]) : CurveFitResult =
    CurveFit.Fit(Func<float, float[], float> model, ReadOnlySpan<float> t, ReadOnlySpan<float> y, ReadOnlySpan<float> p0)

/// As curveFit, with uncertainties σ of y; `absoluteSigma` as curve_fit's absolute_sigma.
let curveFitWeighted (model: float -> float[] -> float) (t: float[]) (y: float[]) (sigma: float[]) (absoluteSigma: bool) (p0: float[]) : CurveFitResult =
    let options = CurveFitOptions(Sigma = sigma, AbsoluteSigma = absoluteSigma)
    CurveFit.Fit(Func<float, float[], float> model, ReadOnlySpan<float> t, ReadOnlySpan<float> y, ReadOnlySpan<float> p0, options)
