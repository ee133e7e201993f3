/// Conversion of F# quotations such as <c>&lt;@ fun x -> sin (x * x) @&gt;</c> or
/// <c>&lt;@ fun (x: float[]) -> x[0] * x[1] @&gt;</c> into symbolic expressions.
module Optimize.FSharp.Symbolic.Quotations

open System
open System.Reflection
open FSharp.Quotations
open FSharp.Quotations.Patterns
open FSharp.Quotations.DerivedPatterns

/// What a quotation variable stands for during conversion.
type private Binding =
    /// A real-valued subexpression.
    | Scalar of SymbolicExpression
    /// An integer known at conversion time (an index or an exponent).
    | Integer of int
    /// An array of variables: element i is the variable offset + i.
    | VariableArray of offset: int
    /// A tuple of bindings (a tupled lambda argument).
    | Tuple of Binding list

/// The converter's state: the bindings in scope and the highest variable index met in an array.
type private Context =
    { Bindings: Map<Var, Binding>
      HighestIndex: int ref }

let private unsupported (q: Expr) (why: string) : 'a =
    invalidArg "quotation" $"The quotation contains {why}, which symbolic differentiation does not support: {q}"

let private unaryByName =
    dict [ "Sqrt", Sqrt; "Exp", Exp; "Log", Log; "Sin", Sin; "Cos", Cos; "Tan", Tan; "Asin", Asin; "Acos", Acos
           "Atan", Atan; "Sinh", Sinh; "Cosh", Cosh; "Tanh", Tanh; "Abs", Abs ]

let private binaryByName = dict [ "Atan2", Atan2; "Min", Min; "Max", Max ]

/// The generic math functions of Optimize.FSharp (sin, pown, num, …), which shadow F#'s when opened.
let private genericMathModule = "Optimize.FSharp.GenericMath"

/// The name of a standard function in the vocabulary of F#'s operators: GenericMath's lower-case
/// names are mapped to the compiled names of the operators they shadow.
let private standardName (m: MethodInfo) =
    match m.DeclaringType with
    | null -> m.Name
    | t when t.FullName = genericMathModule ->
        match m.Name with
        | "pown" -> "PowInteger"
        | "num" -> "ToDouble"
        | name when name.StartsWith "op_" -> name
        | name -> string (Char.ToUpperInvariant name[0]) + name.Substring 1
    | _ -> m.Name

/// The functions that turn a range or comprehension into an array, list or sequence.
let private collectionWrappers = set [ "ToArray"; "ToList"; "OfSeq"; "CreateSequence" ]

/// Whether a method belongs to F#'s Array, List or Seq module.
let private isCollectionModule (m: MethodInfo) =
    match m.DeclaringType with
    | null -> false
    | t ->
        t.FullName = "Microsoft.FSharp.Collections.ArrayModule"
        || t.FullName = "Microsoft.FSharp.Collections.ListModule"
        || t.FullName = "Microsoft.FSharp.Collections.SeqModule"

/// Whether a method is one of F#'s operators or System.Math, whose names identify the function.
let private isStandard (m: MethodInfo) =
    match m.DeclaringType with
    | null -> false
    | t ->
        t = typeof<Math>
        || t.FullName = "Microsoft.FSharp.Core.Operators"
        || t.FullName = "Microsoft.FSharp.Core.LanguagePrimitives+IntrinsicFunctions"
        || t.FullName = "Microsoft.FSharp.Core.ExtraTopLevelOperators"
        || t.FullName = "Microsoft.FSharp.Collections.ArrayModule"
        || t.FullName = genericMathModule

/// Whether a subexpression depends on nothing the quotation binds (its arguments, let-bindings or summation
/// indices): a captured value, a module-level value or an expression of them, known when the quotation is converted.
let private isClosed (q: Expr) = Seq.isEmpty (q.GetFreeVars())

/// The value of a closed subexpression (<see cref="M:Optimize.FSharp.Symbolic.Quotations.isClosed"/>), evaluated once
/// during conversion, so captured values and closures over them become constants.
let private evaluate<'T> (q: Expr) : 'T =
    FSharp.Linq.RuntimeHelpers.LeafExpressionConverter.EvaluateQuotation q :?> 'T

let rec private integer (context: Context) (q: Expr) : int =
    match q with
    | Value(:? int as i, _) -> i
    | Var v ->
        match context.Bindings.TryFind v with
        | Some(Integer i) -> i
        | _ -> unsupported q $"the integer variable '{v.Name}' whose value is not known when the quotation is converted"
    | Call(None, m, [ a; b ]) when isStandard m && m.ReturnType = typeof<int> ->
        let a, b = integer context a, integer context b
        match m.Name with
        | "op_Addition" -> a + b
        | "op_Subtraction" -> a - b
        | "op_Multiply" -> a * b
        | "op_Division" -> a / b
        | name -> unsupported q $"the integer operation {name}"
    | Call(None, m, [ a ]) when isStandard m && m.Name = "op_UnaryNegation" && m.ReturnType = typeof<int> -> -(integer context a)
    | Let(v, value, body) -> integer { context with Bindings = context.Bindings.Add(v, Integer(integer context value)) } body
    | PropertyGet(None, p, []) when p.PropertyType = typeof<int> -> unbox<int> (p.GetValue null)
    | _ when q.Type = typeof<int> && isClosed q -> evaluate<int> q
    | _ -> unsupported q "an integer expression that is not a constant"

and private element (context: Context) (q: Expr) (array: Expr) (indexExpr: Expr) : SymbolicExpression =
    if array.Type = typeof<float[]> && isClosed array then
        // A captured array of data (a closure's value or a module-level value): its element is a constant.
        let values = evaluate<float[]> array
        let i = integer context indexExpr
        if i < 0 || i >= values.Length then unsupported q $"the index {i} outside the captured array of length {values.Length}"
        Constant values[i]
    else
        match bind context array with
        | VariableArray offset ->
            let i = integer context indexExpr
            if i < 0 then unsupported q $"the negative index {i}"
            context.HighestIndex.Value <- max context.HighestIndex.Value i
            Variable(offset + i)
        | _ -> unsupported q "indexing into something other than the argument array"

and private bind (context: Context) (q: Expr) : Binding =
    match q with
    | Var v ->
        match context.Bindings.TryFind v with
        | Some b -> b
        | None -> unsupported q $"the free variable '{v.Name}'"
    | TupleGet(tuple, i) ->
        match bind context tuple with
        | Tuple items -> items[i]
        | _ -> unsupported q "a tuple that is not the argument"
    | _ when q.Type = typeof<int> -> Integer(integer context q)
    | _ -> Scalar(convert context q)

/// The integers of a range known at conversion time: a..b or a..step..b, possibly turned into an
/// array, list or sequence.
and private integers (context: Context) (q: Expr) : int list =
    match q with
    | Call(None, m, [ a; b ]) when m.Name = "op_Range" -> [ integer context a .. integer context b ]
    | Call(None, m, [ a; step; b ]) when m.Name = "op_RangeStep" ->
        [ integer context a .. integer context step .. integer context b ]
    | Call(None, m, [ inner ]) when collectionWrappers.Contains m.Name -> integers context inner
    | Coerce(inner, _) -> integers context inner
    | _ -> unsupported q "a collection that is not an integer range known when the quotation is converted"

/// Σᵢ body(i) over a range: each term converted with i bound to its value.
and private sumOver (context: Context) (index: Var) (body: Expr) (range: int list) : SymbolicExpression =
    range
    |> List.map (fun i -> convert { context with Bindings = context.Bindings.Add(index, Integer i) } body)
    |> Canonical.add

/// A comprehension [ for i in range -> body ] (as an array, list or sequence) summed.
and private sumOfComprehension (context: Context) (q: Expr) : SymbolicExpression =
    match q with
    | Call(None, m, [ Lambda(index, body); range ]) when m.Name = "Map" -> sumOver context index body (integers context range)
    | Call(None, m, [ Lambda(_, inner) ]) when m.Name = "Delay" -> sumOfComprehension context inner
    | Call(None, m, [ inner ]) when collectionWrappers.Contains m.Name -> sumOfComprehension context inner
    | Coerce(inner, _) -> sumOfComprehension context inner
    | _ -> unsupported q "a sum over something other than a comprehension over an integer range"

and private convert (context: Context) (q: Expr) : SymbolicExpression =
    let recurse = convert context
    match q with
    | Call(None, m, [ Lambda(index, body); range ]) when m.Name = "SumBy" && isCollectionModule m ->
        sumOver context index body (integers context range)
    | Call(None, m, [ source ]) when m.Name = "Sum" && isCollectionModule m -> sumOfComprehension context source
    | Value(:? float as c, _) -> Constant c
    | Value(:? int as i, _) -> Constant(float i)
    | Var _
    | TupleGet _ ->
        match bind context q with
        | Scalar e -> e
        | Integer i -> Constant(float i)
        | _ -> unsupported q "an array or tuple used as a number"
    | Let(v, value, body) ->
        convert { context with Bindings = context.Bindings.Add(v, bind context value) } body
    | Call(None, m, args) when isStandard m ->
        match standardName m, args with
        | "op_Addition", [ a; b ] -> recurse a + recurse b
        | "op_Subtraction", [ a; b ] -> recurse a - recurse b
        | "op_Multiply", [ a; b ] -> recurse a * recurse b
        | "op_Division", [ a; b ] -> recurse a / recurse b
        | "op_UnaryNegation", [ a ] -> -(recurse a)
        | "op_UnaryPlus", [ a ] -> recurse a
        | ("op_Exponentiation" | "Pow"), [ a; b ] -> Canonical.realPower (recurse a) (recurse b)
        | "PowInteger", [ a; k ] -> Canonical.power (recurse a) (integer context k)
        | ("ToDouble" | "op_Explicit"), [ a ] when a.Type = typeof<int> -> Constant(float (integer context a))
        | ("ToDouble" | "op_Explicit"), [ a ] when a.Type = typeof<float> -> recurse a
        | ("GetArray" | "Get"), [ array; index ] -> element context q array index
        | name, [ a ] when unaryByName.ContainsKey name -> Canonical.apply unaryByName[name] (recurse a)
        | name, [ a; b ] when binaryByName.ContainsKey name -> Canonical.apply2 binaryByName[name] (recurse a) (recurse b)
        | name, _ -> unsupported q $"the function {name}"
    | Call(None, m, args) ->
        match m with
        | MethodWithReflectedDefinition(Lambdas(parameters, body)) ->
            // Inlines a [<ReflectedDefinition>] function by binding its parameters to the arguments.
            let flat = List.concat parameters
            if flat.Length <> args.Length then unsupported q $"a partial application of {m.Name}"
            let bindings = List.fold2 (fun (acc: Map<Var, Binding>) p a -> acc.Add(p, bind context a)) context.Bindings flat args
            convert { context with Bindings = bindings } body
        | _ ->
            let owner = match m.DeclaringType with null -> "" | t -> t.Name + "."
            unsupported q $"a call of {owner}{m.Name} (mark it [<ReflectedDefinition>] to have it inlined)"
    | PropertyGet(None, p, []) when p.PropertyType = typeof<float> ->
        match p with
        | PropertyGetterWithReflectedDefinition body -> recurse body
        | _ -> Constant(p.GetValue(null) :?> float)
    | _ when q.Type = typeof<float> && isClosed q -> Constant(evaluate<float> q)
    | _ -> unsupported q "this construct"

/// The variables of a converted function: their names, and how many there are.
type ConvertedFunction =
    { /// The variable names, one per variable: the lambda's parameter names, or x[0], x[1], … for an array.
      Names: string[]
      /// The function's body.
      Body: SymbolicExpression }

/// <summary>
/// Converts a quotation of a real function into a symbolic expression. Accepted forms:
/// <c>fun x -> …</c>, curried <c>fun x y -> …</c>, tupled <c>fun (x, y) -> …</c> over floats, and
/// <c>fun (x: float[]) -> …</c> with constant indices <c>x[i]</c> (the dimension is the highest index
/// plus one unless <paramref name="dimension"/> is given). Bodies may use let-bindings, + − * /,
/// unary minus, <c>pown u k</c> and <c>u ** v</c>, the functions sqrt exp log sin cos tan asin acos atan
/// atan2 sinh cosh tanh abs min max (as F# operators or System.Math methods), integer constants
/// converted with <c>float</c>, sums over integer ranges known at conversion time
/// (<c>Array.sumBy (fun i -> …) [| 0 .. n - 1 |]</c>, <c>Seq.sum (seq { for i in 0 .. 2 .. n - 2 -> … })</c>), and
/// calls of functions marked <c>[&lt;ReflectedDefinition&gt;]</c>, which are inlined. Values the quotation captures
/// (a closure's locals, module-level values, arrays of data indexed by a constant or a summation index, record fields,
/// closures applied to such values) are evaluated once, when the quotation is converted, and become constants.
/// </summary>
/// <param name="dimension">For an array argument, the number of variables; None to infer it.</param>
/// <param name="quotation">The quoted function.</param>
let convertFunction (dimension: int option) (quotation: Expr) : ConvertedFunction =
    if isNull (box quotation) then nullArg (nameof quotation)
    let highest = ref -1
    let context bindings = { Bindings = bindings; HighestIndex = highest }
    match quotation with
    | Lambda(v, body) when v.Type = typeof<float[]> ->
        let e = convert (context (Map.ofList [ v, VariableArray 0 ])) body
        let n =
            match dimension with
            | Some n ->
                Optimize.Guard.Positive(n, nameof dimension)
                if highest.Value >= n then
                    invalidArg (nameof dimension) $"dimension is {n}, but the quotation reads {v.Name}[{highest.Value}]."
                n
            | None when highest.Value < 0 ->
                invalidArg (nameof quotation) "The quotation never indexes its array argument; give the dimension explicitly."
            | None -> highest.Value + 1
        { Names = Array.init n (fun i -> $"{v.Name}[{i}]"); Body = e }
    | Lambda(t, body) when FSharp.Reflection.FSharpType.IsTuple t.Type ->
        let items = FSharp.Reflection.FSharpType.GetTupleElements t.Type
        if items |> Array.exists (fun i -> i <> typeof<float>) then
            unsupported quotation "a tuple argument whose items are not all floats"
        let names = Array.init items.Length (fun i -> $"{t.Name}{i + 1}")
        // The compiler unpacks a tupled argument with let x = tupledArg.Item1 in …; those names are the variables' names.
        let rec unpack (body: Expr) =
            match body with
            | Let(v, TupleGet(Var tv, i), rest) when tv = t ->
                names[i] <- v.Name
                unpack rest
            | _ -> ()
        unpack body
        let binding = Tuple(List.init items.Length (fun i -> Scalar(Variable i)))
        { Names = names; Body = convert (context (Map.ofList [ t, binding ])) body }
    | Lambdas(parameters, body) ->
        let flat = List.concat parameters
        match flat |> List.tryFind (fun v -> v.Type <> typeof<float>) with
        | Some v -> unsupported quotation $"the parameter '{v.Name}' of type {v.Type.Name} (expected float, a tuple of floats or float[])"
        | None ->
            let bindings = flat |> List.mapi (fun i v -> v, Scalar(Variable i)) |> Map.ofList
            { Names = flat |> List.map (fun v -> v.Name) |> Array.ofList; Body = convert (context bindings) body }
    | _ -> unsupported quotation "no lambda (expected a quoted function such as <@ fun x -> x * x @>)"
