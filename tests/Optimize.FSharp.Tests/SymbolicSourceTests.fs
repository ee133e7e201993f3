module Optimize.FSharp.Tests.SymbolicSourceTests

open System
open System.Globalization
open Expecto
open Optimize.AutoDiff
open Optimize.Oracles
open Optimize.Problems
open Optimize.FSharp.Symbolic
open Optimize.FSharp.Tests.Numerics

let private variables n = Array.init n (fun i -> "x" + (i + 1).ToString(CultureInfo.InvariantCulture))

/// Every problem of the library at its default size, and extended Rosenbrock at a few more sizes.
let private problems =
    [ yield! ProblemLibrary.Standard
      for n in [ 2; 4; 12 ] -> ProblemLibrary.ExtendedRosenbrock n ]

let private withClosedForm = problems |> List.filter (fun p -> not (isNull p.ClosedForm))

let private closedFormOf (problem: TestProblem) : string =
    match problem.ClosedForm with
    | null -> failwith $"{problem.Name} states no closed form"
    | text -> text

/// A random point around the start: each coordinate moved by up to ±(1 + |xᵢ|)/2.
let private randomPoint (random: Random) (problem: TestProblem) =
    problem.StartingPoint |> Array.map (fun v -> v + (random.NextDouble() - 0.5) * (1.0 + abs v))

[<Tests>]
let closedForms =
    testList "Closed forms of the problem library" [
        test "EveryClosedFormAgreesWithTheProblemsValueAtRandomPoints" {
            Expect.isGreaterThanOrEqual withClosedForm.Length 8 "the problems with a closed form"
            let random = Random 11
            for problem in withClosedForm do
                let f = Symbolic.parse (variables problem.Dimension) (closedFormOf problem)
                for _ in 1 .. 25 do
                    let x = randomPoint random problem
                    let expected = problem.Value(ReadOnlySpan x)
                    let actual = Symbolic.evaluate x f
                    Expect.isTrue (close 1e-13 actual expected) $"{problem.Name} (n = {problem.Dimension}) at {x}: closed form {actual:R}, problem {expected:R}"
        }

        test "AClosedFormThatDriftedFromTheProblemIsCaught" {
            // The check above compares values; a closed form with one constant changed must fail it.
            let problem = ProblemLibrary.Wood()
            let drifted = (closedFormOf problem).Replace("90*", "91*")
            Expect.notEqual drifted (closedFormOf problem) "the replacement changed the text"
            let f = Symbolic.parse (variables 4) drifted
            let x = problem.StartingPoint
            Expect.isFalse (close 1e-13 (Symbolic.evaluate x f) (problem.Value(ReadOnlySpan x))) "a drifted formula differs from the problem"
        }
    ]

[<Tests>]
let symbolicSource =
    testList "Symbolic derivative source" [
        test "AllIsTheStandardRegistryFollowedBySymbolic" {
            Expect.sequenceEqual SymbolicSource.all.Names (Seq.append DerivativeSources.Standard.Names [ "symbolic" ]) "names in table order"
            Expect.equal SymbolicSource.source.Name SymbolicSource.name "name"
            Expect.isTrue (obj.ReferenceEquals(SymbolicSource.all.Find "symbolic", SymbolicSource.source)) "the registered source"
            Expect.equal SymbolicSource.source.Provides OracleCapability.Hessian "gives Hessians"
            Expect.isFalse SymbolicSource.source.GivesJacobian "no Jacobians"
        }

        test "AcceptsExactlyTheFunctionsThatStateAClosedForm" {
            for problem in problems do
                let expected = not (isNull problem.ClosedForm)
                Expect.equal (SymbolicSource.source.Supports problem) expected problem.Name
                Expect.equal (SymbolicSource.source.Supports(CountedFunction problem)) expected $"{problem.Name}, counted"
            let e = throws<ArgumentException> (fun () -> SymbolicSource.source.Create(ProblemLibrary.ConvexQuadratic()) |> ignore)
            Expect.equal e.ParamName "function" "names the argument"
        }

        test "GivesWhatItDeclaresAndAgreesWithTheHandCodedDerivatives" {
            for problem in withClosedForm do
                let x = problem.StartingPoint
                let counted = CountedFunction problem
                let oracle = SymbolicSource.source.Create counted
                Expect.equal (OracleCapabilities.Of oracle) SymbolicSource.source.Provides $"{problem.Name}: capability"
                let symbolic = oracle :?> IHessianObjective
                SymbolicTests.expectAgreesWithHandCoded symbolic problem
                Expect.equal counted.Calls 0L $"{problem.Name}: compiled derivatives are not evaluations of f"
                symbolic.Value(ReadOnlySpan x) |> ignore
                Expect.equal counted.Calls 1L $"{problem.Name}: plain values go through the counted function"
        }

        test "ObjectiveRefusesAFunctionWithoutAClosedForm" {
            let e = throws<ArgumentException> (fun () -> SymbolicSource.objective (ProblemLibrary.HelicalValley()) |> ignore)
            Expect.equal e.ParamName "f" "names the argument"
        }
    ]
