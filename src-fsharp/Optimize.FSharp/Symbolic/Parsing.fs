/// Reading expressions written in ordinary math notation, the notation
/// <see cref="M:Optimize.FSharp.Symbolic.Printing.math"/> prints, so that printing round-trips.
module Optimize.FSharp.Symbolic.Parsing

open System
open System.Globalization

type private Token =
    | Number of float
    | Name of string
    | Symbol of char
    /// A relation between the compared operands of a conditional: &gt; &lt; == &gt;= &lt;= (or ≥ ≤).
    | Relation of string
    | End

let private tokenize (text: string) : (Token * int) list =
    let isNameChar c = Char.IsLetterOrDigit c || c = '_'
    let rec scan i acc =
        if i >= text.Length then List.rev ((End, i) :: acc)
        else
            let c = text[i]
            if Char.IsWhiteSpace c then scan (i + 1) acc
            elif Char.IsDigit c || (c = '.' && i + 1 < text.Length && Char.IsDigit text[i + 1]) then
                let mutable j = i
                while j < text.Length && (Char.IsDigit text[j] || text[j] = '.') do j <- j + 1
                if j < text.Length && (text[j] = 'e' || text[j] = 'E') then
                    let k = if j + 1 < text.Length && (text[j + 1] = '+' || text[j + 1] = '-') then j + 2 else j + 1
                    if k < text.Length && Char.IsDigit text[k] then
                        j <- k
                        while j < text.Length && Char.IsDigit text[j] do j <- j + 1
                let literal = text.Substring(i, j - i)
                match Double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture) with
                | true, value -> scan j ((Number value, i) :: acc)
                | _ -> invalidArg "text" $"text has the malformed number '{literal}' at position {i}."
            elif Char.IsLetter c || c = '_' then
                let mutable j = i
                while j < text.Length && isNameChar text[j] do j <- j + 1
                // An indexed name such as x[3] is one token, matched against the variable names.
                if j < text.Length && text[j] = '[' then
                    let close = text.IndexOf(']', j)
                    if close < 0 then invalidArg "text" $"text has an unclosed '[' at position {j}."
                    scan (close + 1) ((Name(text.Substring(i, close + 1 - i).Replace(" ", "")), i) :: acc)
                else scan j ((Name(text.Substring(i, j - i)), i) :: acc)
            elif "+-*/^(),".Contains c then scan (i + 1) ((Symbol c, i) :: acc)
            elif c = '≥' || c = '≤' then scan (i + 1) ((Relation(if c = '≥' then ">=" else "<="), i) :: acc)
            elif c = '<' || c = '>' || (c = '=' && i + 1 < text.Length && text[i + 1] = '=') then
                let pair = i + 1 < text.Length && text[i + 1] = '='
                scan (if pair then i + 2 else i + 1) ((Relation(text.Substring(i, if pair then 2 else 1)), i) :: acc)
            else invalidArg "text" $"text has the unexpected character '{c}' at position {i}."
    scan 0 []

let private unaryFunctions =
    dict [ "sqrt", Sqrt; "exp", Exp; "log", Log; "ln", Log; "sin", Sin; "cos", Cos; "tan", Tan; "asin", Asin
           "acos", Acos; "atan", Atan; "sinh", Sinh; "cosh", Cosh; "tanh", Tanh; "abs", Abs; "sign", Sign ]

let private binaryFunctions = dict [ "atan2", Atan2; "min", Min; "max", Max ]

/// Parses ordinary math notation over the given variable names: numbers, names, + - * / ^
/// (^ binds tighter than unary minus and is right-associative), parentheses, and the functions
/// sqrt exp log sin cos tan asin acos atan sinh cosh tanh abs sign atan2 min max, and conditionals
/// <c>if(u &gt; v, a, b)</c> with the relations &gt;, &lt;, == and &gt;=, &lt;= (which, like max and min, also hold where u is
/// NaN; see <see cref="T:Optimize.FSharp.Symbolic.Comparison"/>). The result is in canonical form. Throws
/// ArgumentException naming the position of the first error.
let parse (names: string[]) (text: string) : SymbolicExpression =
    if isNull (box names) then nullArg (nameof names)
    if isNull (box text) then nullArg (nameof text)
    let index = names |> Array.mapi (fun i n -> n.Replace(" ", ""), i) |> dict
    let tokens = ref (tokenize text)
    let peek () = fst (List.head tokens.Value)
    let position () = snd (List.head tokens.Value)
    let advance () = tokens.Value <- List.tail tokens.Value
    let fail (what: string) = invalidArg (nameof text) $"text has {what} at position {position ()}: \"{text}\"."
    let expect c =
        if peek () = Symbol c then advance () else fail $"no '{c}'"
    let rec sum () =
        let mutable acc = [ product () ]
        let mutable go = true
        while go do
            match peek () with
            | Symbol '+' -> advance (); acc <- product () :: acc
            | Symbol '-' -> advance (); acc <- Canonical.negate (product ()) :: acc
            | _ -> go <- false
        Canonical.add (List.rev acc)
    and product () =
        let mutable acc = [ unary () ]
        let mutable go = true
        while go do
            match peek () with
            | Symbol '*' -> advance (); acc <- unary () :: acc
            | Symbol '/' -> advance (); acc <- Canonical.power (unary ()) -1 :: acc
            | _ -> go <- false
        Canonical.multiply (List.rev acc)
    and unary () =
        match peek () with
        | Symbol '-' -> advance (); Canonical.negate (unary ())
        | Symbol '+' -> advance (); unary ()
        | _ -> power ()
    and power () =
        let b = atom ()
        match peek () with
        | Symbol '^' -> advance (); Canonical.realPower b (unary ())
        | _ -> b
    and arguments () =
        expect '('
        let first = sum ()
        let rest =
            [ while peek () = Symbol ',' do
                  advance ()
                  yield sum () ]
        expect ')'
        first :: rest
    and atom () =
        match peek () with
        | Number c -> advance (); Constant c
        | Symbol '(' ->
            advance ()
            let inner = sum ()
            expect ')'
            inner
        | Name n when index.ContainsKey n -> advance (); Variable index[n]
        | Name "NaN" -> advance (); Constant nan
        | Name "Infinity" -> advance (); Constant infinity
        | Name n when unaryFunctions.ContainsKey n ->
            advance ()
            match arguments () with
            | [ u ] -> Canonical.apply unaryFunctions[n] u
            | args -> fail $"{n} applied to {args.Length} arguments (expected 1)"
        | Name "if" ->
            advance ()
            expect '('
            let u = sum ()
            let relation = match peek () with Relation r -> advance (); r | _ -> fail "no relation (>, <, ==, >=, <=)"
            let v = sum ()
            expect ','
            let a = sum ()
            expect ','
            let b = sum ()
            expect ')'
            match relation with
            | ">" -> Canonical.conditional Greater u v a b
            | "<" -> Canonical.conditional Greater v u a b
            | "==" -> Canonical.conditional Equal u v a b
            | ">=" -> Canonical.conditional MaxTakesFirst u v a b
            | _ -> Canonical.conditional MinTakesFirst u v a b
        | Name n when binaryFunctions.ContainsKey n ->
            advance ()
            match arguments () with
            | [ u; v ] -> Canonical.apply2 binaryFunctions[n] u v
            | args -> fail $"{n} applied to {args.Length} arguments (expected 2)"
        | Name n ->
            let known = String.Join(", ", names)
            fail $"the unknown name '{n}' (variables: {known})"
        | End -> fail "an unexpected end"
        | Symbol c -> fail $"an unexpected '{c}'"
        | Relation r -> fail $"an unexpected '{r}'"
    let result = sum ()
    if peek () <> End then fail "trailing text"
    result
