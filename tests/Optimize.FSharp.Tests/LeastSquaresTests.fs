module Optimize.FSharp.Tests.LeastSquaresTests

open Expecto
open Optimize.Solvers
open Optimize.FSharp

// Puromycin, treated cells (Treloar 1974; Bates & Watts 1988, Appendix A1.3).
let concentration = [| 0.02; 0.02; 0.06; 0.06; 0.11; 0.11; 0.22; 0.22; 0.56; 0.56; 1.10; 1.10 |]
let rate = [| 76.0; 47.0; 97.0; 107.0; 123.0; 139.0; 159.0; 152.0; 191.0; 201.0; 207.0; 200.0 |]

[<Tests>]
let tests =
    testList "least squares" [
        test "curveFit fits Michaelis–Menten to Puromycin as scipy's curve_fit" {
            // scipy 1.10.1 curve_fit(lambda s, Vm, K: Vm*s/(K+s), conc, rate, p0=[200, 0.1]):
            // popt = [212.68363008888363, 0.064121105461411393], standard errors [6.947090812261668, 0.00828075350451482]
            // (scipy's covariance is at the last Jacobian before the final step, hence agreement to 5e-5).
            let fit = LeastSquares.curveFit (fun s p -> p[0] * s / (p[1] + s)) concentration rate [| 200.0; 0.1 |]
            Expect.isTrue fit.Result.Converged fit.Result.Message
            Expect.floatClose { absolute = 0.0; relative = 1e-7 } fit.Parameters[0] 212.68363008888363 "Vmax"
            Expect.floatClose { absolute = 0.0; relative = 1e-6 } fit.Parameters[1] 0.064121105461411393 "Km"
            Expect.floatClose { absolute = 0.0; relative = 5e-5 } fit.StandardErrors[0] 6.947090812261668 "σ(Vmax)"
            Expect.floatClose { absolute = 0.0; relative = 5e-5 } fit.StandardErrors[1] 0.00828075350451482 "σ(Km)"
        }
        test "solve reaches Rosenbrock's minimum and solveBounded stops at an active bound" {
            let rosenbrock (x: float[]) = [| 10.0 * (x[1] - x[0] * x[0]); 1.0 - x[0] |]
            let free = LeastSquares.solve rosenbrock 2 [| -1.2; 1.0 |]
            Expect.equal free.Reason TerminationReason.GradientTolerance free.Message
            Expect.floatClose Accuracy.high free.Solution[0] 1.0 "x₀"
            // scipy's least_squares documentation: bounds ([-inf, 1.5], inf) from (2, 2) give x = (1.22437075, 1.5).
            let bounded = LeastSquares.solveBounded [| -infinity; 1.5 |] [| infinity; infinity |] rosenbrock 2 [| 2.0; 2.0 |]
            Expect.floatClose { absolute = 1e-6; relative = 0.0 } bounded.Solution[0] 1.22437075 "x₀"
            Expect.sequenceEqual bounded.ActiveBounds [ 1 ] "x₁ at its lower bound"
        }
    ]
