namespace Optimize.FSharp.Symbolic

open System
open System.Collections.Generic

/// The elementary functions of one argument that a symbolic expression may apply.
type UnaryFunction =
    /// √u.
    | Sqrt
    /// eᵘ.
    | Exp
    /// The natural logarithm ln u.
    | Log
    /// sin u.
    | Sin
    /// cos u.
    | Cos
    /// tan u.
    | Tan
    /// arcsin u.
    | Asin
    /// arccos u.
    | Acos
    /// arctan u.
    | Atan
    /// sinh u.
    | Sinh
    /// cosh u.
    | Cosh
    /// tanh u.
    | Tanh
    /// |u|.
    | Abs
    /// The sign of u: −1, 0 or 1 (the derivative of |u| away from 0).
    | Sign

/// The elementary functions of two arguments that a symbolic expression may apply.
type BinaryFunction =
    /// atan2(y, x), the angle of the point (x, y).
    | Atan2
    /// min(a, b).
    | Min
    /// max(a, b).
    | Max

/// <summary>
/// The test of a conditional expression on its two operands u and v. The last two are the selections of max and
/// min in the runtime AD modes (docs/derivative-rules.md), which a derivative must follow at a tie and at a NaN
/// argument; printed, they are written u &gt;= v and u &lt;= v.
/// </summary>
type Comparison =
    /// u &gt; v; false where either is NaN.
    | Greater
    /// u = v; false where either is NaN.
    | Equal
    /// max(u, v) returns u: u ≥ v, or u is NaN (a NaN v with an ordinary u is returned, so the test is false).
    | MaxTakesFirst
    /// min(u, v) returns u: u ≤ v, or u is NaN.
    | MinTakesFirst

/// <summary>
/// A scalar function of several variables x₀ … xₙ₋₁ as an expression tree. Values built through
/// the operators and the functions of <see cref="T:Optimize.FSharp.Symbolic.SymbolicExpressionModule"/>
/// are kept in a canonical form (Cohen, <i>Computer Algebra and Symbolic Computation: Mathematical
/// Methods</i>, 2003, ch. 3, "automatic simplification"): constants folded, sums and products flat
/// and sorted, like terms and like powers collected, subtraction as addition of −1·u and division
/// as multiplication by u⁻¹. Two expressions in that form that differ only in the order of their
/// operands are structurally equal.
/// </summary>
/// <remarks>
/// The cases are public so that trees can be inspected and, in tests, built without simplification;
/// <see cref="M:Optimize.FSharp.Symbolic.SymbolicExpressionModule.simplify"/> brings any tree to the canonical form.
/// </remarks>
[<CustomEquality; CustomComparison>]
type SymbolicExpression =
    /// A number.
    | Constant of float
    /// The variable xᵢ, by its index i.
    | Variable of int
    /// u₁ + u₂ + …; in canonical form the constant term, if any, comes first.
    | Sum of SymbolicExpression list
    /// u₁ · u₂ · …; in canonical form the numeric coefficient, if any, comes first.
    | Product of SymbolicExpression list
    /// uᵏ for an integer k.
    | Power of SymbolicExpression * int
    /// uᵛ for an exponent that is not a constant integer.
    | RealPower of SymbolicExpression * SymbolicExpression
    /// f(u) for an elementary function f.
    | Apply of UnaryFunction * SymbolicExpression
    /// f(u, v) for an elementary function f of two arguments.
    | Apply2 of BinaryFunction * SymbolicExpression * SymbolicExpression
    /// a where the comparison of u and v holds, else b: Conditional(test, u, v, a, b). Only the branch taken is
    /// evaluated, so the other may be infinite or NaN there (the derivative rules' conventions at kinks and edges).
    | Conditional of Comparison * SymbolicExpression * SymbolicExpression * SymbolicExpression * SymbolicExpression

    // Structural equality and a structural hash that looks at most a few levels deep and at most a few
    // operands of each sum or product: hashing is then cheap at every node of a large DAG (common
    // subexpressions are found by hashing every node), and equality settles the rare collisions.
    static member private HashOf(e: SymbolicExpression, depth: int) : int =
        let operands seed (xs: SymbolicExpression list) =
            xs |> List.truncate 6 |> List.fold (fun h t -> HashCode.Combine(h, SymbolicExpression.HashOf(t, depth - 1))) (HashCode.Combine(seed, xs.Length))
        match e with
        | Constant c -> HashCode.Combine(1, c)
        | Variable i -> HashCode.Combine(2, i)
        | _ when depth = 0 -> SymbolicExpression.Kind e
        | Sum terms -> operands 3 terms
        | Product factors -> operands 4 factors
        | Power(b, k) -> HashCode.Combine(5, SymbolicExpression.HashOf(b, depth - 1), k)
        | RealPower(b, v) -> HashCode.Combine(6, SymbolicExpression.HashOf(b, depth - 1), SymbolicExpression.HashOf(v, depth - 1))
        | Apply(f, u) -> HashCode.Combine(7, f, SymbolicExpression.HashOf(u, depth - 1))
        | Apply2(f, u, v) -> HashCode.Combine(8, f, SymbolicExpression.HashOf(u, depth - 1), SymbolicExpression.HashOf(v, depth - 1))
        | Conditional(c, u, v, a, b) ->
            let hashOf e = SymbolicExpression.HashOf(e, depth - 1)
            HashCode.Combine(9, c, hashOf u, hashOf v, hashOf a, hashOf b)

    static member private Same(a: SymbolicExpression, b: SymbolicExpression) : bool =
        obj.ReferenceEquals(a, b)
        || match a, b with
           | Constant x, Constant y -> x.Equals y
           | Variable i, Variable j -> i = j
           | Sum xs, Sum ys
           | Product xs, Product ys -> xs.Length = ys.Length && List.forall2 (fun x y -> SymbolicExpression.Same(x, y)) xs ys
           | Power(x, k), Power(y, l) -> k = l && SymbolicExpression.Same(x, y)
           | RealPower(x, u), RealPower(y, v) -> SymbolicExpression.Same(x, y) && SymbolicExpression.Same(u, v)
           | Apply(f, x), Apply(g, y) -> f = g && SymbolicExpression.Same(x, y)
           | Apply2(f, x, u), Apply2(g, y, v) -> f = g && SymbolicExpression.Same(x, y) && SymbolicExpression.Same(u, v)
           | Conditional(c, u, v, a, b), Conditional(d, x, y, p, q) ->
               c = d && SymbolicExpression.Same(u, x) && SymbolicExpression.Same(v, y) && SymbolicExpression.Same(a, p)
               && SymbolicExpression.Same(b, q)
           | _ -> false

    static member private Kind(e: SymbolicExpression) =
        match e with
        | Constant _ -> 0
        | Variable _ -> 1
        | Sum _ -> 2
        | Product _ -> 3
        | Power _ -> 4
        | RealPower _ -> 5
        | Apply _ -> 6
        | Apply2 _ -> 7
        | Conditional _ -> 8

    static member private Order(a: SymbolicExpression, b: SymbolicExpression) : int =
        if obj.ReferenceEquals(a, b) then 0 else
        let rec lists (xs: SymbolicExpression list) (ys: SymbolicExpression list) =
            match xs, ys with
            | [], [] -> 0
            | [], _ -> -1
            | _, [] -> 1
            | x :: xs, y :: ys ->
                let c = SymbolicExpression.Order(x, y)
                if c <> 0 then c else lists xs ys
        let thenBy c next = if c <> 0 then c else next ()
        match a, b with
        | Constant x, Constant y -> x.CompareTo y
        | Variable i, Variable j -> compare i j
        | Sum xs, Sum ys
        | Product xs, Product ys -> lists xs ys
        | Power(x, k), Power(y, l) -> thenBy (SymbolicExpression.Order(x, y)) (fun () -> compare k l)
        | RealPower(x, u), RealPower(y, v) -> thenBy (SymbolicExpression.Order(x, y)) (fun () -> SymbolicExpression.Order(u, v))
        | Apply(f, x), Apply(g, y) -> thenBy (compare f g) (fun () -> SymbolicExpression.Order(x, y))
        | Apply2(f, x, u), Apply2(g, y, v) ->
            thenBy (compare f g) (fun () -> thenBy (SymbolicExpression.Order(x, y)) (fun () -> SymbolicExpression.Order(u, v)))
        | Conditional(c, u, v, a, b), Conditional(d, x, y, p, q) -> thenBy (compare c d) (fun () -> lists [ u; v; a; b ] [ x; y; p; q ])
        | _ -> compare (SymbolicExpression.Kind a) (SymbolicExpression.Kind b)

    /// Structural equality: the same tree, whatever objects it is made of.
    override this.Equals(other: obj) =
        match other with
        | :? SymbolicExpression as e -> SymbolicExpression.Same(this, e)
        | _ -> false

    /// A structural hash of the top few levels of the tree.
    override this.GetHashCode() = SymbolicExpression.HashOf(this, 4)

    interface IEquatable<SymbolicExpression> with
        /// Structural equality.
        member this.Equals(other: SymbolicExpression) =
            match box other with
            | :? SymbolicExpression as e -> SymbolicExpression.Same(this, e)
            | _ -> false

    interface IComparable<SymbolicExpression> with
        /// The canonical order of operands: constants, variables, sums, products, powers, function applications.
        member this.CompareTo(other: SymbolicExpression) =
            match box other with
            | :? SymbolicExpression as e -> SymbolicExpression.Order(this, e)
            | _ -> 1

    interface IComparable with
        /// The canonical order of operands.
        member this.CompareTo(other: obj) =
            match other with
            | :? SymbolicExpression as e -> SymbolicExpression.Order(this, e)
            | _ -> invalidArg (nameof other) "Expected a SymbolicExpression."

/// Evaluation of the elementary functions on numbers.
module internal Elementary =
    /// sign(u) as a double: −1, 0 or 1, NaN for NaN (Math.Sign throws on NaN).
    let sign (u: float) = if u > 0.0 then 1.0 elif u < 0.0 then -1.0 else u

    /// f(u) for a unary elementary function.
    let apply f (u: float) =
        match f with
        | Sqrt -> Math.Sqrt u
        | Exp -> Math.Exp u
        | Log -> Math.Log u
        | Sin -> Math.Sin u
        | Cos -> Math.Cos u
        | Tan -> Math.Tan u
        | Asin -> Math.Asin u
        | Acos -> Math.Acos u
        | Atan -> Math.Atan u
        | Sinh -> Math.Sinh u
        | Cosh -> Math.Cosh u
        | Tanh -> Math.Tanh u
        | Abs -> Math.Abs u
        | Sign -> sign u

    /// f(u, v) for a binary elementary function.
    let apply2 f (u: float) (v: float) =
        match f with
        | Atan2 -> Math.Atan2(u, v)
        | Min -> Math.Min(u, v)
        | Max -> Math.Max(u, v)

    /// Whether the comparison of u and v holds.
    let holds comparison (u: float) (v: float) =
        match comparison with
        | Greater -> u > v
        | Equal -> u = v
        | MaxTakesFirst -> Double.IsNaN u || u >= v
        | MinTakesFirst -> Double.IsNaN u || u <= v

/// The canonical-form constructors ("automatic simplification", Cohen 2003, §3.2): every
/// operator on <see cref="SymbolicExpression"/> goes through these.
module internal Canonical =
    /// uᵏ for a canonical u and integer k: u⁰ = 1, u¹ = u, constants folded, (uᵃ)ᵇ = uᵃᵇ and
    /// (u·v)ᵏ = uᵏ·vᵏ (both exact for integer exponents).
    let rec power (b: SymbolicExpression) (k: int) : SymbolicExpression =
        match k, b with
        | 0, _ -> Constant 1.0
        | 1, _ -> b
        | _, Constant c -> Constant(pown c k)
        | _, Power(inner, j) -> power inner (j * k)
        | _, Product factors -> multiply (factors |> List.map (fun f -> power f k))
        | _ -> Power(b, k)

    /// The product of canonical factors: flattened, constants folded into one coefficient,
    /// like bases collected by adding exponents (x·x = x², x·x⁻¹ = 1), x·0 = 0, x·1 = x.
    and multiply (factors: SymbolicExpression list) : SymbolicExpression =
        let mutable coefficient = 1.0
        let exponents = Dictionary<SymbolicExpression, int>()
        let rec visit f =
            match f with
            | Constant c -> coefficient <- coefficient * c
            | Product inner -> List.iter visit inner
            | Power(b, k) -> collect b k
            | other -> collect other 1
        and collect b k =
            match exponents.TryGetValue b with
            | true, existing -> exponents[b] <- existing + k
            | _ -> exponents[b] <- k
        List.iter visit factors
        if coefficient = 0.0 then Constant 0.0 else
        let collected =
            [ for KeyValue(b, k) in exponents do if k <> 0 then yield b, k ]
            |> List.sortWith (fun (a, k) (b, l) -> let c = compare a b in if c <> 0 then c else compare k l)
            |> List.map (fun (b, k) -> if k = 1 then b else Power(b, k))
        match collected with
        | [] -> Constant coefficient
        | [ single ] when coefficient = 1.0 -> single
        | _ when coefficient = 1.0 -> Product collected
        | _ -> Product(Constant coefficient :: collected)

    /// A term split into its numeric coefficient and the rest (the monomial): 3·x·y → (3, x·y).
    let private split (term: SymbolicExpression) =
        match term with
        | Product(Constant c :: [ single ]) -> c, single
        | Product(Constant c :: rest) -> c, Product rest
        | other -> 1.0, other

    /// c·m for a canonical monomial m without a coefficient.
    let private scale (c: float) (monomial: SymbolicExpression) =
        if c = 1.0 then monomial
        else
            match monomial with
            | Product factors -> Product(Constant c :: factors)
            | other -> Product [ Constant c; other ]

    /// The sum of canonical terms: flattened, constants folded, like terms collected by adding
    /// coefficients (2·x·y + x·y = 3·x·y), x + 0 = x.
    let add (terms: SymbolicExpression list) : SymbolicExpression =
        let mutable constant = 0.0
        let coefficients = Dictionary<SymbolicExpression, float>()
        let rec visit t =
            match t with
            | Constant c -> constant <- constant + c
            | Sum inner -> List.iter visit inner
            | other ->
                let c, m = split other
                match coefficients.TryGetValue m with
                | true, existing -> coefficients[m] <- existing + c
                | _ -> coefficients[m] <- c
        List.iter visit terms
        let collected =
            [ for KeyValue(m, c) in coefficients do if c <> 0.0 then yield m, c ]
            |> List.sortWith (fun (a, c) (b, d) -> let o = compare a b in if o <> 0 then o else compare c d)
            |> List.map (fun (m, c) -> scale c m)
        match collected with
        | [] -> Constant constant
        | [ single ] when constant = 0.0 -> single
        | _ when constant = 0.0 -> Sum collected
        | _ -> Sum(Constant constant :: collected)

    /// uᵛ: an integer constant exponent gives <see cref="power"/>, two constants fold.
    let realPower (b: SymbolicExpression) (e: SymbolicExpression) : SymbolicExpression =
        match b, e with
        | _, Constant c when Math.Abs c < 1e9 && c = Math.Round c -> power b (int c)
        | Constant x, Constant y -> Constant(Math.Pow(x, y))
        | _ -> RealPower(b, e)

    /// f(u), folded when u is a constant; |·| and sign are idempotent.
    let apply (f: UnaryFunction) (u: SymbolicExpression) : SymbolicExpression =
        match f, u with
        | _, Constant c -> Constant(Elementary.apply f c)
        | Abs, Apply(Abs, _) -> u
        | Sign, Apply(Sign, _) -> u
        | Abs, Apply(Sqrt, _) -> u
        | Abs, Apply(Exp, _) -> u
        | _ -> Apply(f, u)

    /// f(u, v), folded when both are constants; min(u, u) = max(u, u) = u.
    let apply2 (f: BinaryFunction) (u: SymbolicExpression) (v: SymbolicExpression) : SymbolicExpression =
        match f, u, v with
        | _, Constant a, Constant b -> Constant(Elementary.apply2 f a b)
        | (Min | Max), _, _ when u = v -> u
        | _ -> Apply2(f, u, v)

    /// a where the comparison of u and v holds, else b; folded to one branch when both are the same, when u and
    /// v are constants, and when u = v decides the test (u ≥ u and u ≤ u hold, u &gt; u does not, also for NaN).
    let conditional (comparison: Comparison) (u: SymbolicExpression) (v: SymbolicExpression) (a: SymbolicExpression) (b: SymbolicExpression) =
        match comparison, u, v with
        | _ when a = b -> a
        | _, Constant x, Constant y -> if Elementary.holds comparison x y then a else b
        | (MaxTakesFirst | MinTakesFirst), _, _ when u = v -> a
        | Greater, _, _ when u = v -> b
        | _ -> Conditional(comparison, u, v, a, b)

    /// −u.
    let negate u = multiply [ Constant -1.0; u ]

    /// u − v.
    let subtract u v = add [ u; negate v ]

    /// u / v.
    let divide u v = multiply [ u; power v -1 ]

    /// Rebuilds any tree bottom-up through the canonical constructors.
    let rec simplify (e: SymbolicExpression) : SymbolicExpression =
        match e with
        | Constant _
        | Variable _ -> e
        | Sum terms -> add (List.map simplify terms)
        | Product factors -> multiply (List.map simplify factors)
        | Power(b, k) -> power (simplify b) k
        | RealPower(b, x) -> realPower (simplify b) (simplify x)
        | Apply(f, u) -> apply f (simplify u)
        | Apply2(f, u, v) -> apply2 f (simplify u) (simplify v)
        | Conditional(c, u, v, a, b) -> conditional c (simplify u) (simplify v) (simplify a) (simplify b)

type SymbolicExpression with
    /// u + v, simplified.
    static member (+)(u: SymbolicExpression, v: SymbolicExpression) = Canonical.add [ u; v ]
    /// u + c, simplified.
    static member (+)(u: SymbolicExpression, c: float) = Canonical.add [ u; Constant c ]
    /// c + u, simplified.
    static member (+)(c: float, u: SymbolicExpression) = Canonical.add [ Constant c; u ]
    /// u − v, simplified.
    static member (-)(u: SymbolicExpression, v: SymbolicExpression) = Canonical.subtract u v
    /// u − c, simplified.
    static member (-)(u: SymbolicExpression, c: float) = Canonical.add [ u; Constant -c ]
    /// c − u, simplified.
    static member (-)(c: float, u: SymbolicExpression) = Canonical.subtract (Constant c) u
    /// u · v, simplified.
    static member (*)(u: SymbolicExpression, v: SymbolicExpression) = Canonical.multiply [ u; v ]
    /// u · c, simplified.
    static member (*)(u: SymbolicExpression, c: float) = Canonical.multiply [ u; Constant c ]
    /// c · u, simplified.
    static member (*)(c: float, u: SymbolicExpression) = Canonical.multiply [ Constant c; u ]
    /// u / v, simplified.
    static member (/)(u: SymbolicExpression, v: SymbolicExpression) = Canonical.divide u v
    /// u / c, simplified.
    static member (/)(u: SymbolicExpression, c: float) = Canonical.divide u (Constant c)
    /// c / u, simplified.
    static member (/)(c: float, u: SymbolicExpression) = Canonical.divide (Constant c) u
    /// −u, simplified.
    static member (~-)(u: SymbolicExpression) = Canonical.negate u
    /// +u.
    static member (~+)(u: SymbolicExpression) = u
    /// uᵛ (the F# operator **), simplified.
    static member Pow(u: SymbolicExpression, v: SymbolicExpression) = Canonical.realPower u v
    /// uᶜ (the F# operator **), simplified.
    static member Pow(u: SymbolicExpression, c: float) = Canonical.realPower u (Constant c)
    /// uᵏ for an integer k, simplified.
    static member Pow(u: SymbolicExpression, k: int) = Canonical.power u k
    /// The constant 0 (for F# generic arithmetic).
    static member Zero = Constant 0.0
    /// The constant 1 (for F# generic arithmetic and pown).
    static member One = Constant 1.0
    /// √u.
    static member Sqrt(u: SymbolicExpression) = Canonical.apply Sqrt u
    /// eᵘ.
    static member Exp(u: SymbolicExpression) = Canonical.apply Exp u
    /// ln u.
    static member Log(u: SymbolicExpression) = Canonical.apply Log u
    /// sin u.
    static member Sin(u: SymbolicExpression) = Canonical.apply Sin u
    /// cos u.
    static member Cos(u: SymbolicExpression) = Canonical.apply Cos u
    /// tan u.
    static member Tan(u: SymbolicExpression) = Canonical.apply Tan u
    /// arcsin u.
    static member Asin(u: SymbolicExpression) = Canonical.apply Asin u
    /// arccos u.
    static member Acos(u: SymbolicExpression) = Canonical.apply Acos u
    /// arctan u.
    static member Atan(u: SymbolicExpression) = Canonical.apply Atan u
    /// atan2(y, x).
    static member Atan2(y: SymbolicExpression, x: SymbolicExpression) = Canonical.apply2 Atan2 y x
    /// sinh u.
    static member Sinh(u: SymbolicExpression) = Canonical.apply Sinh u
    /// cosh u.
    static member Cosh(u: SymbolicExpression) = Canonical.apply Cosh u
    /// tanh u.
    static member Tanh(u: SymbolicExpression) = Canonical.apply Tanh u
    /// |u|.
    static member Abs(u: SymbolicExpression) = Canonical.apply Abs u
    /// The variable xᵢ.
    static member Var(index: int) =
        if index < 0 then invalidArg (nameof index) $"index is {index}; expected a variable index of at least 0."
        Variable index
    /// The constant c.
    static member Const(c: float) = Constant c
    /// min(u, v).
    static member Minimum(u: SymbolicExpression, v: SymbolicExpression) = Canonical.apply2 Min u v
    /// max(u, v).
    static member Maximum(u: SymbolicExpression, v: SymbolicExpression) = Canonical.apply2 Max u v

/// Functions on symbolic expressions: construction, simplification, evaluation, inspection.
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module SymbolicExpression =
    /// The variable xᵢ.
    let var (index: int) = SymbolicExpression.Var index

    /// The constant c.
    let constant (c: float) = Constant c

    /// uᵏ for an integer k, simplified.
    let pow (u: SymbolicExpression) (k: int) = Canonical.power u k

    /// sign(u).
    let sign (u: SymbolicExpression) = Canonical.apply Sign u

    /// min(u, v).
    let min (u: SymbolicExpression) (v: SymbolicExpression) = Canonical.apply2 Min u v

    /// max(u, v).
    let max (u: SymbolicExpression) (v: SymbolicExpression) = Canonical.apply2 Max u v

    /// f(u) for an elementary function f, simplified.
    let apply (f: UnaryFunction) (u: SymbolicExpression) = Canonical.apply f u

    /// f(u, v) for an elementary function f of two arguments, simplified.
    let apply2 (f: BinaryFunction) (u: SymbolicExpression) (v: SymbolicExpression) = Canonical.apply2 f u v

    /// a where the comparison of u and v holds, else b, simplified.
    let conditional (comparison: Comparison) (u: SymbolicExpression) (v: SymbolicExpression) (a: SymbolicExpression) (b: SymbolicExpression) =
        Canonical.conditional comparison u v a b

    /// The sum of several expressions, simplified.
    let sum (terms: SymbolicExpression seq) = Canonical.add (List.ofSeq terms)

    /// The product of several expressions, simplified.
    let product (factors: SymbolicExpression seq) = Canonical.multiply (List.ofSeq factors)

    /// Brings any tree, however built, to the canonical form: constants folded, x·1 = x, x + 0 = x,
    /// x·0 = 0, x¹ = x, like terms and like powers collected.
    let simplify (e: SymbolicExpression) = Canonical.simplify e

    /// Evaluates the expression at the point x by walking the tree (an interpreter, for tests and
    /// one-off values; <see cref="T:Optimize.FSharp.Symbolic.SymbolicObjective"/> compiles instead).
    let evaluate (x: float[]) (e: SymbolicExpression) : float =
        let rec eval e =
            match e with
            | Constant c -> c
            | Variable i ->
                if i >= x.Length then
                    invalidArg (nameof x) $"x has length {x.Length}; the expression uses variable {i}."
                x[i]
            | Sum terms -> terms |> List.sumBy eval
            | Product factors -> factors |> List.fold (fun p f -> p * eval f) 1.0
            | Power(b, k) -> pown (eval b) k
            | RealPower(b, v) -> Math.Pow(eval b, eval v)
            | Apply(f, u) -> Elementary.apply f (eval u)
            | Apply2(f, u, v) -> Elementary.apply2 f (eval u) (eval v)
            | Conditional(c, u, v, a, b) -> if Elementary.holds c (eval u) (eval v) then eval a else eval b
        eval e

    /// The direct operands of an expression: the terms of a sum, the factors of a product, the
    /// base (and exponent) of a power, the arguments of a function, the compared operands and the two
    /// branches of a conditional; none for a constant or variable.
    let operands (e: SymbolicExpression) : SymbolicExpression list =
        match e with
        | Constant _
        | Variable _ -> []
        | Sum xs
        | Product xs -> xs
        | Power(b, _) -> [ b ]
        | RealPower(b, v) -> [ b; v ]
        | Apply(_, u) -> [ u ]
        | Apply2(_, u, v) -> [ u; v ]
        | Conditional(_, u, v, a, b) -> [ u; v; a; b ]

    /// The indices of the variables the expression depends on, in increasing order.
    let variables (e: SymbolicExpression) : int list =
        let seen = HashSet<int>()
        let visited = HashSet<SymbolicExpression>(HashIdentity.Reference)
        let rec walk e =
            if visited.Add e then
                match e with
                | Variable i -> seen.Add i |> ignore
                | _ -> List.iter walk (operands e)
        walk e
        seen |> Seq.sort |> List.ofSeq
