namespace Optimize.FSharp.Symbolic

open System
open System.Runtime.InteropServices
open MathNet.Numerics.LinearAlgebra
open Optimize
open Optimize.Oracles

/// A real function of n named variables x₀ … xₙ₋₁ given by a symbolic expression.
type SymbolicFunction =
    { /// The variable names, one per variable (used for printing and parsing).
      Names: string[]
      /// The function's expression; variable i is <c>Variable i</c>.
      Body: SymbolicExpression }

    /// The number of variables n.
    member this.Dimension = this.Names.Length

    /// The function's body in ordinary math notation.
    override this.ToString() = Printing.math this.Names this.Body

    /// <summary>A function of the given variables. Throws if the body uses a variable index ≥ n.</summary>
    /// <param name="names">The variable names, at least one.</param>
    /// <param name="body">The expression; it is brought to canonical form.</param>
    static member Create(names: string[], body: SymbolicExpression) =
        if isNull (box names) then nullArg (nameof names)
        Guard.Positive(names.Length, nameof names)
        match SymbolicExpression.variables body |> List.tryFind (fun i -> i >= names.Length) with
        | Some i -> invalidArg (nameof body) $"body uses variable {i}, but only {names.Length} names were given."
        | None -> { Names = Array.copy names; Body = SymbolicExpression.simplify body }

/// <summary>
/// The symbolic derivative provider: an oracle (<see cref="T:Optimize.Oracles.IHessianObjective"/>)
/// whose value, gradient, Hessian-vector products and Hessian are derived symbolically from
/// <paramref name="f"/> and compiled once to straight-line code with common subexpressions computed
/// once (f and ∇f share theirs). The Hessian kernels are derived and compiled on first use.
/// </summary>
/// <remarks>
/// Calls allocate nothing. An instance is not thread-safe when the Hessian is written into a
/// matrix other than a dense one (an internal buffer is used); everything else is.
/// </remarks>
/// <param name="f">The function.</param>
type SymbolicObjective(f: SymbolicFunction) =
    do if isNull (box f) then nullArg (nameof f)
    let n = f.Dimension
    let gradient = Differentiation.gradient n f.Body
    let value = Compilation.compileValue f.Body
    let valueAndGradient = Compilation.compileValueAndGradient f.Body gradient
    let hessian = lazy (Differentiation.hessian n f.Body)
    let hessianVector =
        lazy
            (let h = hessian.Value
             Array.init n (fun i ->
                 Canonical.add [ for j in 0 .. n - 1 -> Canonical.multiply [ h[i, j]; Variable(n + j) ] ])
             |> Compilation.compileHessianVector n)
    let hessianKernel = lazy (Compilation.compileHessian hessian.Value)
    let buffer = lazy (Array.zeroCreate<float> (n * n))

    /// The function this oracle differentiates.
    member _.Function = f

    /// The number of variables n.
    member _.Dimension = n

    /// The symbolic gradient (∂f/∂x₀, …, ∂f/∂xₙ₋₁), simplified.
    member _.GradientExpressions = Array.copy gradient

    /// The symbolic Hessian, simplified and exactly symmetric.
    member _.HessianExpressions = Array2D.copy hessian.Value

    /// f(x).
    member _.Value(x: ReadOnlySpan<float>) : float =
        Guard.Length(x.Length, n, nameof x)
        value.Invoke(&MemoryMarshal.GetReference x)

    /// f(x), with ∇f(x) written into <paramref name="gradient"/>.
    member _.ValueAndGradient(x: ReadOnlySpan<float>, gradient: Span<float>) : float =
        Guard.Length(x.Length, n, nameof x)
        Guard.Length(gradient.Length, n, nameof gradient)
        valueAndGradient.Invoke(&MemoryMarshal.GetReference x, &MemoryMarshal.GetReference gradient)

    /// Writes ∇²f(x)·v into <paramref name="result"/> (the symbolic product Σⱼ ∂²f/∂xᵢ∂xⱼ·vⱼ, compiled).
    member _.HessianVector(x: ReadOnlySpan<float>, v: ReadOnlySpan<float>, result: Span<float>) : unit =
        Guard.Length(x.Length, n, nameof x)
        Guard.Length(v.Length, n, nameof v)
        Guard.Length(result.Length, n, nameof result)
        hessianVector.Value.Invoke(&MemoryMarshal.GetReference x, &MemoryMarshal.GetReference v, &MemoryMarshal.GetReference result)

    /// Writes ∇²f(x) into the n×n <paramref name="hessian"/> (directly into the storage of a dense matrix).
    member _.Hessian(x: ReadOnlySpan<float>, hessian: Matrix<float>) : unit =
        Guard.Length(x.Length, n, nameof x)
        Guard.Shape(hessian, n, n, nameof hessian)
        let kernel = hessianKernel.Value
        match hessian with
        | :? MathNet.Numerics.LinearAlgebra.Double.DenseMatrix as dense when dense.Values.Length = n * n ->
            kernel.Invoke(&MemoryMarshal.GetReference x, &dense.Values[0])
        | _ ->
            let values = buffer.Value
            kernel.Invoke(&MemoryMarshal.GetReference x, &values[0])
            for j in 0 .. n - 1 do
                for i in 0 .. n - 1 do
                    hessian[i, j] <- values[i + j * n]

    interface IHessianObjective with
        /// The number of variables n.
        member this.Dimension = this.Dimension
        /// f(x).
        member this.Value(x) = this.Value x
        /// f(x) and ∇f(x).
        member this.ValueAndGradient(x, g) = this.ValueAndGradient(x, g)
        /// ∇²f(x)·v.
        member this.HessianVector(x, v, result) = this.HessianVector(x, v, result)
        /// ∇²f(x).
        member this.Hessian(x, h) = this.Hessian(x, h)

/// The symbolic workflow on functions: from a quotation or text, to derivatives, printing and a compiled oracle.
[<RequireQualifiedAccess>]
module Symbolic =
    /// <summary>
    /// Converts a quoted function: <c>Symbolic.ofQuotation &lt;@ fun x -> sin (x * x) @&gt;</c>. See
    /// <see cref="M:Optimize.FSharp.Symbolic.Quotations.convertFunction"/> for the accepted forms; the
    /// dimension of an array argument is its highest index plus one.
    /// </summary>
    let ofQuotation (quotation: FSharp.Quotations.Expr) : SymbolicFunction =
        let converted = Quotations.convertFunction None quotation
        { Names = converted.Names; Body = converted.Body }

    /// Converts a quoted function of an array argument of the given dimension.
    let ofArrayQuotation (dimension: int) (quotation: FSharp.Quotations.Expr) : SymbolicFunction =
        let converted = Quotations.convertFunction (Some dimension) quotation
        { Names = converted.Names; Body = converted.Body }

    /// A function of the given variables with the given body.
    let create (names: string[]) (body: SymbolicExpression) = SymbolicFunction.Create(names, body)

    /// <summary>
    /// Builds a function of n variables from an F# function over expressions; an F# function written
    /// with inline generic arithmetic works here unchanged: <c>Symbolic.ofFunction 2 (fun x -> x[0] * sin x[1])</c>.
    /// Variables are named x[0], x[1], ….
    /// </summary>
    let ofFunction (dimension: int) (f: SymbolicExpression[] -> SymbolicExpression) : SymbolicFunction =
        Guard.Positive(dimension, nameof dimension)
        create (Array.init dimension (fun i -> $"x[{i}]")) (f (Array.init dimension Variable))

    /// Parses ordinary math notation over the given variable names (the inverse of <see cref="print"/>).
    let parse (names: string[]) (text: string) : SymbolicFunction =
        create names (Parsing.parse names text)

    /// ∂f/∂xᵢ as a function of the same variables.
    let derivative (index: int) (f: SymbolicFunction) : SymbolicFunction =
        if index < 0 || index >= f.Dimension then
            invalidArg (nameof index) $"index is {index}; expected a variable index in [0, {f.Dimension})."
        { f with Body = Differentiation.derivative index f.Body }

    /// ∇f as expressions (∂f/∂x₀, …, ∂f/∂xₙ₋₁).
    let gradient (f: SymbolicFunction) : SymbolicExpression[] = Differentiation.gradient f.Dimension f.Body

    /// ∇²f as an n×n array of expressions.
    let hessian (f: SymbolicFunction) : SymbolicExpression[,] = Differentiation.hessian f.Dimension f.Body

    /// The directional derivative ∇f·v as a function of the same variables.
    let directional (direction: float[]) (f: SymbolicFunction) : SymbolicFunction =
        if isNull (box direction) then nullArg (nameof direction)
        Guard.Length(direction.Length, f.Dimension, nameof direction)
        { f with Body = Differentiation.directional direction f.Body }

    /// The function in ordinary math notation, e.g. <c>2*x*cos(x^2)</c>.
    let print (f: SymbolicFunction) : string = Printing.math f.Names f.Body

    /// The function in LaTeX, e.g. <c>2 x \cos\left(x^{2}\right)</c>.
    let latex (f: SymbolicFunction) : string = Printing.latex f.Names f.Body

    /// An expression in ordinary math notation over the function's variable names.
    let printExpression (f: SymbolicFunction) (e: SymbolicExpression) : string = Printing.math f.Names e

    /// f(x) by walking the tree (an interpreter; <see cref="objective"/> compiles).
    let evaluate (x: float[]) (f: SymbolicFunction) : float =
        if isNull (box x) then nullArg (nameof x)
        Guard.Length(x.Length, f.Dimension, nameof x)
        SymbolicExpression.evaluate x f.Body

    /// The compiled symbolic oracle for f.
    let objective (f: SymbolicFunction) : SymbolicObjective = SymbolicObjective f
