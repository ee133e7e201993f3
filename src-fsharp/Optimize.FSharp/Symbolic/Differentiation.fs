/// Symbolic differentiation of <see cref="T:Optimize.FSharp.Symbolic.SymbolicExpression"/> by the
/// rules of calculus (sum, product, power and chain rules), each result built through the
/// canonical constructors so that it is simplified as it is formed. The rules and their conventions at kinks
/// and edges are those of docs/derivative-rules.md, shared with the runtime AD modes.
module Optimize.FSharp.Symbolic.Differentiation

open System.Collections.Generic

let private one = Constant 1.0
let private zero = Constant 0.0

/// ∂e/∂xᵢ. Shared subtrees (the same object reached twice, as let-bound values are) are
/// differentiated once.
let derivative (index: int) (e: SymbolicExpression) : SymbolicExpression =
    if index < 0 then invalidArg (nameof index) $"index is {index}; expected a variable index of at least 0."
    let memo = Dictionary<SymbolicExpression, SymbolicExpression>(HashIdentity.Reference)
    let rec d (e: SymbolicExpression) =
        match memo.TryGetValue e with
        | true, known -> known
        | _ ->
            let result = rule e
            memo[e] <- result
            result
    and rule e =
        match e with
        | Constant _ -> zero
        | Variable i -> if i = index then one else zero
        | Sum terms -> Canonical.add (List.map d terms)
        | Product factors ->
            // Leibniz: Σᵢ (∏_{j≠i} fⱼ)·fᵢ′
            factors
            |> List.mapi (fun i f ->
                match d f with
                | Constant 0.0 -> zero
                | df -> Canonical.multiply (df :: List.removeAt i factors))
            |> Canonical.add
        | Power(b, k) ->
            match d b with
            | Constant 0.0 -> zero
            | db -> Canonical.multiply [ Constant(float k); Canonical.power b (k - 1); db ]
        | RealPower(b, v) ->
            // (uᵛ)′ = ∂ᵤ·u′ + ∂ᵥ·v′ with the partials of the runtime modes (docs/derivative-rules.md):
            // ∂ᵤ = v·uᵛ⁻¹ (not uᵛ·v/u, so that it is finite where u = 0 and v > 1, and defined for u < 0), but 0 at
            // 0⁰; ∂ᵥ = uᵛ·ln u where u > 0, and 0 where u ≤ 0 (or u is NaN), where ln u is NaN or −∞.
            let db, dv = d b, d v
            let powerRule = Canonical.multiply [ v; Canonical.realPower b (Canonical.subtract v one) ]
            let throughBase =
                match db with
                | Constant 0.0 -> zero
                | _ ->
                    let atZeroToTheZero = Canonical.conditional Equal b zero zero powerRule
                    Canonical.multiply [ Canonical.conditional Equal v zero atZeroToTheZero powerRule; db ]
            let throughExponent =
                match dv with
                | Constant 0.0 -> zero
                | _ -> Canonical.multiply [ Canonical.conditional Greater b zero (Canonical.multiply [ e; Canonical.apply Log b ]) zero; dv ]
            Canonical.add [ throughBase; throughExponent ]
        | Apply(f, u) ->
            match d u with
            | Constant 0.0 -> zero
            | du -> Canonical.multiply [ outer f u e; du ]
        | Apply2(Atan2, y, x) ->
            // atan2(y, x)′ = (x·y′ − y·x′)/(x² + y²)
            let numerator = Canonical.subtract (Canonical.multiply [ x; d y ]) (Canonical.multiply [ y; d x ])
            Canonical.divide numerator (Canonical.add [ Canonical.power x 2; Canonical.power y 2 ])
        | Apply2(f, u, v) ->
            // max and min return one of their arguments and take its derivative, selected as the runtime modes
            // select (docs/derivative-rules.md): the first argument at a tie, and a NaN argument with its own.
            Canonical.conditional (if f = Max then MaxTakesFirst else MinTakesFirst) u v (d u) (d v)
        | Conditional(c, u, v, a, b) -> Canonical.conditional c u v (d a) (d b)
    /// f′(u) for the outer function, reusing f(u) = value where the derivative is expressed through it.
    and outer f u value =
        match f with
        | Sqrt -> Canonical.multiply [ Constant 0.5; Canonical.power value -1 ]
        | Exp -> value
        | Log -> Canonical.power u -1
        | Sin -> Canonical.apply Cos u
        | Cos -> Canonical.negate (Canonical.apply Sin u)
        | Tan -> Canonical.power (Canonical.apply Cos u) -2
        | Asin -> Canonical.power (Canonical.apply Sqrt (Canonical.subtract one (Canonical.power u 2))) -1
        | Acos -> Canonical.negate (Canonical.power (Canonical.apply Sqrt (Canonical.subtract one (Canonical.power u 2))) -1)
        | Atan -> Canonical.power (Canonical.add [ one; Canonical.power u 2 ]) -1
        | Sinh -> Canonical.apply Cosh u
        | Cosh -> Canonical.apply Sinh u
        | Tanh -> Canonical.power (Canonical.apply Cosh u) -2
        | Abs -> Canonical.apply Sign u
        | Sign -> zero
    d e

/// ∇e = (∂e/∂x₀, …, ∂e/∂xₙ₋₁) for n = <paramref name="dimension"/>.
let gradient (dimension: int) (e: SymbolicExpression) : SymbolicExpression[] =
    Optimize.Guard.Positive(dimension, nameof dimension)
    Array.init dimension (fun i -> derivative i e)

/// ∇²e as an n×n array; entry (i, j) is ∂²e/∂xᵢ∂xⱼ, computed once for i ≥ j and mirrored, so the
/// matrix is exactly symmetric.
let hessian (dimension: int) (e: SymbolicExpression) : SymbolicExpression[,] =
    let g = gradient dimension e
    let lower = Array.init dimension (fun i -> Array.init (i + 1) (fun j -> derivative j g[i]))
    Array2D.init dimension dimension (fun i j -> if i >= j then lower[i][j] else lower[j][i])

/// The directional derivative ∇e·v = Σᵢ vᵢ·∂e/∂xᵢ along the fixed direction v.
let directional (direction: float[]) (e: SymbolicExpression) : SymbolicExpression =
    if isNull (box direction) then nullArg (nameof direction)
    if direction.Length = 0 then invalidArg (nameof direction) "direction is empty; expected one entry per variable."
    direction
    |> Array.mapi (fun i v -> if v = 0.0 then zero else Canonical.multiply [ Constant v; derivative i e ])
    |> List.ofArray
    |> Canonical.add
