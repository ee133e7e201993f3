module Optimize.FSharp.Tests.ApiTests

open System
open Expecto
open FsCheck.FSharp
open Optimize.AutoDiff
open Optimize.Solvers
open Optimize.Solvers.Methods
open Optimize.Solvers.QuasiNewton
open Optimize.FSharp
open Optimize.FSharp.GenericMath
open Optimize.FSharp.Symbolic
open Optimize.FSharp.Tests.Numerics
open Optimize.AutoDiff.Reverse

/// Rosenbrock's function, written once with inline generic arithmetic.
let inline rosenbrock (x: ^T[]) : ^T = num 100.0 * pown (x[1] - x[0] * x[0]) 2 + pown (num 1.0 - x[0]) 2

/// The lecture's two-variable example, written once.
let inline lecture (x: ^T[]) : ^T =
    let u = x[0] / x[1]
    let w = exp x[1]
    (sin u + u - w) * (u - w)

/// A vector function ℝ² → ℝ³, written once.
let inline vectorFunction (x: ^T[]) : ^T[] = [| x[0] * x[1]; sin x[0] + x[1] ** num 2.5; atan2 x[1] x[0] |]

/// Evaluates a symbolic expression over any number type, through the generic math functions.
let inline evaluateAs (x: ^T[]) (e: SymbolicExpression) : ^T =
    let rec eval e : ^T =
        match e with
        | Constant c -> num c
        | Variable i -> x[i]
        | Sum terms -> terms |> List.map eval |> List.reduce (+)
        | Product factors -> factors |> List.map eval |> List.reduce (*)
        | Power(b, k) -> pown (eval b) k
        | RealPower(b, v) -> eval b ** eval v
        | Apply(f, u) ->
            let u = eval u
            match f with
            | Sqrt -> sqrt u
            | UnaryFunction.Exp -> exp u
            | UnaryFunction.Log -> log u
            | UnaryFunction.Sin -> sin u
            | UnaryFunction.Cos -> cos u
            | UnaryFunction.Tan -> tan u
            | Asin -> asin u
            | Acos -> acos u
            | Atan -> atan u
            | Sinh -> sinh u
            | Cosh -> cosh u
            | Tanh -> tanh u
            | Abs -> abs u
            | Sign -> failwith "sign is not generated for smooth trees"
        | Apply2(Atan2, u, v) -> atan2 (eval u) (eval v)
        | Apply2(Min, u, v) -> min (eval u) (eval v)
        | Apply2(Max, u, v) -> max (eval u) (eval v)
        | Conditional _ -> failwith "conditionals are not generated for smooth trees"
    eval e

let private x0 = [| 1.5; 0.5 |]

[<Tests>]
let genericFunctions =
    testList "Functions written once" [
        test "OneInlineFunctionRunsOnFloatsExpressionsAndEveryADType" {
            let value = lecture x0
            Expect.isTrue (close 1e-15 value (Symbolic.ofFunction 2 lecture |> Symbolic.evaluate x0)) "symbolic value"
            Expect.isTrue (close 1e-15 value (fst (Diff.fgrad lecture x0))) "reverse-mode value"
            Expect.isTrue (close 1e-15 value (fst (Diff.fgradv lecture x0 [| 1.0; 0.0 |]))) "forward-mode value"
            Expect.isTrue (close 1e-15 value (fst (Diff.fhvp lecture x0 [| 1.0; 0.0 |]))) "nested value"
        }
        testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 200 } "SymbolicEqualsForwardEqualsReverseEqualsCentralDifferences" (
            Prop.forAll Generators.smoothAtPointAlong (fun (raw, point, v) ->
                let f = SymbolicFunction.Create(Generators.names, raw)
                let symbolic = Symbolic.gradient f |> Array.map (SymbolicExpression.evaluate point)
                let reverse = Diff.grad (fun x -> evaluateAs x raw) point
                let forward = Diff.gradv (fun x -> evaluateAs x raw) point v
                let central = Diff.numgrad (fun x -> evaluateAs x raw) point
                let along = Array.fold2 (fun s g vi -> s + g * vi) 0.0 symbolic v
                (not (moderate 1e4 (SymbolicExpression.evaluate point raw :: List.ofArray central)))
                || (Array.forall2 (close 1e-12) reverse symbolic
                    && close 1e-12 forward along
                    && Array.forall2 (close 1e-6) central symbolic)))
    ]

[<Tests>]
let derivatives =
    testList "Diff" [
        test "DiffOfSineOfSquareAtTwoIsFourCosineFour" {
            Expect.isLessThanOrEqual (abs (Diff.diff (fun x -> sin (x * x)) 2.0 - 4.0 * cos 4.0)) 1e-15 "forward mode"
            Expect.isTrue (close 1e-9 (Diff.numdiff (fun x -> sin (x * x)) 2.0) (4.0 * cos 4.0)) "finite differences"
        }
        test "GradAndNumgradAgreeOnTheLectureExample" {
            let value, g = Diff.fgrad lecture x0
            let numericValue, numeric = Diff.numfgrad lecture x0
            Expect.equal value numericValue "the same value"
            expectAllClose 1e-8 numeric g "central differences"
            Expect.isLessThan (abs (g[0] - 3.0118)) 1e-4 "∂y/∂x1"
            Expect.isLessThan (abs (g[1] - -13.7239)) 1e-4 "∂y/∂x2"
        }
        test "JvpAndVjpAgreeWithTheJacobian" {
            let v, w = [| 0.3; -0.7 |], [| 1.0; -2.0; 0.5 |]
            let j = Diff.jacobian vectorFunction x0
            let jv = Array.init 3 (fun i -> j[i, 0] * v[0] + j[i, 1] * v[1])
            let wj = Array.init 2 (fun k -> Seq.sum (seq { for i in 0 .. 2 -> w[i] * j[i, k] }))
            expectAllClose 1e-14 (Diff.jvp vectorFunction x0 v) jv "forward JVP"
            expectAllClose 1e-14 (Diff.vjp vectorFunction x0 w) wj "reverse VJP"
            expectAllClose 1e-7 (Diff.numjvp vectorFunction x0 v) jv "finite-difference JVP"
            expectAllClose 1e-7 (Diff.numvjp vectorFunction x0 w) wj "finite-difference VJP"
            let numeric = Diff.numjacobian vectorFunction x0
            for i in 0 .. 2 do expectAllClose 1e-7 numeric[i, *] j[i, *] $"finite-difference Jacobian row {i}"
        }
        test "HessianAndHvpAgreeAcrossSources" {
            let v = [| 0.3; -0.7 |]
            let symbolic = Symbolic.hessian (Symbolic.ofFunction 2 lecture) |> Array2D.map (SymbolicExpression.evaluate x0)
            let ad = Diff.hessian lecture x0
            let numeric = Diff.numhessian lecture x0
            for i in 0 .. 1 do
                expectAllClose 1e-13 ad[i, *] symbolic[i, *] $"forward-over-reverse row {i}"
                expectAllClose 1e-5 numeric[i, *] symbolic[i, *] $"second differences row {i}"
            let hv = Array.init 2 (fun i -> symbolic[i, 0] * v[0] + symbolic[i, 1] * v[1])
            expectAllClose 1e-13 (Diff.hvp lecture x0 v) hv "forward over reverse"
            expectAllClose 1e-5 (Diff.numhvp lecture x0 v) hv "finite differences"
        }
        test "GenericMathKeepsWorkingOnIntegers" {
            Expect.equal (min 3 2, max 3 2, pown 2 10, abs -4) (2, 3, 1024, 4) "integers"
        }
        test "DirectionsOfTheWrongLengthAreRejected" {
            let error = throws<ArgumentException> (fun () -> Diff.jvp vectorFunction x0 [| 1.0 |] |> ignore)
            Expect.equal error.ParamName "v" "names the argument"
        }
    ]

/// The same minimizer from each derivative source.
let private sources : (string * Optimize.Oracles.IObjective) list =
    [ "symbolic", Objective.ofSymbolic (Symbolic.ofFunction 2 rosenbrock)
      "symbolic quotation", Objective.symbolic <@ fun (x: float[]) -> 100.0 * pown (x[1] - x[0] * x[0]) 2 + pown (1.0 - x[0]) 2 @>
      "finite differences", Objective.finiteDifferences 2 rosenbrock
      "forward mode", Objective.forwardMode 2 rosenbrock
      "reverse mode", Objective.reverseMode 2 rosenbrock ]

[<Tests>]
let minimization =
    testList "Optimize" [
        test "LbfgsMinimizesRosenbrockFromEveryDerivativeSource" {
            for name, objective in sources do
                let result = objective |> Optimize.minimize Optimize.defaults [| -1.2; 1.0 |]
                Expect.equal result.Method "L-BFGS" $"{name}: the same minimizer"
                Expect.isTrue result.Converged $"{name}: converged ({result.Reason})"
                expectAllClose 1e-6 result.Minimizer [| 1.0; 1.0 |] $"{name}: minimizer"
                Expect.isGreaterThan result.Evaluations.Gradients 0L $"{name}: gradients counted"
        }
        test "OptionsAreRecordsChangedWithWith" {
            let objective = Objective.ofSymbolic (Symbolic.ofFunction 2 rosenbrock)
            let options = { Optimize.defaults with GradientTolerance = 1e-10; StoreTrace = true }
            for method in [ Method.named "bfgs"
                            Method.named "lbfgs" |> Method.withOptions (LbfgsOptions(Memory = 5))
                            Method.named "cg"
                            Method.named "newton-cg"
                            Method.named "newton" ] do
                let result = objective |> Optimize.minimizeWith method { options with MaximumIterations = 5000 } [| -1.2; 1.0 |]
                Expect.isTrue result.Converged $"{method}: converged ({result.Reason})"
                expectAllClose 1e-7 result.Minimizer [| 1.0; 1.0 |] $"{method}: minimizer"
                Expect.equal (result.Trace |> List.map (fun r -> r.Iteration)) [ 0 .. result.Iterations ] $"{method}: the start and every iteration traced"
        }
        test "FunctionsWrittenOnceOverTheScalarTypeUseTheToolkitsADProviders" {
            for objective in [ Objective.ofForwardMode (Optimize.Problems.ProblemLibrary.Rosenbrock())
                               Objective.ofReverseMode (Optimize.Problems.ProblemLibrary.Rosenbrock()) ] do
                let result = objective |> Optimize.minimizeWith (Method.named "newton") Optimize.defaults [| -1.2; 1.0 |]
                Expect.isTrue result.Converged $"converged ({result.Reason})"
                expectAllClose 1e-8 result.Minimizer [| 1.0; 1.0 |] "minimizer"
        }
        test "HandCodedGradientsAreAcceptedToo" {
            let gradient (x: float[]) = [| -400.0 * x[0] * (x[1] - x[0] * x[0]) - 2.0 * (1.0 - x[0]); 200.0 * (x[1] - x[0] * x[0]) |]
            let result = Objective.analytic 2 rosenbrock gradient |> Optimize.minimize Optimize.defaults [| -1.2; 1.0 |]
            expectAllClose 1e-6 result.Minimizer [| 1.0; 1.0 |] $"minimizer ({result.Reason})"
        }
        test "GradientToleranceIsOnTheEuclideanNormOfTheGradient" {
            let tolerance = 1e-3
            let result = Objective.reverseMode 2 rosenbrock |> Optimize.minimize { Optimize.defaults with GradientTolerance = tolerance } [| -1.2; 1.0 |]
            let g = Diff.grad rosenbrock result.Minimizer
            let euclidean = sqrt (Array.sumBy (fun v -> v * v) g)
            Expect.equal result.Reason TerminationReason.GradientTolerance "stopped by the gradient test"
            Expect.floatClose Accuracy.high result.GradientNorm euclidean "GradientNorm is ‖∇f‖₂ at the minimizer"
            Expect.isLessThanOrEqual result.GradientNorm tolerance "‖∇f‖₂ ≤ GradientTolerance"
        }
        test "NelderMeadNeedsOnlyValues" {
            let result =
                Objective.ofFunction 2 rosenbrock
                |> Optimize.minimize { Optimize.defaults with Method = Method.named "nelder-mead"; MaximumIterations = 5000 } [| -1.2; 1.0 |]
            expectAllClose 1e-3 result.Minimizer [| 1.0; 1.0 |] $"minimizer ({result.Reason})"
        }
        test "IterationLimitIsAResultNotAnException" {
            let result = Objective.reverseMode 2 rosenbrock |> Optimize.minimize { Optimize.defaults with MaximumIterations = 3 } [| -1.2; 1.0 |]
            Expect.equal result.Reason TerminationReason.IterationLimit "reason"
            Expect.isFalse result.Converged "not converged"
            Expect.equal result.Iterations 3 "iterations"
        }
        test "EveryRegistryMethodIsReachableAndSolvesRosenbrock" {
            Expect.equal Method.names (List.ofSeq MinimizationMethods.Names) "the registry's names, in order"
            Expect.equal (List.length Method.all) 18 "every method"
            let objective = Objective.ofReverseMode (Optimize.Problems.ProblemLibrary.Rosenbrock())
            for method in Method.all do
                Expect.isTrue (Object.ReferenceEquals(Method.named (method.Name.ToUpperInvariant()), method)) $"{method}: found by name"
                let options = { Optimize.defaults with Method = method; MaximumIterations = 100_000 }
                let result = objective |> Optimize.minimize options [| -1.2; 1.0 |]
                Expect.isLessThanOrEqual result.Minimum 1e-6 $"{method}: f = {result.Minimum} ({result.Reason})"
                let direct = method.Minimize(objective, ReadOnlySpan [| -1.2; 1.0 |], DriverOptions(GradientTolerance = 1e-8, MaximumIterations = 100_000))
                Expect.equal result.Minimizer direct.Minimizer $"{method}: the same run as the registry's entry"
                Expect.equal result.Iterations direct.Iterations $"{method}: the same iterations"
        }
        test "TheDefaultIsTheRegistrysDefault" {
            Expect.equal Optimize.defaults.Method.Name MinimizationMethods.DefaultName "lbfgs"
            Expect.equal (Optimize.defaults.Method.Options :?> LbfgsOptions).Memory 10 "memory 10"
        }
        test "UnknownMethodNamesAndOptionsOfAnotherTypeAreRejected" {
            let unknown = throws<ArgumentException> (fun () -> Method.named "simplex" |> ignore)
            for name in Method.names do Expect.stringContains unknown.Message name "lists the valid names"
            let wrong = throws<ArgumentException> (fun () -> Method.named "bfgs" |> Method.withOptions (LbfgsOptions()) |> ignore)
            Expect.stringContains wrong.Message "BfgsOptions" "names the options type"
        }
        test "MethodsNeedingMissingDerivativesAreRejected" {
            let error = throws<ArgumentException> (fun () -> Objective.forwardMode 2 rosenbrock |> Optimize.minimizeWith (Method.named "newton") Optimize.defaults [| -1.2; 1.0 |] |> ignore)
            Expect.stringContains error.Message "IHessianObjective" "names the missing oracle"
        }
    ]

/// A callback that stops the run once it has been called n times, and counts its calls.
let private stopAfter n =
    let calls = ref 0
    (fun (_: IterationRecord) -> calls.Value <- calls.Value + 1; calls.Value >= n), calls

[<Tests>]
let parity =
    testList "F# parity" [
        test "ReverseModeGivesHessianVectorProductsForwardOverReverse" {
            let objective = Objective.reverseMode 2 rosenbrock
            let x, v = [| -1.2; 1.0 |], [| 1.0; 2.0 |]
            let product = Array.zeroCreate 2
            objective.HessianVector(ReadOnlySpan x, ReadOnlySpan v, Span product)
            expectAllClose 1e-15 product [| 2290.0; 880.0 |] "∇²f·v = [[1330, 480], [480, 200]]·(1, 2)"
            expectAllClose 1e-15 product (Diff.hvp rosenbrock x v) "as Diff.hvp"
            let hessian = MathNet.Numerics.LinearAlgebra.Matrix<float>.Build.Dense(2, 2)
            objective.Hessian(ReadOnlySpan x, hessian)
            expectAllClose 1e-15 (hessian.ToColumnMajorArray()) [| 1330.0; 480.0; 480.0; 200.0 |] "∇²f"
        }
        test "NewtonAndNewtonCgRunOnReverseMode" {
            for name in [ "newton"; "newton-cg"; "trust-region-exact"; "trust-region-cg" ] do
                let result = Objective.reverseMode 2 rosenbrock |> Optimize.minimizeWith (Method.named name) Optimize.defaults [| -1.2; 1.0 |]
                Expect.isTrue result.Converged $"{name}: converged ({result.Reason})"
                expectAllClose 1e-8 result.Minimizer [| 1.0; 1.0 |] $"{name}: minimizer"
        }
        test "EveryRegisteredMethodRunsOnReverseMode" {
            let objective = Objective.reverseMode 2 rosenbrock
            for method in Method.all do
                let result = objective |> Optimize.minimizeWith method { Optimize.defaults with MaximumIterations = 100_000 } [| -1.2; 1.0 |]
                Expect.isLessThanOrEqual result.Minimum 1e-6 $"{method}: f = {result.Minimum} ({result.Reason})"
        }
        test "MissingDerivativesAreNamedWithTheObjectivesThatGiveThem" {
            let error = throws<ArgumentException> (fun () -> Objective.analytic 2 rosenbrock (Diff.grad rosenbrock) |> Optimize.minimizeWith (Method.named "newton") Optimize.defaults [| -1.2; 1.0 |] |> ignore)
            Expect.equal error.ParamName "objective" "names the argument"
            for constructor in [ "Objective.reverseMode"; "Objective.symbolic"; "Objective.finiteDifferences" ] do
                Expect.stringContains error.Message constructor "lists an objective that gives Hessians"
            Expect.isFalse (error.Message.Contains "Objective.forwardMode") "does not suggest an objective that gives gradients only"
        }
        test "CallbacksReachEveryEntryPoint" {
            let callback, calls = stopAfter 3
            let result = Objective.reverseMode 2 rosenbrock |> Optimize.minimize { Optimize.defaults with Callback = Some callback } [| -1.2; 1.0 |]
            Expect.equal result.Reason TerminationReason.CallbackStopped "minimize"
            Expect.equal calls.Value 3 "called for the start and two iterations"
            let callback, _ = stopAfter 2
            let result = Objective.reverseMode 2 rosenbrock |> Optimize.minimizeWith (Method.named "newton") { Optimize.defaults with Callback = Some callback } [| -1.2; 1.0 |]
            Expect.equal (result.Reason, result.Iterations) (TerminationReason.CallbackStopped, 1) "minimizeWith"
            let callback, _ = stopAfter 2
            let result = Optimize.solveWith { Optimize.auto with Callback = Some callback } rosenbrock [| -1.2; 1.0 |]
            Expect.equal (result.Reason, result.Iterations) (TerminationReason.CallbackStopped, 1) "solveWith"
        }
        test "SolveIsTheOneCallAndChoosesAsScipyDoes" {
            let result = Optimize.solve rosenbrock [| -1.2; 1.0 |]
            Expect.equal result.Method "bfgs" "BFGS without bounds"
            Expect.stringContains result.MethodReason "no method named" "says it chose"
            Expect.isTrue result.Converged $"converged ({result.Reason})"
            expectAllClose 1e-8 result.Minimizer [| 1.0; 1.0 |] "minimizer"
            let direct = Objective.reverseMode 2 rosenbrock |> Optimize.minimizeWith (Method.named "bfgs") Optimize.defaults [| -1.2; 1.0 |]
            Expect.equal result.Minimizer direct.Minimizer "the same run as minimizeWith bfgs"
            let named = Optimize.solveWith { Optimize.auto with Method = Some "newton-cg" } rosenbrock [| -1.2; 1.0 |]
            Expect.equal (named.Method, named.MethodReason) ("newton-cg", "named by the caller") "named"
            Expect.isGreaterThan named.Evaluations.HessianVectors 0L "Hessian-vector products from reverse mode"
            let values = Objective.ofFunction 2 rosenbrock |> Optimize.solveObjective { Optimize.auto with Method = Some "nelder-mead" } [| -1.2; 1.0 |]
            Expect.equal values.Derivatives "none" "values only"
            let error = throws<ArgumentException> (fun () -> Optimize.solveWith { Optimize.auto with Method = Some "simplex" } rosenbrock [| -1.2; 1.0 |] |> ignore)
            Expect.equal error.ParamName "method" "names the argument"
        }
        test "SolveWithBoundsChoosesLbfgsbAndReportsTheActiveBound" {
            // Rosenbrock with x ≤ 0.5: the minimum over the box is (0.5, 0.25), x₀ at its upper bound.
            let settings = Optimize.auto |> Optimize.withBounds [| -2.0; -2.0 |] [| 0.5; 0.5 |]
            let result = Optimize.solveWith settings rosenbrock [| -1.2; 0.4 |]
            Expect.equal result.Method "lbfgsb" "L-BFGS-B with bounds, as scipy chooses"
            Expect.stringContains result.MethodReason "L-BFGS-B" "says it chose"
            Expect.isTrue result.Converged $"converged ({result})"
            Expect.equal result.Minimizer[0] 0.5 "x₀ at its upper bound"
            Expect.floatClose Accuracy.high result.Minimizer[1] 0.25 "x₁ free"
            Expect.sequenceEqual result.ActiveBounds [ 0 ] "x₀ active"
            Expect.isLessThanOrEqual result.ProjectedGradientNorm 1e-6 "projected gradient"
            let bowl (x: HessianVectorVariable[]) = pown (x[0] - num 2.0) 2 + pown (x[1] + num 1.0) 2
            for name in [ "lbfgsb"; "tron"; "nelder-mead"; "coordinate-descent" ] do
                let named = Optimize.solveWith { settings with Method = Some name } bowl [| 0.0; 0.0 |]
                Expect.equal (named.Method, named.MethodReason) (name, "named by the caller") name
                Expect.floatClose Accuracy.medium named.Minimizer[0] 0.5 $"{name}: x₀ at its upper bound"
                Expect.floatClose Accuracy.medium named.Minimizer[1] -1.0 $"{name}: x₁ free"
            let error = throws<ArgumentException> (fun () -> Optimize.solveWith { settings with Method = Some "bfgs" } rosenbrock [| -1.2; 0.4 |] |> ignore)
            Expect.equal error.ParamName "bounds" "a method without bounds support is refused naming the bounds"
            let error = throws<ArgumentException> (fun () -> Optimize.auto |> Optimize.withBounds [| 1.0 |] [| 0.0 |] |> ignore)
            Expect.equal error.ParamName "lower" "lower > upper names the argument"
            let unbounded = Optimize.solveWith { Optimize.auto with Bounds = Some(Optimize.Constraints.Bounds.Unbounded 2) } rosenbrock [| -1.2; 1.0 |]
            Expect.equal unbounded.Method "bfgs" "bounds infinite everywhere are no bounds"
        }
    ]
