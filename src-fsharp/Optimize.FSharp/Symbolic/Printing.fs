/// Printing of symbolic expressions in ordinary math notation (<c>2*x*cos(x^2)</c>, which
/// <see cref="M:Optimize.FSharp.Symbolic.Parsing.parse"/> reads back) and in LaTeX
/// (<c>2 x \cos\left(x^{2}\right)</c>).
module Optimize.FSharp.Symbolic.Printing

open System
open System.Globalization
open System.Text.RegularExpressions

// Binding strength of what is printed: a subexpression weaker than its context gets parentheses.
let private sumLevel = 1
let private productLevel = 2
let private powerLevel = 3
let private atomLevel = 4

/// A number in the shortest form that reads back to the same double.
let number (c: float) =
    if Double.IsNaN c then "NaN"
    elif Double.IsPositiveInfinity c then "Infinity"
    elif Double.IsNegativeInfinity c then "-Infinity"
    else c.ToString("R", CultureInfo.InvariantCulture)

/// The name of an elementary function in math notation (as the parser reads it).
let functionName f =
    match f with
    | Sqrt -> "sqrt"
    | Exp -> "exp"
    | Log -> "log"
    | Sin -> "sin"
    | Cos -> "cos"
    | Tan -> "tan"
    | Asin -> "asin"
    | Acos -> "acos"
    | Atan -> "atan"
    | Sinh -> "sinh"
    | Cosh -> "cosh"
    | Tanh -> "tanh"
    | Abs -> "abs"
    | Sign -> "sign"

/// The name of an elementary function of two arguments in math notation.
let functionName2 f =
    match f with
    | Atan2 -> "atan2"
    | Min -> "min"
    | Max -> "max"

/// The relation a comparison is printed as, in math notation: u &gt; v, u == v, and u &gt;= v, u &lt;= v for the
/// selections of max and min (which also hold where u is NaN).
let relation c =
    match c with
    | Greater -> ">"
    | Equal -> "=="
    | MaxTakesFirst -> ">="
    | MinTakesFirst -> "<="

/// A product split for printing: sign, |coefficient| (1 when absent), the factors with positive
/// exponents and those with negative exponents (as positive powers).
let private splitProduct (factors: SymbolicExpression list) =
    let coefficient, rest =
        match factors with
        | Constant c :: rest -> c, rest
        | _ -> 1.0, factors
    let numerator = rest |> List.filter (function Power(_, k) -> k > 0 | _ -> true)
    let denominator = rest |> List.choose (function Power(b, k) when k < 0 -> Some(Canonical.power b -k) | _ -> None)
    coefficient < 0.0, Math.Abs coefficient, numerator, denominator

/// Whether a sum term prints with a leading minus (and so is written as a subtraction).
let private isNegative term =
    match term with
    | Constant c -> c < 0.0
    | Product(Constant c :: _) -> c < 0.0
    | _ -> false

/// The terms of a sum in printing order: the constant last, as in x^2 + 1, unless it is positive and
/// the first other term negative, as in 1 - x.
let private printingOrder terms =
    match terms with
    | Constant c :: first :: _ when c > 0.0 && isNegative first -> terms
    | (Constant _ as c) :: rest -> rest @ [ c ]
    | _ -> terms

/// The notation-specific pieces of a printer.
type private Notation =
    { Name: int -> string
      Number: float -> string
      Times: string -> string -> string
      /// Whether quotients are drawn with a fraction bar (no parentheses needed around either part).
      FractionBar: bool
      Fraction: string -> string -> bool -> string
      Power: string -> string -> string
      Apply: UnaryFunction -> string -> string
      Apply2: BinaryFunction -> string -> string -> string
      /// A conditional from its comparison, compared operands and branches.
      Conditional: Comparison -> string -> string -> string -> string -> string
      Parenthesize: string -> string }

let private print (notation: Notation) (e: SymbolicExpression) : string =
    let wrap level context text = if level < context then notation.Parenthesize text else text
    let rec show context e =
        match e with
        | Constant c when c < 0.0 -> wrap productLevel context (notation.Number c)
        | Constant c -> notation.Number c
        | Variable i -> notation.Name i
        | Sum terms ->
            let pieces =
                printingOrder terms
                |> List.mapi (fun i t ->
                    if i = 0 then show sumLevel t
                    elif isNegative t then " - " + show productLevel (Canonical.negate t)
                    else " + " + show sumLevel t)
            wrap sumLevel context (String.Concat pieces)
        | Product factors -> wrap productLevel context (product factors)
        | Power(_, k) when k < 0 -> wrap productLevel context (product [ e ])
        | Power(b, k) -> wrap powerLevel context (notation.Power (show atomLevel b) (string k))
        | RealPower(b, v) -> wrap powerLevel context (notation.Power (show atomLevel b) (show atomLevel v))
        | Apply(f, u) -> notation.Apply f (show 0 u)
        | Apply2(f, u, v) -> notation.Apply2 f (show 0 u) (show 0 v)
        | Conditional(c, u, v, a, b) -> notation.Conditional c (show 0 u) (show 0 v) (show 0 a) (show 0 b)
    and product factors =
        let negative, magnitude, numerator, denominator = splitProduct factors
        let joined (fs: SymbolicExpression list) = fs |> List.map (show productLevel) |> List.reduce notation.Times
        let top =
            match numerator with
            | [] -> notation.Number magnitude
            | _ when magnitude = 1.0 -> joined numerator
            | _ -> notation.Times (notation.Number magnitude) (joined numerator)
        let body =
            match denominator with
            | [] -> top
            | _ when notation.FractionBar -> notation.Fraction top (show 0 (Canonical.multiply denominator)) false
            | [ single ] -> notation.Fraction top (show powerLevel single) false
            | _ -> notation.Fraction top (joined denominator) true
        if negative then "-" + body else body
    show 0 e

/// Prints in ordinary math notation with the given variable names, e.g. <c>2*x*cos(x^2)</c>:
/// operators + - * / ^, functions by their F# names, the constant term of a sum last, and a conditional as
/// <c>if(u &gt;= v, a, b)</c>.
let math (names: string[]) (e: SymbolicExpression) : string =
    print
        { Name = fun i -> if i < names.Length then names[i] else $"x{i}"
          Number = number
          Times = fun a b -> a + "*" + b
          FractionBar = false
          Fraction = fun top bottom grouped -> top + "/" + (if grouped then "(" + bottom + ")" else bottom)
          Power = fun b k -> b + "^" + k
          Apply = fun f u -> functionName f + "(" + u + ")"
          Apply2 = fun f u v -> functionName2 f + "(" + u + ", " + v + ")"
          Conditional = fun c u v a b -> $"if({u} {relation c} {v}, {a}, {b})"
          Parenthesize = fun s -> "(" + s + ")" }
        e

/// A variable name in LaTeX: x1 → x_{1}, x[0] → x_{0}, alpha → \alpha.
let latexName (name: string) =
    let greek =
        set [ "alpha"; "beta"; "gamma"; "delta"; "epsilon"; "zeta"; "eta"; "theta"; "iota"; "kappa"; "lambda"; "mu"
              "nu"; "xi"; "pi"; "rho"; "sigma"; "tau"; "upsilon"; "phi"; "chi"; "psi"; "omega" ]
    let symbol (s: string) = if greek.Contains s then "\\" + s else s
    let indexed = Regex.Match(name, @"^([A-Za-z]+)(?:\[(\d+)\]|_?(\d+))$")
    if indexed.Success then
        let index = if indexed.Groups[2].Success then indexed.Groups[2].Value else indexed.Groups[3].Value
        $"{symbol indexed.Groups[1].Value}_{{{index}}}"
    else symbol name

/// Prints in LaTeX with the given variable names, e.g. <c>2 x \cos\left(x^{2}\right)</c>:
/// products by juxtaposition (\cdot between numbers), \frac for quotients, a conditional as cases.
let latex (names: string[]) (e: SymbolicExpression) : string =
    let command f =
        match f with
        | Asin -> "\\arcsin"
        | Acos -> "\\arccos"
        | Atan -> "\\arctan"
        | Log -> "\\ln"
        | Sign -> "\\operatorname{sign}"
        | other -> "\\" + functionName other
    let latexNumber c =
        let text = number c
        let exponent = text.IndexOf 'E'
        if exponent < 0 then text
        else $"{text.Substring(0, exponent)} \\times 10^{{{int (text.Substring(exponent + 1))}}}"
    print
        { Name = fun i -> latexName (if i < names.Length then names[i] else $"x{i}")
          Number = latexNumber
          Times = fun a b -> if b.Length > 0 && Char.IsDigit b[0] then a + " \\cdot " + b else a + " " + b
          FractionBar = true
          Fraction = fun top bottom _ -> "\\frac{" + top + "}{" + bottom + "}"
          Power = fun b k -> b + "^{" + k + "}"
          Apply =
            fun f u ->
                match f with
                | Sqrt -> "\\sqrt{" + u + "}"
                | Abs -> "\\left|" + u + "\\right|"
                | _ -> command f + "\\left(" + u + "\\right)"
          Apply2 =
            fun f u v ->
                let name = match f with Atan2 -> "\\operatorname{atan2}" | Min -> "\\min" | Max -> "\\max"
                name + "\\left(" + u + ", " + v + "\\right)"
          Conditional =
            fun c u v a b ->
                let test = match c with Greater -> ">" | Equal -> "=" | MaxTakesFirst -> "\\geq" | MinTakesFirst -> "\\leq"
                $"\\begin{{cases}} {a} & \\text{{if }} {u} {test} {v} \\\\ {b} & \\text{{otherwise}} \\end{{cases}}"
          Parenthesize = fun s -> "\\left(" + s + "\\right)" }
        e
