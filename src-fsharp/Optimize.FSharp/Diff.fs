namespace Optimize.FSharp

open System
open MathNet.Numerics.LinearAlgebra
open Optimize
open Optimize.AutoDiff
open Optimize.FiniteDifferences
open Optimize.Oracles
open Optimize.AutoDiff.Forward
open Optimize.AutoDiff.Reverse

/// <summary>
/// Derivatives of F# functions as function transformations, in the vocabulary of JAX and DiffSharp:
/// <c>grad</c>, <c>jvp</c>, <c>vjp</c>, <c>hvp</c>, <c>hessian</c>, <c>jacobian</c>, each with an
/// <c>f</c>-prefixed twin that also returns the value, and finite-difference twins with the
/// <c>num</c> prefix (<c>numgrad</c>, <c>numfgrad</c>, …). The AD operators take the function at the
/// number type of their mode — write it once with inline generic arithmetic (see
/// <see cref="T:Optimize.FSharp.GenericMath"/>) and F# instantiates it:
/// <code>
/// open Optimize.FSharp.GenericMath
/// let inline f (x: ^T[]) = x[0] * sin x[1]
/// Diff.grad f [| 1.0; 2.0 |]          // reverse mode
/// Diff.jvp f [| 1.0; 2.0 |] [| 1.0; 0.0 |]  // forward mode
/// Diff.numgrad f [| 1.0; 2.0 |]       // central differences
/// </code>
/// Forward mode uses <c>Dual&lt;float&gt;</c>, reverse mode the tape <c>Variable</c>, Hessian-vector
/// products forward over reverse (<c>Dual&lt;Variable&gt;</c>), as in Griewank &amp; Walther (2008), ch. 3–5.
/// Each call allocates its arrays; solvers should take an oracle from <see cref="T:Optimize.FSharp.Objective"/>.
/// </summary>
[<RequireQualifiedAccess>]
module Diff =
    let private checkPoint (x: float[]) =
        if isNull (box x) then nullArg (nameof x)
        Guard.Positive(x.Length, nameof x)

    let private checkDirection (name: string) (length: int) (v: float[]) =
        if isNull (box v) then nullArg name
        Guard.Length(v.Length, length, name)

    /// Records f on the thread's tape at x, then sweeps back from the outputs seeded with w.
    let private reverseSweep (x: float[]) (record: Variable[] -> 'Output) (outputs: 'Output -> Variable[]) (seed: 'Output -> float[]) =
        let tape = Tape.ForCurrentThread
        let inputs = Array.zeroCreate<Variable> x.Length
        tape.Begin()
        let y =
            try
                tape.Inputs(ReadOnlySpan x, Span inputs)
                record inputs
            finally
                tape.End()
        let ys = outputs y
        let w = seed y
        checkDirection "w" ys.Length w
        ys |> Array.iteri (fun i yi -> tape.Seed(yi, w[i]))
        let adjoints = Array.zeroCreate x.Length
        tape.Sweep(Span adjoints)
        y, adjoints

    // ---- forward mode --------------------------------------------------------------------------

    /// f(x) and f′(x) of a function of one variable (forward mode, one pass).
    let fdiff (f: Dual<float> -> Dual<float>) (x: float) : float * float =
        let y = f (Dual<float>(x, 1.0))
        y.Value, y.Tangent

    /// f′(x) of a function of one variable (forward mode).
    let diff (f: Dual<float> -> Dual<float>) (x: float) : float = snd (fdiff f x)

    /// F(x) and the JVP J(x)·v of a vector function (forward mode, one pass).
    let fjvp (f: Dual<float>[] -> Dual<float>[]) (x: float[]) (v: float[]) : float[] * float[] =
        checkPoint x
        checkDirection (nameof v) x.Length v
        let y = f (Array.init x.Length (fun i -> Dual<float>(x[i], v[i])))
        y |> Array.map (fun d -> d.Value), y |> Array.map (fun d -> d.Tangent)

    /// The JVP J(x)·v of a vector function (forward mode).
    let jvp (f: Dual<float>[] -> Dual<float>[]) (x: float[]) (v: float[]) : float[] = snd (fjvp f x v)

    /// f(x) and the directional derivative ∇f(x)·v of a scalar function (forward mode, one pass).
    let fgradv (f: Dual<float>[] -> Dual<float>) (x: float[]) (v: float[]) : float * float =
        let values, tangents = fjvp (fun xs -> [| f xs |]) x v
        values[0], tangents[0]

    /// The directional derivative ∇f(x)·v of a scalar function (forward mode).
    let gradv (f: Dual<float>[] -> Dual<float>) (x: float[]) (v: float[]) : float = snd (fgradv f x v)

    /// F(x) and the m×n Jacobian, one column per forward pass.
    let fjacobian (f: Dual<float>[] -> Dual<float>[]) (x: float[]) : float[] * float[,] =
        checkPoint x
        let n = x.Length
        let columns = Array.init n (fun j -> fjvp f x (Array.init n (fun i -> if i = j then 1.0 else 0.0)))
        let value = fst columns[0]
        value, Array2D.init value.Length n (fun i j -> (snd columns[j])[i])

    /// The m×n Jacobian (forward mode, n passes).
    let jacobian (f: Dual<float>[] -> Dual<float>[]) (x: float[]) : float[,] = snd (fjacobian f x)

    // ---- reverse mode --------------------------------------------------------------------------

    /// f(x) and ∇f(x) (reverse mode: one recorded evaluation and one backward sweep).
    let fgrad (f: Variable[] -> Variable) (x: float[]) : float * float[] =
        checkPoint x
        let y, gradient = reverseSweep x f (fun y -> [| y |]) (fun _ -> [| 1.0 |])
        y.Value, gradient

    /// ∇f(x) (reverse mode).
    let grad (f: Variable[] -> Variable) (x: float[]) : float[] = snd (fgrad f x)

    /// F(x) and the VJP wᵀJ(x) of a vector function (reverse mode, one sweep).
    let fvjp (f: Variable[] -> Variable[]) (x: float[]) (w: float[]) : float[] * float[] =
        checkPoint x
        let y, product = reverseSweep x f id (fun _ -> w)
        y |> Array.map (fun v -> v.Value), product

    /// The VJP wᵀJ(x) of a vector function (reverse mode).
    let vjp (f: Variable[] -> Variable[]) (x: float[]) (w: float[]) : float[] = snd (fvjp f x w)

    // ---- forward over reverse ------------------------------------------------------------------

    /// f(x) and the Hessian-vector product ∇²f(x)·v (forward over reverse: the gradient of ∇f·v in one sweep).
    let fhvp (f: Dual<Variable>[] -> Dual<Variable>) (x: float[]) (v: float[]) : float * float[] =
        checkPoint x
        checkDirection (nameof v) x.Length v
        let record (inputs: Variable[]) = f (Array.init x.Length (fun i -> Dual<Variable>(inputs[i], Variable.Constant v[i])))
        let y, product = reverseSweep x record (fun y -> [| y.Tangent |]) (fun _ -> [| 1.0 |])
        y.Value.Value, product

    /// The Hessian-vector product ∇²f(x)·v (forward over reverse).
    let hvp (f: Dual<Variable>[] -> Dual<Variable>) (x: float[]) (v: float[]) : float[] = snd (fhvp f x v)

    /// f(x) and the Hessian ∇²f(x), row by row from n Hessian-vector products.
    let fhessian (f: Dual<Variable>[] -> Dual<Variable>) (x: float[]) : float * float[,] =
        checkPoint x
        let n = x.Length
        let rows = Array.init n (fun j -> fhvp f x (Array.init n (fun i -> if i = j then 1.0 else 0.0)))
        fst rows[0], Array2D.init n n (fun i j -> (snd rows[i])[j])

    /// The Hessian ∇²f(x) (forward over reverse, n products).
    let hessian (f: Dual<Variable>[] -> Dual<Variable>) (x: float[]) : float[,] = snd (fhessian f x)

    // ---- finite differences --------------------------------------------------------------------

    let private valueFunction (f: float[] -> float) = ValueFunction(fun x -> f (x.ToArray()))

    let private vectorFunction (f: float[] -> float[]) =
        VectorValueFunction(fun x value -> (f (x.ToArray())).AsSpan().CopyTo value)

    /// f(x) and f′(x) by central differences with an error-balancing step (Nocedal &amp; Wright, §8.1).
    let numfdiff (f: float -> float) (x: float) : float * float =
        f x, (FiniteDifference.Derivative(Func<float, float> f, x)).Value

    /// f′(x) by central differences.
    let numdiff (f: float -> float) (x: float) : float = snd (numfdiff f x)

    /// f(x) and ∇f(x) by central differences (2n evaluations).
    let numfgrad (f: float[] -> float) (x: float[]) : float * float[] =
        checkPoint x
        let gradient = Array.zeroCreate x.Length
        FiniteDifference.Gradient(valueFunction f, ReadOnlySpan x, Span gradient)
        f x, gradient

    /// ∇f(x) by central differences.
    let numgrad (f: float[] -> float) (x: float[]) : float[] = snd (numfgrad f x)

    /// F(x) and the JVP J(x)·v by central differences along v (two evaluations).
    let numfjvp (f: float[] -> float[]) (x: float[]) (v: float[]) : float[] * float[] =
        checkPoint x
        checkDirection (nameof v) x.Length v
        let value = f x
        let product = Array.zeroCreate value.Length
        FiniteDifference.JacobianVector(vectorFunction f, value.Length, ReadOnlySpan x, ReadOnlySpan v, Span product)
        value, product

    /// The JVP J(x)·v by central differences.
    let numjvp (f: float[] -> float[]) (x: float[]) (v: float[]) : float[] = snd (numfjvp f x v)

    /// F(x) and the m×n Jacobian by central differences.
    let numfjacobian (f: float[] -> float[]) (x: float[]) : float[] * float[,] =
        checkPoint x
        let value = f x
        let jacobian = Matrix<float>.Build.Dense(value.Length, x.Length)
        FiniteDifference.Jacobian(vectorFunction f, value.Length, ReadOnlySpan x, jacobian)
        value, jacobian.ToArray()

    /// The m×n Jacobian by central differences.
    let numjacobian (f: float[] -> float[]) (x: float[]) : float[,] = snd (numfjacobian f x)

    /// F(x) and the VJP wᵀJ(x) from the finite-difference Jacobian.
    let numfvjp (f: float[] -> float[]) (x: float[]) (w: float[]) : float[] * float[] =
        let value, j = numfjacobian f x
        checkDirection (nameof w) value.Length w
        value, Array.init x.Length (fun k -> Seq.sum (seq { for i in 0 .. value.Length - 1 -> w[i] * j[i, k] }))

    /// The VJP wᵀJ(x) from the finite-difference Jacobian.
    let numvjp (f: float[] -> float[]) (x: float[]) (w: float[]) : float[] = snd (numfvjp f x w)

    /// f(x) and the Hessian by central second differences of values (2n² + 1 evaluations).
    let numfhessian (f: float[] -> float) (x: float[]) : float * float[,] =
        checkPoint x
        let hessian = Matrix<float>.Build.Dense(x.Length, x.Length)
        FiniteDifference.HessianFromValues(valueFunction f, ReadOnlySpan x, hessian)
        f x, hessian.ToArray()

    /// The Hessian by central second differences of values.
    let numhessian (f: float[] -> float) (x: float[]) : float[,] = snd (numfhessian f x)

    /// f(x) and ∇²f(x)·v by central differences of central-difference gradients.
    let numfhvp (f: float[] -> float) (x: float[]) (v: float[]) : float * float[] =
        checkPoint x
        checkDirection (nameof v) x.Length v
        let result = Array.zeroCreate x.Length
        FiniteDifferenceObjective.Create(x.Length, valueFunction f).HessianVector(ReadOnlySpan x, ReadOnlySpan v, Span result)
        f x, result

    /// ∇²f(x)·v by finite differences.
    let numhvp (f: float[] -> float) (x: float[]) (v: float[]) : float[] = snd (numfhvp f x v)
