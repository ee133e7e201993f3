/// Random expression trees and points for the property tests.
module Optimize.FSharp.Tests.Generators

open FsCheck
open FsCheck.FSharp
open Optimize.FSharp.Symbolic

/// The number of variables of the random functions.
let dimension = 3

/// Variable names for printing and parsing.
let names = [| "x"; "y"; "z" |]

let private constant = Gen.choose (-8, 8) |> Gen.map (fun k -> Constant(float k / 4.0))

let private leaf =
    Gen.oneof [ Gen.choose (0, dimension - 1) |> Gen.map Variable; constant ]

let private one = Constant 1.0
let private onePlusSquare u = Sum [ one; Power(u, 2) ]
let private half u = Product [ Constant 0.5; u ]

/// Raw (unsimplified) trees of smooth functions whose arguments are kept inside the functions'
/// domains (log and sqrt of 1 + u², arcsine of tanh u / 2, …), so that values and derivatives are
/// finite and moderate on [-1.5, 1.5]ⁿ and central differences are accurate.
let smooth : Gen<SymbolicExpression> =
    let rec tree depth =
        if depth = 0 then leaf
        else
            let sub = tree (depth - 1)
            Gen.frequency
                [ 2, leaf
                  3, Gen.map2 (fun a b -> Sum [ a; b ]) sub sub
                  2, Gen.map2 (fun a b -> Sum [ a; Product [ Constant -1.0; b ] ]) sub sub
                  3, Gen.map2 (fun a b -> Product [ a; b ]) sub sub
                  2, Gen.map2 (fun a b -> Product [ a; Power(onePlusSquare b, -1) ]) sub sub
                  2, Gen.map2 (fun a k -> Power(a, k)) sub (Gen.choose (2, 3))
                  1, Gen.map2 (fun a k -> Power(onePlusSquare a, k)) sub (Gen.choose (-2, -1))
                  1, Gen.map2 (fun a b -> RealPower(onePlusSquare a, Apply(Sin, b))) sub sub
                  1, Gen.map2 (fun a b -> Apply2(Atan2, a, onePlusSquare b)) sub sub
                  4, Gen.map2 (fun f a -> Apply(f, a)) (Gen.elements [ Sin; Cos; Atan; Tanh ]) sub
                  1, Gen.map (fun a -> Apply(Exp, Apply(Tanh, a))) sub
                  1, Gen.map (fun a -> Apply(Sinh, Apply(Sin, a))) sub
                  1, Gen.map (fun a -> Apply(Cosh, Apply(Sin, a))) sub
                  1, Gen.map (fun a -> Apply(Tan, half (Apply(Tanh, a)))) sub
                  1, Gen.map (fun a -> Apply(Sqrt, onePlusSquare a)) sub
                  1, Gen.map (fun a -> Apply(Log, onePlusSquare a)) sub
                  1, Gen.map (fun a -> Apply(Asin, half (Apply(Tanh, a)))) sub
                  1, Gen.map (fun a -> Apply(Acos, half (Apply(Tanh, a)))) sub ]
    Gen.sized (fun size -> tree (min 4 (1 + size / 25)))

/// Raw trees over every construct, including non-smooth ones (abs, sign, min, max, conditionals) and
/// unrestricted domains; values may be NaN or infinite.
let anyTree : Gen<SymbolicExpression> =
    let rec tree depth =
        if depth = 0 then leaf
        else
            let sub = tree (depth - 1)
            let list = Gen.choose (1, 3) |> Gen.bind (fun k -> Gen.listOfLength k sub)
            Gen.frequency
                [ 2, leaf
                  3, Gen.map Sum list
                  3, Gen.map Product list
                  2, Gen.map2 (fun a k -> Power(a, k)) sub (Gen.choose (-3, 3))
                  1, Gen.map2 (fun a b -> RealPower(a, b)) sub sub
                  3, Gen.map2 (fun f a -> Apply(f, a)) (Gen.elements [ Sqrt; Exp; Log; Sin; Cos; Tan; Asin; Acos; Atan; Sinh; Cosh; Tanh; Abs; Sign ]) sub
                  1, Gen.map3 (fun f a b -> Apply2(f, a, b)) (Gen.elements [ Atan2; Min; Max ]) sub sub
                  1, gen {
                         let! c = Gen.elements [ Greater; Equal; MaxTakesFirst; MinTakesFirst ]
                         let! u, v = Gen.zip sub sub
                         let! a, b = Gen.zip sub sub
                         return Conditional(c, u, v, a, b) } ]
    Gen.sized (fun size -> tree (min 4 (1 + size / 25)))

/// A point of [-1.5, 1.5]ⁿ on a grid fine enough to avoid coincidences.
let point : Gen<float[]> =
    Gen.arrayOfLength dimension (Gen.choose (-15000, 15000) |> Gen.map (fun k -> float k / 10000.0))

/// A direction with entries in [-1, 1].
let direction : Gen<float[]> =
    Gen.arrayOfLength dimension (Gen.choose (-1000, 1000) |> Gen.map (fun k -> float k / 1000.0))

/// A smooth tree with a point.
let smoothAtPoint = Arb.fromGen (Gen.zip smooth point)

/// A smooth tree with a point and a direction.
let smoothAtPointAlong = Arb.fromGen (Gen.zip3 smooth point direction)

/// Any tree with a point.
let anyAtPoint = Arb.fromGen (Gen.zip anyTree point)

/// Any tree.
let any = Arb.fromGen anyTree
