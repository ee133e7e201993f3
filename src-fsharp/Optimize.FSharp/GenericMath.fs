namespace Optimize.FSharp

#nowarn "77" // Member constraints named like the math functions (Sin, Exp, …) are intended here.

open System
open System.Numerics
open Optimize.AutoDiff
open Optimize.FSharp.Symbolic
open Optimize.AutoDiff.Forward
open Optimize.AutoDiff.Reverse

/// The elementary functions through the generic-math interfaces.
module internal Ieee =
    let sin<'T when 'T :> ITrigonometricFunctions<'T>> (u: 'T) = 'T.Sin u
    let cos<'T when 'T :> ITrigonometricFunctions<'T>> (u: 'T) = 'T.Cos u
    let tan<'T when 'T :> ITrigonometricFunctions<'T>> (u: 'T) = 'T.Tan u
    let asin<'T when 'T :> ITrigonometricFunctions<'T>> (u: 'T) = 'T.Asin u
    let acos<'T when 'T :> ITrigonometricFunctions<'T>> (u: 'T) = 'T.Acos u
    let atan<'T when 'T :> ITrigonometricFunctions<'T>> (u: 'T) = 'T.Atan u
    let sinh<'T when 'T :> IHyperbolicFunctions<'T>> (u: 'T) = 'T.Sinh u
    let cosh<'T when 'T :> IHyperbolicFunctions<'T>> (u: 'T) = 'T.Cosh u
    let tanh<'T when 'T :> IHyperbolicFunctions<'T>> (u: 'T) = 'T.Tanh u
    let exp<'T when 'T :> IExponentialFunctions<'T>> (u: 'T) = 'T.Exp u
    let log<'T when 'T :> ILogarithmicFunctions<'T>> (u: 'T) = 'T.Log u
    let sqrt<'T when 'T :> IRootFunctions<'T>> (u: 'T) = 'T.Sqrt u
    let abs<'T when 'T :> INumberBase<'T>> (u: 'T) = 'T.Abs u
    let atan2<'T when 'T :> IFloatingPointIeee754<'T>> (y: 'T) (x: 'T) = 'T.Atan2(y, x)
    let min<'T when 'T :> INumber<'T>> (y: 'T) (x: 'T) = 'T.Min(y, x)
    let max<'T when 'T :> INumber<'T>> (y: 'T) (x: 'T) = 'T.Max(y, x)
    let pow<'T when 'T :> IPowerFunctions<'T>> (u: 'T) (v: 'T) = 'T.Pow(u, v)
    let pown<'T when 'T :> IFloatingPointIeee754<'T>> (u: 'T) (k: int) =
        let mutable result = 'T.One
        for _ in 1 .. abs k do result <- result * u
        if k < 0 then 'T.One / result else result

/// <summary>
/// The elementary functions for the toolkit's number types that do not expose them as their own static
/// members: the automatic-differentiation types get them from the generic-math interfaces (.NET's
/// <see cref="T:System.Numerics.IFloatingPointIeee754`1"/>), which F#'s inline operators do not see.
/// Used by <see cref="T:Optimize.FSharp.GenericMath"/>; not meant to be called directly.
/// </summary>
type ElementaryWitness =
    /// sin u in forward mode.
    static member Sin(u: Dual<float>) = Ieee.sin u
    /// sin u in reverse mode.
    static member Sin(u: Variable) = Ieee.sin u
    /// sin u in forward-over-reverse mode.
    static member Sin(u: Dual<Variable>) = Ieee.sin u
    /// sin u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Sin(u: HessianVectorVariable) = Ieee.sin u
    /// cos u in forward mode.
    static member Cos(u: Dual<float>) = Ieee.cos u
    /// cos u in reverse mode.
    static member Cos(u: Variable) = Ieee.cos u
    /// cos u in forward-over-reverse mode.
    static member Cos(u: Dual<Variable>) = Ieee.cos u
    /// cos u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Cos(u: HessianVectorVariable) = Ieee.cos u
    /// tan u in forward mode.
    static member Tan(u: Dual<float>) = Ieee.tan u
    /// tan u in reverse mode.
    static member Tan(u: Variable) = Ieee.tan u
    /// tan u in forward-over-reverse mode.
    static member Tan(u: Dual<Variable>) = Ieee.tan u
    /// tan u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Tan(u: HessianVectorVariable) = Ieee.tan u
    /// arcsin u in forward mode.
    static member Asin(u: Dual<float>) = Ieee.asin u
    /// arcsin u in reverse mode.
    static member Asin(u: Variable) = Ieee.asin u
    /// arcsin u in forward-over-reverse mode.
    static member Asin(u: Dual<Variable>) = Ieee.asin u
    /// arcsin u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Asin(u: HessianVectorVariable) = Ieee.asin u
    /// arccos u in forward mode.
    static member Acos(u: Dual<float>) = Ieee.acos u
    /// arccos u in reverse mode.
    static member Acos(u: Variable) = Ieee.acos u
    /// arccos u in forward-over-reverse mode.
    static member Acos(u: Dual<Variable>) = Ieee.acos u
    /// arccos u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Acos(u: HessianVectorVariable) = Ieee.acos u
    /// arctan u in forward mode.
    static member Atan(u: Dual<float>) = Ieee.atan u
    /// arctan u in reverse mode.
    static member Atan(u: Variable) = Ieee.atan u
    /// arctan u in forward-over-reverse mode.
    static member Atan(u: Dual<Variable>) = Ieee.atan u
    /// arctan u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Atan(u: HessianVectorVariable) = Ieee.atan u
    /// sinh u in forward mode.
    static member Sinh(u: Dual<float>) = Ieee.sinh u
    /// sinh u in reverse mode.
    static member Sinh(u: Variable) = Ieee.sinh u
    /// sinh u in forward-over-reverse mode.
    static member Sinh(u: Dual<Variable>) = Ieee.sinh u
    /// sinh u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Sinh(u: HessianVectorVariable) = Ieee.sinh u
    /// cosh u in forward mode.
    static member Cosh(u: Dual<float>) = Ieee.cosh u
    /// cosh u in reverse mode.
    static member Cosh(u: Variable) = Ieee.cosh u
    /// cosh u in forward-over-reverse mode.
    static member Cosh(u: Dual<Variable>) = Ieee.cosh u
    /// cosh u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Cosh(u: HessianVectorVariable) = Ieee.cosh u
    /// tanh u in forward mode.
    static member Tanh(u: Dual<float>) = Ieee.tanh u
    /// tanh u in reverse mode.
    static member Tanh(u: Variable) = Ieee.tanh u
    /// tanh u in forward-over-reverse mode.
    static member Tanh(u: Dual<Variable>) = Ieee.tanh u
    /// tanh u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Tanh(u: HessianVectorVariable) = Ieee.tanh u
    /// eᵘ in forward mode.
    static member Exp(u: Dual<float>) = Ieee.exp u
    /// eᵘ in reverse mode.
    static member Exp(u: Variable) = Ieee.exp u
    /// eᵘ in forward-over-reverse mode.
    static member Exp(u: Dual<Variable>) = Ieee.exp u
    /// eᵘ in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Exp(u: HessianVectorVariable) = Ieee.exp u
    /// ln u in forward mode.
    static member Log(u: Dual<float>) = Ieee.log u
    /// ln u in reverse mode.
    static member Log(u: Variable) = Ieee.log u
    /// ln u in forward-over-reverse mode.
    static member Log(u: Dual<Variable>) = Ieee.log u
    /// ln u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Log(u: HessianVectorVariable) = Ieee.log u
    /// √u in forward mode.
    static member Sqrt(u: Dual<float>) = Ieee.sqrt u
    /// √u in reverse mode.
    static member Sqrt(u: Variable) = Ieee.sqrt u
    /// √u in forward-over-reverse mode.
    static member Sqrt(u: Dual<Variable>) = Ieee.sqrt u
    /// √u in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Sqrt(u: HessianVectorVariable) = Ieee.sqrt u
    /// |u| in forward mode.
    static member Abs(u: Dual<float>) = Ieee.abs u
    /// |u| in reverse mode.
    static member Abs(u: Variable) = Ieee.abs u
    /// |u| in forward-over-reverse mode.
    static member Abs(u: Dual<Variable>) = Ieee.abs u
    /// |u| in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Abs(u: HessianVectorVariable) = Ieee.abs u
    /// atan2(y, x) in forward mode.
    static member Atan2(y: Dual<float>, x: Dual<float>) = Ieee.atan2 y x
    /// atan2(y, x) in reverse mode.
    static member Atan2(y: Variable, x: Variable) = Ieee.atan2 y x
    /// atan2(y, x) in forward-over-reverse mode.
    static member Atan2(y: Dual<Variable>, x: Dual<Variable>) = Ieee.atan2 y x
    /// atan2(y, x) in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Atan2(y: HessianVectorVariable, x: HessianVectorVariable) = Ieee.atan2 y x
    /// min(y, x) in forward mode.
    static member Minimum(y: Dual<float>, x: Dual<float>) = Ieee.min y x
    /// min(y, x) in reverse mode.
    static member Minimum(y: Variable, x: Variable) = Ieee.min y x
    /// min(y, x) in forward-over-reverse mode.
    static member Minimum(y: Dual<Variable>, x: Dual<Variable>) = Ieee.min y x
    /// min(y, x) in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Minimum(y: HessianVectorVariable, x: HessianVectorVariable) = Ieee.min y x
    /// max(y, x) in forward mode.
    static member Maximum(y: Dual<float>, x: Dual<float>) = Ieee.max y x
    /// max(y, x) in reverse mode.
    static member Maximum(y: Variable, x: Variable) = Ieee.max y x
    /// max(y, x) in forward-over-reverse mode.
    static member Maximum(y: Dual<Variable>, x: Dual<Variable>) = Ieee.max y x
    /// max(y, x) in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Maximum(y: HessianVectorVariable, x: HessianVectorVariable) = Ieee.max y x
    /// min(y, x) on integers.
    static member Minimum(y: int, x: int) = Math.Min(y, x)
    /// max(y, x) on integers.
    static member Maximum(y: int, x: int) = Math.Max(y, x)
    /// uᵏ on integers.
    static member IntegerPower(u: int, k: int) = pown u k
    /// min(y, x) on numbers.
    static member Minimum(y: float, x: float) = Math.Min(y, x)
    /// max(y, x) on numbers.
    static member Maximum(y: float, x: float) = Math.Max(y, x)
    /// uᵛ in forward mode.
    static member Power(u: Dual<float>, v: Dual<float>) = Ieee.pow u v
    /// uᵛ in reverse mode.
    static member Power(u: Variable, v: Variable) = Ieee.pow u v
    /// uᵛ in forward-over-reverse mode.
    static member Power(u: Dual<Variable>, v: Dual<Variable>) = Ieee.pow u v
    /// uᵛ in reverse mode with Hessian-vector products (HessianVectorVariable).
    static member Power(u: HessianVectorVariable, v: HessianVectorVariable) = Ieee.pow u v
    /// uᵛ on numbers.
    static member Power(u: float, v: float) = Math.Pow(u, v)
    /// uᵛ symbolically.
    static member Power(u: SymbolicExpression, v: SymbolicExpression) = SymbolicExpression.Pow(u, v)
    /// uᵏ on numbers.
    static member IntegerPower(u: float, k: int) = pown u k
    /// uᵏ symbolically.
    static member IntegerPower(u: SymbolicExpression, k: int) = SymbolicExpression.pow u k
    /// uᵏ in forward mode, by repeated multiplication.
    static member IntegerPower(u: Dual<float>, k: int) = Ieee.pown u k
    /// uᵏ in reverse mode, by repeated multiplication.
    static member IntegerPower(u: Variable, k: int) = Ieee.pown u k
    /// uᵏ in forward-over-reverse mode, by repeated multiplication.
    static member IntegerPower(u: Dual<Variable>, k: int) = Ieee.pown u k
    /// uᵏ in reverse mode with Hessian-vector products (HessianVectorVariable), by repeated multiplication.
    static member IntegerPower(u: HessianVectorVariable, k: int) = Ieee.pown u k
    /// The number c.
    static member op_Implicit(c: float) : float = c
    /// The constant c as an expression.
    static member op_Implicit(c: float) : SymbolicExpression = Constant c
    /// The constant c in forward-over-reverse mode.
    static member op_Implicit(c: float) : Dual<Variable> = Dual<Variable>(Variable.Constant c, Variable.Constant 0.0)

/// Resolution of the generic math functions through <see cref="T:Optimize.FSharp.ElementaryWitness"/>
/// or the argument type's own members; used by <see cref="T:Optimize.FSharp.GenericMath"/>.
[<System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)>]
module GenericMathDispatch =
    /// sin u for floats, expressions and AD numbers. (dispatch).
    let inline sinWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Sin: ^T -> ^T) u)
    /// cos u for floats, expressions and AD numbers. (dispatch).
    let inline cosWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Cos: ^T -> ^T) u)
    /// tan u for floats, expressions and AD numbers. (dispatch).
    let inline tanWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Tan: ^T -> ^T) u)
    /// arcsin u for floats, expressions and AD numbers. (dispatch).
    let inline asinWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Asin: ^T -> ^T) u)
    /// arccos u for floats, expressions and AD numbers. (dispatch).
    let inline acosWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Acos: ^T -> ^T) u)
    /// arctan u for floats, expressions and AD numbers. (dispatch).
    let inline atanWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Atan: ^T -> ^T) u)
    /// sinh u for floats, expressions and AD numbers. (dispatch).
    let inline sinhWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Sinh: ^T -> ^T) u)
    /// cosh u for floats, expressions and AD numbers. (dispatch).
    let inline coshWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Cosh: ^T -> ^T) u)
    /// tanh u for floats, expressions and AD numbers. (dispatch).
    let inline tanhWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Tanh: ^T -> ^T) u)
    /// eᵘ for floats, expressions and AD numbers. (dispatch).
    let inline expWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Exp: ^T -> ^T) u)
    /// ln u for floats, expressions and AD numbers. (dispatch).
    let inline logWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Log: ^T -> ^T) u)
    /// √u for floats, expressions and AD numbers. (dispatch).
    let inline sqrtWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Sqrt: ^T -> ^T) u)
    /// |u| for floats, expressions and AD numbers. (dispatch).
    let inline absWith (_: ^W) (u: ^T) : ^T = ((^W or ^T): (static member Abs: ^T -> ^T) u)
    /// atan2(y, x) for floats, expressions and AD numbers. (dispatch).
    let inline atan2With (_: ^W) (y: ^T) (x: ^T) : ^T = ((^W or ^T): (static member Atan2: ^T * ^T -> ^T) (y, x))
    /// min(y, x) for floats, expressions (a min node, not a comparison of trees) and AD numbers. (dispatch).
    let inline minWith (_: ^W) (y: ^T) (x: ^T) : ^T = ((^W or ^T): (static member Minimum: ^T * ^T -> ^T) (y, x))
    /// max(y, x) for floats, expressions and AD numbers. (dispatch).
    let inline maxWith (_: ^W) (y: ^T) (x: ^T) : ^T = ((^W or ^T): (static member Maximum: ^T * ^T -> ^T) (y, x))
    /// uᵛ for floats, expressions and AD numbers. (dispatch).
    let inline powerWith (_: ^W) (u: ^T) (v: ^T) : ^T = ((^W or ^T): (static member Power: ^T * ^T -> ^T) (u, v))
    /// uᵏ for an integer k, for floats, expressions and AD numbers. (dispatch).
    let inline pownWith (_: ^W) (u: ^T) (k: int) : ^T = ((^W or ^T): (static member IntegerPower: ^T * int -> ^T) (u, k))
    /// The constant c as a float, an expression or an AD number (derivative zero). (dispatch).
    let inline numWith (_: ^W) (c: float) : ^T = ((^W or ^T): (static member op_Implicit: float -> ^T) c)

/// <summary>
/// Math for F# functions written once with inline generic arithmetic and run on floats, on symbolic
/// expressions and on the automatic-differentiation types (<c>Dual&lt;float&gt;</c> forward,
/// <c>Variable</c> reverse, <c>Dual&lt;Variable&gt;</c> forward over reverse, <c>HessianVectorVariable</c>
/// reverse mode with Hessian-vector products). Opening this module shadows
/// F#'s sin, cos, …, abs, min, max, pown and ** with versions that accept all of them (and integers
/// where F#'s do), and adds <c>num</c> for constants; open it explicitly with
/// <c>open Optimize.FSharp.GenericMath</c>:
/// <code>
/// let inline rosenbrock (x: ^T[]) = num 100.0 * pown (x[1] - x[0] * x[0]) 2 + pown (num 1.0 - x[0]) 2
/// </code>
/// </summary>
module GenericMath =
    /// sin u for floats, expressions and AD numbers.
    let inline sin (u: ^T) : ^T = GenericMathDispatch.sinWith Unchecked.defaultof<ElementaryWitness> u
    /// cos u for floats, expressions and AD numbers.
    let inline cos (u: ^T) : ^T = GenericMathDispatch.cosWith Unchecked.defaultof<ElementaryWitness> u
    /// tan u for floats, expressions and AD numbers.
    let inline tan (u: ^T) : ^T = GenericMathDispatch.tanWith Unchecked.defaultof<ElementaryWitness> u
    /// arcsin u for floats, expressions and AD numbers.
    let inline asin (u: ^T) : ^T = GenericMathDispatch.asinWith Unchecked.defaultof<ElementaryWitness> u
    /// arccos u for floats, expressions and AD numbers.
    let inline acos (u: ^T) : ^T = GenericMathDispatch.acosWith Unchecked.defaultof<ElementaryWitness> u
    /// arctan u for floats, expressions and AD numbers.
    let inline atan (u: ^T) : ^T = GenericMathDispatch.atanWith Unchecked.defaultof<ElementaryWitness> u
    /// sinh u for floats, expressions and AD numbers.
    let inline sinh (u: ^T) : ^T = GenericMathDispatch.sinhWith Unchecked.defaultof<ElementaryWitness> u
    /// cosh u for floats, expressions and AD numbers.
    let inline cosh (u: ^T) : ^T = GenericMathDispatch.coshWith Unchecked.defaultof<ElementaryWitness> u
    /// tanh u for floats, expressions and AD numbers.
    let inline tanh (u: ^T) : ^T = GenericMathDispatch.tanhWith Unchecked.defaultof<ElementaryWitness> u
    /// eᵘ for floats, expressions and AD numbers.
    let inline exp (u: ^T) : ^T = GenericMathDispatch.expWith Unchecked.defaultof<ElementaryWitness> u
    /// ln u for floats, expressions and AD numbers.
    let inline log (u: ^T) : ^T = GenericMathDispatch.logWith Unchecked.defaultof<ElementaryWitness> u
    /// √u for floats, expressions and AD numbers.
    let inline sqrt (u: ^T) : ^T = GenericMathDispatch.sqrtWith Unchecked.defaultof<ElementaryWitness> u
    /// |u| for floats, expressions and AD numbers.
    let inline abs (u: ^T) : ^T = GenericMathDispatch.absWith Unchecked.defaultof<ElementaryWitness> u
    /// atan2(y, x) for floats, expressions and AD numbers.
    let inline atan2 (y: ^T) (x: ^T) : ^T = GenericMathDispatch.atan2With Unchecked.defaultof<ElementaryWitness> y x
    /// min(y, x) for floats, expressions (a min node, not a comparison of trees) and AD numbers.
    let inline min (y: ^T) (x: ^T) : ^T = GenericMathDispatch.minWith Unchecked.defaultof<ElementaryWitness> y x
    /// max(y, x) for floats, expressions and AD numbers.
    let inline max (y: ^T) (x: ^T) : ^T = GenericMathDispatch.maxWith Unchecked.defaultof<ElementaryWitness> y x
    /// uᵛ for floats, expressions and AD numbers.
    let inline ( ** ) (u: ^T) (v: ^T) : ^T = GenericMathDispatch.powerWith Unchecked.defaultof<ElementaryWitness> u v
    /// uᵏ for an integer k, for floats, expressions and AD numbers.
    let inline pown (u: ^T) (k: int) : ^T = GenericMathDispatch.pownWith Unchecked.defaultof<ElementaryWitness> u k
    /// The constant c as a float, an expression or an AD number (derivative zero).
    let inline num (c: float) : ^T = GenericMathDispatch.numWith Unchecked.defaultof<ElementaryWitness> c
