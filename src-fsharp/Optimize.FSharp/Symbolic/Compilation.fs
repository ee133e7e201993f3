/// Compilation of symbolic expressions to delegates through LINQ expression trees
/// (System.Linq.Expressions): straight-line code, compiled once, in which every subexpression used
/// more than once — within one output or across outputs such as f and ∇f — is computed once into a
/// local (common-subexpression elimination).
module Optimize.FSharp.Symbolic.Compilation

open System
open System.Collections.Generic
open System.Linq.Expressions
open System.Runtime.CompilerServices

/// Reads and writes through a reference to the first element of a span, for compiled code
/// (expression trees cannot hold spans).
type internal Memory =
    /// The element at <paramref name="start"/> + i.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Read(start: byref<float>, i: int) : float = Unsafe.Add(&start, i)

    /// Stores v at <paramref name="start"/> + i.
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member Write(start: byref<float>, i: int, v: float) : unit = Unsafe.Add(&start, i) <- v

    /// sign(u) as a double (Math.Sign throws on NaN and returns an int).
    static member Sign(u: float) : float = Elementary.sign u

    /// Whether max(u, v) returns u (u ≥ v, or u is NaN).
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member MaxTakesFirst(u: float, v: float) : bool = Elementary.holds MaxTakesFirst u v

    /// Whether min(u, v) returns u (u ≤ v, or u is NaN).
    [<MethodImpl(MethodImplOptions.AggressiveInlining)>]
    static member MinTakesFirst(u: float, v: float) : bool = Elementary.holds MinTakesFirst u v

/// A compiled f: reads x through a reference to x₀ and returns f(x).
type internal ValueKernel = delegate of x: byref<float> -> float

/// A compiled f and ∇f: reads x, writes ∇f(x) through a reference to its first entry, returns f(x).
type internal ValueAndGradientKernel = delegate of x: byref<float> * gradient: byref<float> -> float

/// A compiled Hessian-vector product: reads x and v, writes ∇²f(x)·v.
type internal HessianVectorKernel = delegate of x: byref<float> * v: byref<float> * result: byref<float> -> unit

/// A compiled Hessian: reads x, writes ∇²f(x) in column-major order (n² entries).
type internal HessianKernel = delegate of x: byref<float> * hessian: byref<float> -> unit

let private memoryMethod (name: string) =
    typeof<Memory>.GetMethod(name, Reflection.BindingFlags.Static ||| Reflection.BindingFlags.Public ||| Reflection.BindingFlags.NonPublic) |> nonNull

let private readMethod = memoryMethod (nameof Memory.Read)
let private writeMethod = memoryMethod (nameof Memory.Write)
let private signMethod = memoryMethod (nameof Memory.Sign)
let private maxTakesFirstMethod = memoryMethod (nameof Memory.MaxTakesFirst)
let private minTakesFirstMethod = memoryMethod (nameof Memory.MinTakesFirst)
let private mathMethod (name: string) (arity: int) = typeof<Math>.GetMethod(name, Array.create arity typeof<float>) |> nonNull

let private unaryMethod f =
    match f with
    | Sign -> signMethod
    | f -> mathMethod (Printing.functionName f |> fun n -> string (Char.ToUpperInvariant n[0]) + n.Substring 1) 1

let private binaryMethod f =
    match f with
    | Atan2 -> mathMethod "Atan2" 2
    | Min -> mathMethod "Min" 2
    | Max -> mathMethod "Max" 2

/// How many times each distinct subexpression (by structure) is used by the outputs: once per
/// output that is it, plus once per distinct parent expression that has it as an operand.
let private countUses (outputs: SymbolicExpression seq) : Dictionary<SymbolicExpression, int> =
    let uses = Dictionary<SymbolicExpression, int>()
    let rec count (e: SymbolicExpression) =
        match uses.TryGetValue e with
        | true, n -> uses[e] <- n + 1
        | _ ->
            uses[e] <- 1
            List.iter count (SymbolicExpression.operands e)
    Seq.iter count outputs
    uses

/// The common subexpressions of the outputs: the compound subexpressions used more than once,
/// which compiled code computes once into a local, in no particular order.
let commonSubexpressions (outputs: SymbolicExpression seq) : SymbolicExpression list =
    [ for KeyValue(e, n) in countUses outputs do
          match e with
          | Constant _
          | Variable _ -> ()
          | _ -> if n > 1 then yield e ]

/// Builds the body of a kernel. <paramref name="read"/> gives the expression that loads a variable
/// (called once per variable, at the start); the outputs are evaluated in order with shared
/// subexpressions held in locals.
type private KernelBuilder(read: int -> Expression, uses: Dictionary<SymbolicExpression, int>) =
    let shared = Dictionary<SymbolicExpression, ParameterExpression>()
    let variables = Dictionary<int, ParameterExpression>()
    let locals = List<ParameterExpression>()
    let statements = List<Expression>()

    /// xᵢ, loaded into a local just before its first use so that it is live no longer than needed.
    let variable (i: int) : Expression =
        match variables.TryGetValue i with
        | true, v -> v
        | _ ->
            let v = Expression.Variable(typeof<float>, $"x{i}")
            variables[i] <- v
            locals.Add v
            statements.Add(Expression.Assign(v, read i))
            v

    /// bᵏ for k ≥ 1 by repeated squaring on a value already in a local or parameter.
    let rec positivePower (b: Expression) (k: int) : Expression =
        if k = 1 then b
        elif k % 2 = 0 then
            let half = positivePower b (k / 2)
            if half = b then Expression.Multiply(b, b) else square half
        else Expression.Multiply(positivePower b (k - 1), b)
    and square (e: Expression) : Expression =
        let t = Expression.Variable(typeof<float>)
        Expression.Block([ t ], Expression.Assign(t, e), Expression.Multiply(t, t))

    let constant (c: float) = Expression.Constant(c) :> Expression

    /// x₁ + … + xₘ as a balanced tree of additions.
    let rec balancedSum (xs: Expression list) : Expression =
        match xs with
        | [ single ] -> single
        | _ ->
            let left, right = List.splitAt (xs.Length / 2) xs
            Expression.Add(balancedSum left, balancedSum right)

    let rec emit (e: SymbolicExpression) : Expression =
        match e with
        | Constant c -> constant c
        | Variable i -> variable i
        | _ ->
            match shared.TryGetValue e with
            | true, local -> local
            | _ when (match uses.TryGetValue e with | true, n -> n > 1 | _ -> false) ->
                let local = Expression.Variable(typeof<float>)
                statements.Add(Expression.Assign(local, build e))
                locals.Add local
                shared[e] <- local
                local
            | _ -> build e

    /// The value of e in a local or parameter, so that it may be read more than once.
    and held (e: SymbolicExpression) : Expression * (ParameterExpression * Expression) option =
        match emit e with
        | :? ParameterExpression as p -> p, None
        | :? ConstantExpression as c -> c, None
        | other ->
            let t = Expression.Variable(typeof<float>)
            t, Some(t, other)

    and power (b: SymbolicExpression) (k: int) : Expression =
        let magnitude = abs k
        let positive =
            if magnitude > 8 then Expression.Call(mathMethod "Pow" 2, emit b, constant (float magnitude)) :> Expression
            else
                match held b with
                | value, None -> positivePower value magnitude
                | value, Some(t, init) ->
                    Expression.Block([ t ], Expression.Assign(t, init), positivePower value magnitude) :> Expression
        if k < 0 then Expression.Divide(constant 1.0, positive) else positive

    and build (e: SymbolicExpression) : Expression =
        match e with
        | Constant c -> constant c
        | Variable i -> variable i
        | Sum terms ->
            // Σ positive terms − Σ |negative terms|, each sum a balanced tree so that its
            // dependency chain has depth log₂(terms) rather than one addition per term.
            let signed = terms |> List.map signedTerm
            let added = signed |> List.filter fst |> List.map snd
            let subtracted = signed |> List.filter (fst >> not) |> List.map snd
            match added, subtracted with
            | [], _ -> Expression.Negate(balancedSum subtracted) :> Expression
            | _, [] -> balancedSum added
            | _ -> Expression.Subtract(balancedSum added, balancedSum subtracted)
        | Product(Constant c :: rest) -> emitProduct c rest
        | Product factors -> emitProduct 1.0 factors
        | Power(b, k) -> power b k
        | RealPower(b, v) -> Expression.Call(mathMethod "Pow" 2, emit b, emit v)
        | Apply(f, u) -> Expression.Call(unaryMethod f, emit u)
        | Apply2(f, u, v) -> Expression.Call(binaryMethod f, emit u, emit v)
        | Conditional(c, u, v, a, b) ->
            // Only the branch taken is evaluated (values shared with other outputs are computed before, as always).
            let left, right = emit u, emit v
            let test: Expression =
                match c with
                | Greater -> Expression.GreaterThan(left, right)
                | Equal -> Expression.Equal(left, right)
                | MaxTakesFirst -> Expression.Call(maxTakesFirstMethod, left, right)
                | MinTakesFirst -> Expression.Call(minTakesFirstMethod, left, right)
            Expression.Condition(test, emit a, emit b)

    /// A term of a sum as (added?, magnitude): terms with a negative coefficient are subtracted.
    and signedTerm (t: SymbolicExpression) : bool * Expression =
        match t with
        | Constant c when c < 0.0 -> false, constant -c
        | Product(Constant c :: rest) when c < 0.0 -> false, emitProduct -c rest
        | _ -> true, emit t

    /// c·∏ factors, with factors of negative exponent divided out: 2·x·y⁻² → 2*x/(y*y).
    and emitProduct (c: float) (factors: SymbolicExpression list) : Expression =
        let numerator = factors |> List.filter (function Power(_, k) -> k > 0 | _ -> true)
        let denominator = factors |> List.choose (function Power(b, k) when k < 0 -> Some(b, -k) | _ -> None)
        let multiplyAll (xs: Expression list) = List.reduce (fun a b -> Expression.Multiply(a, b) :> Expression) xs
        let top =
            let parts = numerator |> List.map emit
            match parts with
            | [] -> constant c
            | _ when c = 1.0 -> multiplyAll parts
            | _ when c = -1.0 -> Expression.Negate(multiplyAll parts)
            | _ -> multiplyAll (constant c :: parts)
        match denominator with
        | [] -> top
        | _ -> Expression.Divide(top, denominator |> List.map (fun (b, k) -> power b k) |> multiplyAll)

    /// The expression for an output, appending the statements for the shared values it needs.
    member _.Emit(e: SymbolicExpression) = emit e

    /// Appends accumulator ← accumulator ± term (several accumulators, used in turn and added at the end,
    /// break the chain of dependent additions of a long sum).
    member _.Accumulate(accumulator: ParameterExpression, term: SymbolicExpression) =
        let plus, magnitude = signedTerm term
        let updated = if plus then Expression.Add(accumulator, magnitude) else Expression.Subtract(accumulator, magnitude)
        statements.Add(Expression.Assign(accumulator, updated))

    /// Appends a statement (an output store) after the shared values computed so far.
    member _.Add(statement: Expression) = statements.Add statement

    /// The kernel's body: all statements in order, then <paramref name="result"/>.
    member _.Body(result: Expression) =
        statements.Add result
        Expression.Block(locals, statements) :> Expression

let private byRef () = typeof<float>.MakeByRefType()

let private readFrom (p: ParameterExpression) (offset: int) (i: int) =
    Expression.Call(readMethod, p, Expression.Constant(i - offset)) :> Expression

let private store (p: ParameterExpression) (i: int) (value: Expression) =
    Expression.Call(writeMethod, p, Expression.Constant i, value) :> Expression

/// Compiles f alone.
let internal compileValue (body: SymbolicExpression) : ValueKernel =
    let x = Expression.Parameter(byRef (), "x")
    let builder = KernelBuilder(readFrom x 0, countUses [ body ])
    let result = builder.Emit body
    Expression.Lambda<ValueKernel>(builder.Body result, [| x |]).Compile()

/// Compiles f and ∇f together, sharing their common subexpressions.
let internal compileValueAndGradient (body: SymbolicExpression) (gradient: SymbolicExpression[]) : ValueAndGradientKernel =
    let x = Expression.Parameter(byRef (), "x")
    let g = Expression.Parameter(byRef (), "gradient")
    let builder = KernelBuilder(readFrom x 0, countUses (Seq.append [ body ] gradient))
    // A sum f = Σₖ fₖ is accumulated term by term, interleaved with the gradient entries in the order
    // of the lowest variable each uses, so that a partially separable f (Σₖ fₖ(x_{Sₖ})) computes
    // each term's shared values just before the entries that need them and they die soon after.
    let lowestVariable e = match SymbolicExpression.variables e with [] -> -1 | i :: _ -> i
    let storeEntry i gi () = builder.Add(store g i (builder.Emit gi))
    let gradientUnits = gradient |> Array.mapi (fun i gi -> lowestVariable gi, storeEntry i gi) |> List.ofArray
    let result =
        match body with
        | Sum terms ->
            let accumulators = List.init 4 (fun k -> Expression.Variable(typeof<float>, $"value{k}"))
            for a in accumulators do builder.Add(Expression.Assign(a, Expression.Constant 0.0))
            let termUnits = terms |> List.mapi (fun k t -> lowestVariable t, fun () -> builder.Accumulate(accumulators[k % 4], t))
            termUnits @ gradientUnits |> List.sortBy fst |> List.iter (fun (_, emitUnit) -> emitUnit ())
            let total = Expression.Add(Expression.Add(accumulators[0], accumulators[1]), Expression.Add(accumulators[2], accumulators[3]))
            Expression.Block(accumulators, builder.Body total) :> Expression
        | _ ->
            gradientUnits |> List.iter (fun (_, emitUnit) -> emitUnit ())
            builder.Body(builder.Emit body)
    Expression.Lambda<ValueAndGradientKernel>(result, [| x; g |]).Compile()

/// Compiles a Hessian-vector product from the products' expressions, in which variable n + j stands for vⱼ.
let internal compileHessianVector (dimension: int) (products: SymbolicExpression[]) : HessianVectorKernel =
    let x = Expression.Parameter(byRef (), "x")
    let v = Expression.Parameter(byRef (), "v")
    let r = Expression.Parameter(byRef (), "result")
    let read i = if i < dimension then readFrom x 0 i else readFrom v dimension i
    let builder = KernelBuilder(read, countUses products)
    products |> Array.iteri (fun i p -> builder.Add(store r i (builder.Emit p)))
    Expression.Lambda<HessianVectorKernel>(builder.Body(Expression.Empty()), [| x; v; r |]).Compile()

/// Compiles the Hessian, each entry of the lower triangle computed once and stored at (i, j) and (j, i), column-major.
let internal compileHessian (hessian: SymbolicExpression[,]) : HessianKernel =
    let n = Array2D.length1 hessian
    let x = Expression.Parameter(byRef (), "x")
    let h = Expression.Parameter(byRef (), "hessian")
    let builder = KernelBuilder(readFrom x 0, countUses (seq { for i in 0 .. n - 1 do for j in 0 .. i -> hessian[i, j] }))
    for j in 0 .. n - 1 do
        for i in j .. n - 1 do
            let entry = builder.Emit hessian[i, j]
            match entry with
            | :? ParameterExpression
            | :? ConstantExpression ->
                builder.Add(store h (i + j * n) entry)
                if i <> j then builder.Add(store h (j + i * n) entry)
            | _ ->
                let t = Expression.Variable(typeof<float>)
                let assign = Expression.Assign(t, entry)
                let stores = if i <> j then [ store h (i + j * n) t; store h (j + i * n) t ] else [ store h (i + j * n) t ]
                builder.Add(Expression.Block([ t ], (assign :> Expression) :: stores))
    Expression.Lambda<HessianKernel>(builder.Body(Expression.Empty()), [| x; h |]).Compile()
