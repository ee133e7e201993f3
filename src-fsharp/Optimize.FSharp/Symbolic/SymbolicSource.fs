namespace Optimize.FSharp.Symbolic

open System
open System.Globalization
open Optimize.AutoDiff
open Optimize.Oracles

/// <summary>
/// Symbolic differentiation as a derivative source: a function's closed form (<see cref="T:Optimize.Oracles.IClosedFormFunction"/>,
/// text over x1 … xn) is parsed, differentiated symbolically and compiled into an oracle with gradient, Hessian-vector
/// product and Hessian. <see cref="P:Optimize.FSharp.Symbolic.SymbolicSource.All"/> is the full registry of derivative
/// sources: the standard ones of Core and AutoDiff followed by this one.
/// </summary>
[<RequireQualifiedAccess>]
module SymbolicSource =

    /// The name of the symbolic source.
    [<CompiledName("Name")>]
    let name = "symbolic"

    /// The closed form of a function (seen through a counted function), or null when it has none.
    let private closedForm (f: IScalarFunction) =
        match CountedFunction.Unwrap f with
        | :? IClosedFormFunction as c -> c.ClosedForm
        | _ -> null

    /// <summary>
    /// The closed form of <paramref name="f"/>, parsed over x1 … xn, differentiated symbolically and compiled.
    /// Throws <see cref="T:System.ArgumentException"/> when the function states no closed form.
    /// </summary>
    [<CompiledName("Objective")>]
    let objective (f: IScalarFunction) : SymbolicObjective =
        if isNull (box f) then nullArg "f"
        match closedForm f with
        | null -> invalidArg "f" "the function states no closed form (IClosedFormFunction.ClosedForm); symbolic differentiation needs one."
        | text ->
            let names = Array.init f.Dimension (fun i -> "x" + (i + 1).ToString(CultureInfo.InvariantCulture))
            Symbolic.objective (Symbolic.parse names text)

    /// The symbolic source: accepts functions that state a closed form; values go through the function itself
    /// (so a counted function counts them), derivatives through the compiled symbolic code.
    [<CompiledName("Source")>]
    let source =
        DerivativeSource(
            name,
            "symbolic differentiation of the closed-form expression (F#), compiled",
            OracleCapability.Hessian,
            Func<IScalarFunction, IGradientObjective>(fun f ->
                CompiledDerivativesObjective(DerivativeSource.ValuesOf f, objective f) :> IGradientObjective),
            Func<IScalarFunction, bool>(fun f -> not (isNull (closedForm f))))

    /// Every derivative source: the standard ones of Core and AutoDiff, then symbolic differentiation.
    [<CompiledName("All")>]
    let all : DerivativeSources = DerivativeSources.Standard.With(source)
