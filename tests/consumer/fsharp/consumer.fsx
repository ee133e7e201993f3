// Run by eng/consumer-test.sh with `dotnet fsi`, after it has put the local package folder in a
// line `#i "nuget: <folder>"` above and the packed version in place of OPTIMIZE_VERSION.
// One #r brings in everything the script uses.
#r "nuget: Optimize.FSharp, OPTIMIZE_VERSION"

open Optimize.FSharp
open Optimize.FSharp.GenericMath

let inline rosenbrock (x: ^T[]) = num 100.0 * pown (x[1] - x[0] * x[0]) 2 + pown (num 1.0 - x[0]) 2

let result =
    Objective.reverseMode 2 rosenbrock
    |> Optimize.minimize { Optimize.defaults with GradientTolerance = 1e-10 } [| -1.2; 1.0 |]

let error = result.Minimizer |> Array.map (fun v -> abs (v - 1.0)) |> Array.max
printfn "%s: %A after %d iterations, error %.1e" result.Method result.Reason result.Iterations error
if not result.Converged || error > 1e-6 then
    eprintfn "expected the minimizer (1, 1), got %A" result.Minimizer
    exit 1
