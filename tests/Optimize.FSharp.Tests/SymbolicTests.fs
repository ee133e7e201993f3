module Optimize.FSharp.Tests.SymbolicTests

open System
open Expecto
open FsCheck.FSharp
open MathNet.Numerics.LinearAlgebra
open Optimize.Oracles
open Optimize.FSharp.Symbolic
open Optimize.FSharp.Tests.Numerics

/// A function reflected so that quotations calling it can inline it.
[<ReflectedDefinition>]
let square (u: float) = u * u

let private sineOfSquare = Symbolic.ofQuotation <@ fun x -> sin (x * x) @>

let private lectureExample =
    Symbolic.ofQuotation <@ fun x1 x2 -> (sin (x1 / x2) + x1 / x2 - exp x2) * (x1 / x2 - exp x2) @>

let private rosenbrock = Symbolic.ofQuotation <@ fun (x: float[]) -> 100.0 * pown (x[1] - x[0] * x[0]) 2 + pown (1.0 - x[0]) 2 @>

let private gradientAt (f: SymbolicFunction) (x: float[]) =
    let g = Array.zeroCreate x.Length
    let value = (Symbolic.objective f).ValueAndGradient(ReadOnlySpan x, Span g)
    value, g

let private parseXyz text = Parsing.parse Generators.names text

let private printXyz e = Printing.math Generators.names e

let private propertyConfig = { FsCheckConfig.defaultConfig with maxTest = 200 }

[<Tests>]
let workedExamples =
    testList "Worked examples from the lecture" [
        test "DerivativeOfSineOfSquarePrintsAsTwoXCosineOfXSquared" {
            let derivative = Symbolic.derivative 0 sineOfSquare
            Expect.equal (Symbolic.print derivative) "2*x*cos(x^2)" "math notation"
            Expect.equal (Symbolic.latex derivative) @"2 x \cos\left(x^{2}\right)" "LaTeX"
            Expect.equal (Symbolic.parse [| "x" |] "2*x*cos(x^2)") derivative "parsed back"
        }
        test "DerivativeOfSineOfSquareAtTwoEqualsFourCosineFour" {
            let derivative = Symbolic.objective (Symbolic.derivative 0 sineOfSquare)
            let value = derivative.Value(ReadOnlySpan [| 2.0 |])
            Expect.isLessThanOrEqual (abs (value - 4.0 * cos 4.0)) 1e-15 "d/dx sin(x²) at 2"
            let _, g = gradientAt sineOfSquare [| 2.0 |]
            Expect.isLessThanOrEqual (abs (g[0] - 4.0 * cos 4.0)) 1e-15 "gradient of sin(x²) at 2"
        }
        test "DerivativeOfSquarePlusOneSquaredAtOneEqualsEight" {
            for f in [ Symbolic.ofQuotation <@ fun x -> pown (x * x + 1.0) 2 @>
                       Symbolic.ofQuotation <@ fun x -> (x ** 2.0 + 1.0) ** 2.0 @>
                       Symbolic.ofQuotation <@ fun x -> let u = x * x + 1.0 in u * u @> ] do
                let _, g = gradientAt f [| 1.0 |]
                Expect.equal g[0] 8.0 $"d/dx (x² + 1)² at 1 for {f}"
        }
        test "GradientOfTwoVariableExampleMatchesTheForwardModeTable" {
            let value, g = gradientAt lectureExample [| 1.5; 0.5 |]
            Expect.isLessThan (abs (value - 2.0167)) 1e-4 "y at (1.5, 0.5)"
            Expect.isLessThan (abs (g[0] - 3.0118)) 1e-4 "∂y/∂x1"
            Expect.isLessThan (abs (g[1] - -13.7239)) 1e-4 "∂y/∂x2"
            let reference = centralGradient (fun x -> Symbolic.evaluate x lectureExample) [| 1.5; 0.5 |]
            expectAllClose 1e-8 g reference "central differences"
        }
    ]

[<Tests>]
let simplification =
    let x, y = Variable 0, Variable 1
    let prints expected e = Expect.equal (printXyz e) expected $"{expected}"
    testList "Simplification" [
        test "MultiplyingByOneLeavesTheExpression" { prints "x" (x * 1.0) }
        test "AddingZeroLeavesTheExpression" { prints "x" (x + 0.0) }
        test "MultiplyingByZeroGivesZero" { prints "0" (sin x * 0.0) }
        test "PowerOneLeavesTheBase" { prints "x" (SymbolicExpression.pow x 1) }
        test "LikeTermsAreCollected" {
            prints "2*x" (x + x)
            prints "5*x*y" (2.0 * x * y + 3.0 * y * x)
            prints "0" (x - x)
        }
        test "LikePowersAreCollected" {
            prints "x^2" (x * x)
            prints "x^3" (x * x ** 2.0)
            prints "y" (x * y / x)
            prints "x^6" (SymbolicExpression.pow (x * x) 3)
        }
        test "ConstantsAreFolded" {
            prints "6" (Constant 2.0 * Constant 3.0 + sin (Constant 0.0))
            prints "x + 3" (1.0 + x + 2.0)
        }
        test "QuotientsDifferencesAndPowersPrintInOrdinaryNotation" {
            prints "x/y" (x / y)
            prints "x - y" (x - y)
            prints "1 - x" (1.0 - x)
            prints "-x - 1" (-1.0 - x)
            prints "1/x^2" (1.0 / (x * x))
            prints "-x" (-x)
            prints "(x + 1)^2" (SymbolicExpression.pow (x + 1.0) 2)
            prints "x^y" (x ** y)
            prints "2*x/(y*z)" (2.0 * x / (y * Variable 2))
            prints "atan2(y, x)" (SymbolicExpression.Atan2(y, x))
        }
        test "LatexUsesFractionsAndFunctionCommands" {
            let e = sqrt x / (y + 1.0) + atan x
            Expect.equal (Printing.latex [| "x1"; "x2" |] e) @"\frac{\sqrt{x_{1}}}{x_{2} + 1} + \arctan\left(x_{1}\right)" "LaTeX"
        }
        test "ExpressionsFromDifferentOperandOrdersAreEqual" {
            Expect.equal (x * sin y + 2.0) (2.0 + sin y * x) "canonical form"
            Expect.equal (hash (x * sin y + 2.0)) (hash (2.0 + sin y * x)) "hash"
        }
        testPropertyWithConfig propertyConfig "SimplificationPreservesValues" (
            Prop.forAll Generators.anyAtPoint (fun (raw, point) ->
                let before = SymbolicExpression.evaluate point raw
                let after = SymbolicExpression.evaluate point (SymbolicExpression.simplify raw)
                // x/x = 1 and the like may turn an undefined value into a defined one, never the reverse.
                (not (moderate 1e6 [ before ])) || close 1e-9 after before))
        testPropertyWithConfig propertyConfig "SimplificationIsIdempotent" (
            Prop.forAll Generators.any (fun raw ->
                let once = SymbolicExpression.simplify raw
                SymbolicExpression.simplify once = once))
    ]

[<Tests>]
let parsing =
    testList "Parsing" [
        test "ParsingReadsOrdinaryNotation" {
            let e = parseXyz "2*x*cos(x^2) - y/(1 + z^2) + atan2(y, x)^2 - -3"
            Expect.equal (printXyz e) "2*x*cos(x^2) - y/(z^2 + 1) + atan2(y, x)^2 + 3" "printed"
            Expect.equal (SymbolicExpression.evaluate [| 1.0; 2.0; 3.0 |] e) (2.0 * cos 1.0 - 0.2 + atan2 2.0 1.0 ** 2.0 + 3.0) "value"
        }
        test "ParsingReadsIndexedNames" {
            let f = Symbolic.parse [| "x[0]"; "x[1]" |] "x[0]*exp(x[1])"
            Expect.equal (Symbolic.evaluate [| 2.0; 0.0 |] f) 2.0 "value"
        }
        test "ParsingRejectsUnknownNamesWithThePosition" {
            let error = throws<ArgumentException> (fun () -> parseXyz "x + w" |> ignore)
            Expect.stringContains (error.Message) "position 4" "position"
            Expect.stringContains (error.Message) "'w'" "name"
        }
        testPropertyWithConfig propertyConfig "PrintingThenParsingGivesTheSameExpression" (
            Prop.forAll Generators.any (fun raw ->
                let e = SymbolicExpression.simplify raw
                parseXyz (printXyz e) = e))
    ]

[<Tests>]
let quotations =
    let at x f = Symbolic.evaluate x f
    testList "Quotations" [
        test "CurriedTupledAndArrayFunctionsGiveTheSameExpression" {
            let tupled = Symbolic.ofQuotation <@ fun (x1, x2) -> (sin (x1 / x2) + x1 / x2 - exp x2) * (x1 / x2 - exp x2) @>
            let array =
                Symbolic.ofQuotation
                    <@ fun (x: float[]) ->
                        let v1 = x[0] / x[1]
                        let v3 = exp x[1]
                        (sin v1 + v1 - v3) * (v1 - v3) @>
            Expect.equal tupled.Body lectureExample.Body "tupled"
            Expect.equal array.Body lectureExample.Body "array"
            Expect.equal tupled.Names [| "x1"; "x2" |] "tupled names"
            Expect.equal array.Names [| "x[0]"; "x[1]" |] "array names"
        }
        test "ElementaryFunctionsAndMathMethodsAreRecognized" {
            let f =
                Symbolic.ofQuotation
                    <@ fun x y ->
                        sqrt x + exp y + log x + sin x + cos y + tan x + asin (x / 4.0) + acos (y / 4.0) + atan x
                        + atan2 y x + sinh x + cosh y + tanh x + abs (x - y) + min x y + max x y
                        + Math.Sin x + Math.Pow(x, y) + x ** 2.5 + pown y 3 + float 2 * (-x) @>
            let x, y = 1.3, 0.7
            let expected =
                sqrt x + exp y + log x + sin x + cos y + tan x + asin (x / 4.0) + acos (y / 4.0) + atan x
                + atan2 y x + sinh x + cosh y + tanh x + abs (x - y) + min x y + max x y
                + Math.Sin x + Math.Pow(x, y) + x ** 2.5 + pown y 3 + 2.0 * (-x)
            Expect.isTrue (close 1e-14 (at [| x; y |] f) expected) "value"
            let _, g = gradientAt f [| x; y |]
            expectAllClose 1e-7 g (centralGradient (fun p -> at p f) [| x; y |]) "gradient"
        }
        test "ReflectedDefinitionsAreInlined" {
            let f = Symbolic.ofQuotation <@ fun x -> square (sin x) + square 2.0 @>
            Expect.equal (Symbolic.print f) "sin(x)^2 + 4" "inlined"
        }
        test "LetBoundIntegersServeAsIndicesAndExponents" {
            let f = Symbolic.ofQuotation <@ fun (x: float[]) -> let i = 1 in let k = i + 2 in pown x[i + 1] k @>
            Expect.equal f.Dimension 3 "dimension from the highest index"
            Expect.equal (Symbolic.print f) "x[2]^3" "body"
        }
        test "SumsOverIntegerRangesAreUnrolled" {
            let n = 100
            let extended =
                Symbolic.ofQuotation
                    <@ fun (x: float[]) ->
                        Array.sumBy (fun k -> 100.0 * pown (x[2 * k + 1] - x[2 * k] * x[2 * k]) 2 + pown (1.0 - x[2 * k]) 2) [| 0 .. n / 2 - 1 |] @>
            Expect.equal extended.Dimension n "dimension"
            let problem = Optimize.Problems.ProblemLibrary.ExtendedRosenbrock n
            let x = problem.StartingPoint |> Array.mapi (fun i v -> v + 0.01 * float i)
            let value, g = gradientAt extended x
            let expected = Array.zeroCreate n
            let expectedValue = problem.ValueAndGradient(ReadOnlySpan x, Span expected)
            Expect.isTrue (close 1e-14 value expectedValue) "value"
            expectAllClose 1e-13 g expected "gradient"
            let h, expectedH = Matrix<float>.Build.Dense(n, n), Matrix<float>.Build.Dense(n, n)
            (Symbolic.objective extended).Hessian(ReadOnlySpan x, h)
            problem.Hessian(ReadOnlySpan x, expectedH)
            Expect.isLessThan ((h - expectedH).FrobeniusNorm()) 1e-10 "Hessian"
            let comprehension = Symbolic.ofQuotation <@ fun (x: float[]) -> Seq.sum (seq { for i in 0 .. 2 .. 4 -> x[i] * float i }) + List.sum [ for i in 1 .. 2 -> x[i] ] @>
            Expect.equal (Symbolic.print comprehension) "x[1] + 3*x[2] + 4*x[4]" "comprehensions"
        }
        test "ArrayDimensionCanBeGivenAndIsChecked" {
            let f = Symbolic.ofArrayQuotation 4 <@ fun (x: float[]) -> x[0] @>
            Expect.equal f.Dimension 4 "explicit dimension"
            Expect.throwsT<ArgumentException> (fun () -> Symbolic.ofArrayQuotation 1 <@ fun (x: float[]) -> x[2] @> |> ignore) "index past the dimension"
        }
        test "UnsupportedConstructsAreRejectedWithTheirDescription" {
            let error = throws<ArgumentException> (fun () -> Symbolic.ofQuotation <@ fun x -> if x > 0.0 then x else -x @> |> ignore)
            Expect.stringContains error.Message "does not support" "message"
            Expect.throwsT<ArgumentException> (fun () -> Symbolic.ofQuotation <@ 3.0 @> |> ignore) "not a function"
        }
    ]

[<Tests>]
let differentiation =
    testList "Differentiation" [
        test "HessianOfRosenbrockAtTheMinimumIsTheKnownMatrix" {
            let h = Matrix<float>.Build.Dense(2, 2)
            (Symbolic.objective rosenbrock).Hessian(ReadOnlySpan [| 1.0; 1.0 |], h)
            Expect.equal (h.ToArray()) (array2D [ [ 802.0; -400.0 ]; [ -400.0; 200.0 ] ]) "∇²f(1, 1)"
            let sparse = Matrix<float>.Build.Sparse(2, 2)
            (Symbolic.objective rosenbrock).Hessian(ReadOnlySpan [| 1.0; 1.0 |], sparse)
            Expect.equal (sparse.ToArray()) (h.ToArray()) "written into a sparse matrix"
        }
        test "DirectionalDerivativeIsTheGradientAlongTheDirection" {
            let v = [| 0.3; -2.0 |]
            let x = [| 1.5; 0.5 |]
            let _, g = gradientAt lectureExample x
            let along = Symbolic.directional v lectureExample |> Symbolic.evaluate x
            Expect.isTrue (close 1e-14 along (g[0] * v[0] + g[1] * v[1])) "∇f·v"
        }
        test "NonSmoothFunctionsHaveTheDerivativeOfTheActiveBranch" {
            let f = Symbolic.ofQuotation <@ fun x y -> abs (x - y) + min x (2.0 * y) + max (x * y) 1.0 @>
            let _, g = gradientAt f [| 3.0; 2.0 |]
            Expect.equal g [| 1.0 + 1.0 + 2.0; -1.0 + 0.0 + 3.0 |] "at (3, 2): x > y, x < 2y, xy > 1"
            let _, g = gradientAt f [| 0.5; 1.0 |]
            Expect.equal g [| -1.0 + 1.0; 1.0 |] "at (0.5, 1): x < y, x < 2y, xy < 1"
        }
        test "MaxSelectsItsDerivativeAsTheRuntimeModesDoAtTiesOfInfinitiesAndNaNArguments" {
            let x, y = SymbolicExpression.var 0, SymbolicExpression.var 1
            let names = [| "x"; "y" |]
            let dx = Differentiation.derivative 0 (SymbolicExpression.max x y)
            Expect.equal (Printing.math names dx) "if(x >= y, 1, 0)" "printed"
            Expect.equal (Parsing.parse names "if(x >= y, 1, 0)") dx "read back"
            Expect.equal (Printing.latex names dx) @"\begin{cases} 1 & \text{if } x \geq y \\ 0 & \text{otherwise} \end{cases}" "LaTeX"
            let f = SymbolicFunction.Create(names, SymbolicExpression.max x y)
            for point, expected in [ [| -infinity; -infinity |], 1.0; [| nan; 1.0 |], 1.0; [| 1.0; nan |], 0.0; [| 1.0; 2.0 |], 0.0 ] do
                Expect.equal (SymbolicExpression.evaluate point dx) expected $"∂/∂x at %A{point}, interpreted"
                Expect.equal (snd (gradientAt f point)).[0] expected $"∂/∂x at %A{point}, compiled"
        }
        test "PowersOfAVariableBaseAndExponentHaveTheRuntimePartialsAtZeroAndNegativeBases" {
            let f = Symbolic.ofQuotation <@ fun x y -> x ** y @>
            for point, expected in [ [| 0.0; 0.0 |], [| 0.0; 0.0 |]; [| -2.0; 3.0 |], [| 12.0; 0.0 |]; [| 0.0; 0.5 |], [| infinity; 0.0 |]
                                     [| 2.0; 3.0 |], [| 12.0; 8.0 * log 2.0 |] ] do
                Expect.equal (Symbolic.gradient f |> Array.map (SymbolicExpression.evaluate point)) expected $"∇f at %A{point}, interpreted"
                Expect.equal (snd (gradientAt f point)) expected $"∇f at %A{point}, compiled"
            let constantExponent = Symbolic.ofQuotation <@ fun x -> x ** 2.5 @>
            let derivative = (Symbolic.gradient constantExponent).[0]
            Expect.equal (Symbolic.printExpression constantExponent derivative) "2.5*x^1.5" "no conditional for a constant exponent"
        }
        test "ValueAndGradientShareTheirCommonSubexpressions" {
            let outputs = Array.append [| lectureExample.Body |] (Symbolic.gradient lectureExample)
            let shared = Compilation.commonSubexpressions outputs |> List.map (Printing.math lectureExample.Names)
            for expected in [ "x1/x2 - exp(x2)"; "-exp(x2)"; "x1/x2"; "cos(x1/x2)" ] do
                Expect.contains shared expected $"{expected} is computed once"
        }
        testPropertyWithConfig propertyConfig "SymbolicGradientEqualsCentralDifferences" (
            Prop.forAll Generators.smoothAtPoint (fun (raw, point) ->
                let f = SymbolicFunction.Create(Generators.names, raw)
                let value, g = gradientAt f point
                let reference = centralGradient (fun x -> SymbolicExpression.evaluate x raw) point
                (not (moderate 1e4 (value :: List.ofArray reference)))
                || Array.forall2 (close 1e-6) g reference))
        testPropertyWithConfig propertyConfig "DerivativeOfTheRawTreeEqualsDerivativeOfTheSimplifiedTree" (
            Prop.forAll Generators.smoothAtPoint (fun (raw, point) ->
                let simplified = SymbolicExpression.simplify raw
                [ 0 .. Generators.dimension - 1 ]
                |> List.forall (fun i ->
                    close 1e-9
                        (SymbolicExpression.evaluate point (Differentiation.derivative i raw))
                        (SymbolicExpression.evaluate point (Differentiation.derivative i simplified)))))
        testPropertyWithConfig propertyConfig "CompiledCodeEqualsTheInterpreter" (
            Prop.forAll Generators.smoothAtPoint (fun (raw, point) ->
                let f = SymbolicFunction.Create(Generators.names, raw)
                let value, g = gradientAt f point
                let interpreted = Symbolic.gradient f |> Array.map (SymbolicExpression.evaluate point)
                close 1e-12 value (Symbolic.evaluate point f) && Array.forall2 (close 1e-12) g interpreted))
        testPropertyWithConfig propertyConfig "HessianEqualsCentralDifferencesOfTheGradient" (
            Prop.forAll Generators.smoothAtPointAlong (fun (raw, point, v) ->
                let objective = Symbolic.objective (SymbolicFunction.Create(Generators.names, raw))
                let n = Generators.dimension
                let h = Matrix<float>.Build.Dense(n, n)
                objective.Hessian(ReadOnlySpan point, h)
                let gradientEntry i (x: float[]) =
                    let g = Array.zeroCreate n
                    objective.ValueAndGradient(ReadOnlySpan x, Span g) |> ignore
                    g[i]
                let columns = Array.init n (fun i -> centralGradient (gradientEntry i) point)
                let hv = Array.zeroCreate n
                objective.HessianVector(ReadOnlySpan point, ReadOnlySpan v, Span hv)
                let product = (h * Vector<float>.Build.DenseOfArray v).ToArray()
                (not (moderate 1e4 (Seq.concat columns)))
                || (Seq.forall id (seq { for i in 0 .. n - 1 do for j in 0 .. n - 1 -> close 1e-5 (h[i, j]) (columns[i][j]) })
                    && Array.forall2 (close 1e-12) hv product)))
    ]

[<Tests>]
let objective =
    testList "Symbolic objective" [
        test "SymbolicObjectiveIsAnOracleThatCanBeCounted" {
            let counted = CountingObjective.Wrap(Symbolic.objective rosenbrock :> IHessianObjective)
            let g = Array.zeroCreate 2
            let value = counted.ValueAndGradient(ReadOnlySpan [| -1.2; 1.0 |], Span g)
            Expect.isTrue (close 1e-15 value 24.2) "f(-1.2, 1)"
            expectAllClose 1e-15 g [| -215.6; -88.0 |] "∇f(-1.2, 1)"
            Expect.equal counted.Counts (EvaluationCounts(1L, 1L, 0L, 0L)) "counts"
        }
        test "WrongDimensionsAreRejectedNamingTheArgument" {
            let f = Symbolic.objective rosenbrock
            let error = throws<ArgumentException> (fun () -> f.Value(ReadOnlySpan [| 1.0 |]) |> ignore)
            Expect.equal error.ParamName "x" "argument named"
            Expect.throwsT<ArgumentException> (fun () -> f.ValueAndGradient(ReadOnlySpan [| 1.0; 2.0 |], Span(Array.zeroCreate 3)) |> ignore) "gradient length"
            Expect.throwsT<ArgumentException> (fun () -> SymbolicFunction.Create([| "x" |], Variable 1) |> ignore) "variable beyond the names"
        }
        test "FunctionsWrittenWithInlineGenericArithmeticBuildExpressions" {
            let inline rosen (x: ^T[]) : ^T =
                let one = LanguagePrimitives.GenericOne
                let ten = (one + one) * (one + one + one + one + one)
                let hundred = ten * ten
                hundred * pown (x[1] - x[0] * x[0]) 2 + pown (one - x[0]) 2
            let f = Symbolic.ofFunction 2 rosen
            Expect.equal f.Body rosenbrock.Body "same expression as the quotation"
            Expect.isTrue (close 1e-15 (rosen [| -1.2; 1.0 |]) 24.2) "and the same code runs on floats"
        }
    ]

[<Tests>]
let inspection =
    testList "Inspection" [
        test "VariablesListsTheIndicesTheExpressionDependsOn" {
            Expect.equal (SymbolicExpression.variables lectureExample.Body) [ 0; 1 ] "both variables"
            Expect.equal (SymbolicExpression.variables (Symbolic.derivative 0 sineOfSquare).Body) [ 0 ] "x"
            Expect.equal (SymbolicExpression.variables (Constant 2.0)) [] "none"
        }
        test "OperandsAreTheDirectSubexpressions" {
            let x, y = Variable 0, Variable 1
            Expect.equal (SymbolicExpression.operands (x + y)) [ x; y ] "sum"
            Expect.equal (SymbolicExpression.operands (SymbolicExpression.Atan2(y, x))) [ y; x ] "atan2"
            Expect.equal (SymbolicExpression.operands x) [] "variable"
        }
    ]

/// Asserts that a symbolic oracle's value, gradient and Hessian at the problem's start equal the hand-coded ones.
let expectAgreesWithHandCoded (symbolic: IHessianObjective) (problem: Optimize.Problems.TestProblem) =
    let x = problem.StartingPoint
    let n = x.Length
    let g, expected = Array.zeroCreate n, Array.zeroCreate n
    let value = symbolic.ValueAndGradient(ReadOnlySpan x, Span g)
    let expectedValue = problem.ValueAndGradient(ReadOnlySpan x, Span expected)
    Expect.isTrue (close 1e-14 value expectedValue) $"{problem.Name}: value"
    expectAllClose 1e-13 g expected $"{problem.Name}: gradient"
    let h, expectedH = Matrix<float>.Build.Dense(n, n), Matrix<float>.Build.Dense(n, n)
    symbolic.Hessian(ReadOnlySpan x, h)
    problem.Hessian(ReadOnlySpan x, expectedH)
    for i in 0 .. n - 1 do expectAllClose 1e-12 (h.Row(i).ToArray()) (expectedH.Row(i).ToArray()) $"{problem.Name}: Hessian row {i}"

[<Tests>]
let problemLibrary =
    let agreesWithHandCoded (f: SymbolicFunction) problem = expectAgreesWithHandCoded (Symbolic.objective f) problem
    testList "Problem library" [
        test "SymbolicDerivativesEqualTheHandCodedOnesOfTheLectureProblems" {
            agreesWithHandCoded sineOfSquare (Optimize.Problems.ProblemLibrary.SineOfSquare())
            agreesWithHandCoded (Symbolic.ofQuotation <@ fun x -> pown (x * x + 1.0) 2 @>) (Optimize.Problems.ProblemLibrary.SquarePlusOneSquared())
            agreesWithHandCoded lectureExample (Optimize.Problems.ProblemLibrary.GriewankWaltherExample())
            agreesWithHandCoded rosenbrock (Optimize.Problems.ProblemLibrary.Rosenbrock())
            agreesWithHandCoded
                (Symbolic.ofQuotation <@ fun (x: float[]) -> pown (1.5 - x[0] + x[0] * x[1]) 2 + pown (2.25 - x[0] + x[0] * x[1] * x[1]) 2 + pown (2.625 - x[0] + x[0] * pown x[1] 3) 2 @>)
                (Optimize.Problems.ProblemLibrary.Beale())
        }
    ]

/// Values that quotations capture from outside: a module-level array and record, read as PropertyGet (None, …).
let capturedWeights = [| 2.0; 3.0 |]

type Scaling = { Scale: float }

let capturedScaling = { Scale = 4.0 }

/// A quotation built inside a function, capturing its argument (an array of data), a local value and a closure
/// applied to a constant (one that is applied to a variable cannot be differentiated: it is rejected).
let private leastSquaresOf (data: float[]) =
    let offset = List.average [ 0.5; 1.5 ]
    let scale = fun t -> 2.0 * t
    <@ fun (w: float[]) -> scale 0.5 * Array.sumBy (fun i -> pown (w[0] * data[i] - offset) 2) [| 0 .. data.Length - 1 |] @>

[<Tests>]
let capturedValues =
    testList "Quotations that use captured values" [
        test "ModuleLevelArraysAndRecordFieldsBecomeConstants" {
            let f = Symbolic.ofQuotation <@ fun (x: float[]) -> capturedWeights[0] * x[0] * x[0] + capturedWeights[1] * x[1] + capturedScaling.Scale @>
            let value, gradient = gradientAt f [| 1.0; 1.0 |]
            Expect.floatClose Accuracy.veryHigh value 9.0 "2·1 + 3·1 + 4"
            expectAllClose 1e-15 gradient [| 4.0; 3.0 |] "(2·2·x₀, 3)"
        }
        test "ArraysCapturedByAClosureAndTheirLengthBecomeConstants" {
            let data = [| 1.0; 2.0; 3.0 |]
            let f = Symbolic.ofQuotation (leastSquaresOf data)
            let value, gradient = gradientAt f [| 1.0 |]
            // Σ (w·dᵢ − 1)² = 0 + 1 + 4 at w = 1; its derivative 2 Σ (w·dᵢ − 1)·dᵢ = 2·(0 + 2 + 6).
            Expect.floatClose Accuracy.veryHigh value 5.0 "value"
            expectAllClose 1e-15 gradient [| 16.0 |] "gradient"
        }
        test "ClosedExpressionsOfCapturedClosuresAreEvaluatedOnce" {
            let twice = fun t -> 2.0 * t
            let f = Symbolic.ofQuotation <@ fun x -> x * twice 3.0 @>
            Expect.equal (Symbolic.print f) "6*x" "the closure's value at 3 is a constant"
        }
        test "AClosureAppliedToAVariableIsStillRejectedByName" {
            let twice = fun t -> 2.0 * t
            let error = throws<ArgumentException> (fun () -> Symbolic.ofQuotation <@ fun x -> twice x @> |> ignore)
            Expect.equal error.ParamName "quotation" "names the argument"
        }
    ]
