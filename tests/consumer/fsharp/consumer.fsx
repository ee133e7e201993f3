// Run by eng/consumer-test.sh with `dotnet fsi`, after it has put the local package folder in a
// line `#i "nuget: <folder>"` above and the packed version in place of OPTIMIZE_VERSION.
// One #r brings in everything the script uses (the test checks that there is exactly one).
#r "nuget: Optimize.FSharp, OPTIMIZE_VERSION"

open Optimize.FSharp
open Optimize.FSharp.GenericMath

let inline rosenbrock (x: ^T[]) = num 100.0 * pown (x[1] - x[0] * x[0]) 2 + pown (num 1.0 - x[0]) 2

let check name converged (minimizer: float[]) =
    let error = minimizer |> Array.map (fun v -> abs (v - 1.0)) |> Array.max
    if not converged || error > 1e-6 then
        eprintfn "%s: expected the minimizer (1, 1), got %A" name minimizer
        exit 1
    error

// The one call, as scipy's minimize(f, x0): BFGS chosen, exact derivatives by reverse mode.
let best = Optimize.solve rosenbrock [| -1.2; 1.0 |]
let oneCallError = check "Optimize.solve" best.Converged best.Minimizer

// Newton on Hessian-vector products from reverse mode (forward over reverse).
let newton =
    Objective.reverseMode 2 rosenbrock
    |> Optimize.minimizeWith (Method.named "newton-cg") { Optimize.defaults with GradientTolerance = 1e-10 } [| -1.2; 1.0 |]
let newtonError = check "newton-cg" newton.Converged newton.Minimizer

printfn "%s (%s): %A after %d iterations, error %.1e; %s: %A, error %.1e"
    best.Method best.MethodReason best.Reason best.Iterations oneCallError newton.Method newton.Reason newtonError
