namespace Optimize.FSharp

open System
open MathNet.Numerics.LinearAlgebra
open Optimize
open Optimize.AutoDiff
open Optimize.FiniteDifferences
open Optimize.Oracles
open Optimize.Analytic
open Optimize.Solvers
open Optimize.Solvers.Methods
open Optimize.FSharp.Symbolic
open Optimize.AutoDiff.Forward
open Optimize.AutoDiff.Reverse

/// An objective whose gradient comes from forward mode: n passes with one unit tangent each.
type internal ForwardModeGradient(dimension: int, f: Dual<float>[] -> Dual<float>) =
    interface IGradientObjective with
        member _.Dimension = dimension
        member _.Value(x) =
            Guard.Length(x.Length, dimension, "x")
            let inputs = Array.zeroCreate dimension
            for i in 0 .. dimension - 1 do inputs[i] <- Dual<float>(x[i], 0.0)
            (f inputs).Value
        member _.ValueAndGradient(x, gradient) =
            Guard.Length(x.Length, dimension, "x")
            Guard.Length(gradient.Length, dimension, "gradient")
            let point = x.ToArray()
            let mutable value = 0.0
            for j in 0 .. dimension - 1 do
                let y = f (Array.init dimension (fun i -> Dual<float>(point[i], (if i = j then 1.0 else 0.0))))
                value <- y.Value
                gradient[j] <- y.Tangent
            value

/// <summary>
/// An objective from a function over <c>HessianVectorVariable</c> (reverse mode): one recording on the thread's tape
/// and one second-order backward sweep give ∇f (direction 0) or ∇f and ∇²f·v together (forward over reverse,
/// Griewank &amp; Walther, <i>Evaluating Derivatives</i>, §5.2); the Hessian is n such products. Values use
/// constant inputs and record nothing.
/// </summary>
type internal TapedObjective(dimension: int, f: HessianVectorVariable[] -> HessianVectorVariable) =
    let sweep (x: ReadOnlySpan<float>) (v: ReadOnlySpan<float>) (gradient: Span<float>) (product: Span<float>) =
        Guard.Length(x.Length, dimension, "x")
        let tape = Tape.ForCurrentThread
        let inputs = Array.zeroCreate<HessianVectorVariable> dimension
        tape.Begin()
        let y =
            try
                tape.Inputs(x, v, Span inputs)
                f inputs
            finally
                tape.End()
        tape.Seed(y, 1.0)
        tape.SweepSecondOrder(gradient, product)
        y.Value.Value

    interface IHessianObjective with
        member _.Dimension = dimension
        member _.Value(x) =
            Guard.Length(x.Length, dimension, "x")
            let inputs = Array.zeroCreate<HessianVectorVariable> dimension
            for i in 0 .. dimension - 1 do inputs[i] <- HessianVectorVariable.op_Implicit x[i]
            (f inputs).Value.Value
        member _.ValueAndGradient(x, gradient) =
            Guard.Length(gradient.Length, dimension, "gradient")
            sweep x (ReadOnlySpan(Array.zeroCreate dimension)) gradient (Span(Array.zeroCreate dimension))
        member _.HessianVector(x, v, result) =
            Guard.Length(v.Length, dimension, "v")
            Guard.Length(result.Length, dimension, "result")
            sweep x v (Span(Array.zeroCreate dimension)) result |> ignore
        member this.Hessian(x, hessian) =
            Guard.Shape(hessian, dimension, dimension, "hessian")
            let row = Array.zeroCreate dimension
            for i in 0 .. dimension - 1 do
                let unit = Array.init dimension (fun j -> if i = j then 1.0 else 0.0)
                (this :> IHessianVectorObjective).HessianVector(x, ReadOnlySpan unit, Span row)
                for j in 0 .. dimension - 1 do hessian[i, j] <- row[j]

/// Oracles (the toolkit's <see cref="T:Optimize.Oracles.IObjective"/> contract) from F# functions, one per derivative source.
[<RequireQualifiedAccess>]
module Objective =
    /// Values only, from a function of a fresh array.
    let ofFunction (dimension: int) (f: float[] -> float) : IObjective =
        AnalyticObjective.FromArrayFunction(dimension, Func<float[], float> f)

    /// Hand-coded value and gradient.
    let analytic (dimension: int) (f: float[] -> float) (gradient: float[] -> float[]) : IGradientObjective =
        AnalyticObjective.Create(
            dimension,
            ValueFunction(fun x -> f (x.ToArray())),
            GradientFunction(fun x g -> (gradient (x.ToArray())).AsSpan().CopyTo g))

    /// Gradients, Hessian-vector products and Hessians by central differences of values.
    let finiteDifferences (dimension: int) (f: float[] -> float) : IHessianObjective =
        FiniteDifferenceObjective.Create(dimension, ValueFunction(fun x -> f (x.ToArray())))

    /// Gradients by forward mode (n passes of <c>Dual&lt;float&gt;</c>).
    let forwardMode (dimension: int) (f: Dual<float>[] -> Dual<float>) : IGradientObjective =
        Guard.Positive(dimension, nameof dimension)
        ForwardModeGradient(dimension, f)

    /// Exact gradients, Hessian-vector products and Hessians by reverse mode: f over <c>HessianVectorVariable</c>
    /// (write it once with <see cref="T:Optimize.FSharp.GenericMath"/> and F# instantiates it) is recorded on the tape,
    /// and one backward sweep gives ∇f, or ∇f and ∇²f·v (forward over reverse), so every method accepts it.
    let reverseMode (dimension: int) (f: HessianVectorVariable[] -> HessianVectorVariable) : IHessianObjective =
        Guard.Positive(dimension, nameof dimension)
        TapedObjective(dimension, f)

    /// The full oracle by forward-mode AD of a function written once over the scalar type.
    let ofForwardMode (f: IScalarFunction) : IHessianObjective = ForwardModeObjective f

    /// The full oracle by reverse-mode AD (forward over reverse for Hessian-vector products).
    let ofReverseMode (f: IScalarFunction) : IHessianObjective = ReverseModeObjective f

    /// The full oracle by symbolic differentiation of a quotation, compiled once.
    let symbolic (quotation: FSharp.Quotations.Expr) : IHessianObjective = SymbolicObjective(Symbolic.ofQuotation quotation)

    /// The full oracle by symbolic differentiation of a symbolic function, compiled once.
    let ofSymbolic (f: SymbolicFunction) : IHessianObjective = SymbolicObjective f

/// The minimization methods, read from the toolkit's registry (<see cref="T:Optimize.Solvers.Methods.MinimizationMethods"/>):
/// every method the command line knows, by the same names, with its options.
[<RequireQualifiedAccess>]
module Method =
    /// Every method of the registry, in its order (values only, gradients, Hessian-vector products, Hessians).
    let all : MinimizationMethod list = List.ofSeq MinimizationMethods.All

    /// The names of <see cref="P:Optimize.FSharp.Method.all"/>.
    let names : string list = List.ofSeq MinimizationMethods.Names

    /// The method with this name (case-insensitive), e.g. <c>Method.named "bfgs"</c>; throws ArgumentException
    /// listing the valid names when there is none.
    let named (name: string) : MinimizationMethod = MinimizationMethods.Get name

    /// The registry's default method, L-BFGS with memory 10.
    let defaultMethod : MinimizationMethod = MinimizationMethods.Default

    /// The method with other options of its own options type (e.g. <c>LbfgsOptions(Memory = 5)</c> for "lbfgs");
    /// throws ArgumentException when the options are of another type or invalid.
    let withOptions (options: obj) (method: MinimizationMethod) : MinimizationMethod = method.WithOptions options

/// Options of <see cref="M:Optimize.FSharp.Optimize.minimize"/>; start from <see cref="P:Optimize.FSharp.Optimize.defaults"/>
/// and change fields with <c>{ Optimize.defaults with Method = Method.named "bfgs" }</c>.
type Options =
    { /// The method: an entry of the registry, see <see cref="T:Optimize.FSharp.Method"/>.
      Method: MinimizationMethod
      /// Stop when ‖∇f‖₂ ≤ this (the Euclidean norm, as the driver tests it).
      GradientTolerance: float
      /// Stop when the step is at most this (0: off).
      StepTolerance: float
      /// Stop when |Δf| is at most this (0: off).
      FunctionChangeTolerance: float
      /// The iteration limit.
      MaximumIterations: int
      /// The time limit (infinite by default).
      TimeLimit: TimeSpan
      /// Whether to keep every iteration in the result's trace.
      StoreTrace: bool
      /// Called after every iteration (and once for the start); returning true stops the run with
      /// <c>TerminationReason.CallbackStopped</c>.
      Callback: (IterationRecord -> bool) option }

/// The outcome of a minimization, as a record.
type Result =
    { /// The method's name.
      Method: string
      /// The last accepted point.
      Minimizer: float[]
      /// f at the minimizer.
      Minimum: float
      /// ‖∇f‖ at the minimizer (NaN for derivative-free methods).
      GradientNorm: float
      /// Iterations performed.
      Iterations: int
      /// Evaluations of f, ∇f, ∇²f·v and ∇²f.
      Evaluations: EvaluationCounts
      /// Why the run stopped.
      Reason: TerminationReason
      /// Whether a convergence test was met.
      Converged: bool
      /// Wall-clock time.
      Elapsed: TimeSpan
      /// The iterations, when asked for.
      Trace: IterationRecord list }

/// <summary>
/// Settings of the one-call <see cref="M:Optimize.FSharp.Optimize.solve"/>, scipy's keyword arguments; start from
/// <see cref="P:Optimize.FSharp.Optimize.auto"/> and change fields with <c>{ Optimize.auto with Method = Some "newton-cg" }</c>.
/// The run is the C# one-call's (<see cref="T:Optimize.Optimization"/>): the same choice of method, checks and result.
/// </summary>
type Settings =
    { /// A method name of the registry (<see cref="P:Optimize.FSharp.Method.names"/>); None chooses as scipy does:
      /// BFGS without bounds (L-BFGS above 1000 variables), L-BFGS-B with bounds.
      Method: string option
      /// The method's own options record (e.g. <c>LbfgsOptions(Memory = 5)</c>), or None for the registry's.
      MethodOptions: obj option
      /// Stopping rules and limits shared by every method.
      Driver: DriverOptions
      /// Called after every iteration (and once for the start); returning true stops the run.
      Callback: (IterationRecord -> bool) option
      /// Bounds on the variables (<c>Bounds.Create(lower, upper)</c>, ±∞ where a side is free), or None. A named method
      /// must handle bounds (<c>lbfgsb</c>, <c>tron</c>, <c>nelder-mead</c>, <c>coordinate-descent</c>), else
      /// ArgumentException names <c>bounds</c>; the result reports the projected gradient and the active bounds.
      Bounds: Optimize.Constraints.Bounds option }

/// Minimization in F#: <c>objective |> Optimize.minimize Optimize.defaults x0</c>.
[<RequireQualifiedAccess>]
module Optimize =
    /// L-BFGS with memory 10, ‖∇f‖₂ ≤ 1e-8, at most 1000 iterations.
    let defaults =
        { Method = Method.defaultMethod
          GradientTolerance = 1e-8
          StepTolerance = 0.0
          FunctionChangeTolerance = 0.0
          MaximumIterations = 1000
          TimeLimit = Threading.Timeout.InfiniteTimeSpan
          StoreTrace = false
          Callback = None }

    let private driverOptions (options: Options) =
        DriverOptions(
            GradientTolerance = options.GradientTolerance,
            StepTolerance = options.StepTolerance,
            FunctionChangeTolerance = options.FunctionChangeTolerance,
            MaximumIterations = options.MaximumIterations,
            TimeLimit = options.TimeLimit,
            StoreTrace = options.StoreTrace,
            Callback = (options.Callback |> Option.map (fun callback -> Func<IterationRecord, bool> callback) |> Option.toObj))

    /// The constructors of <see cref="T:Optimize.FSharp.Objective"/> and what their objectives give.
    let private constructors =
        [ "Objective.reverseMode", OracleCapability.Hessian
          "Objective.symbolic", OracleCapability.Hessian
          "Objective.ofSymbolic", OracleCapability.Hessian
          "Objective.finiteDifferences", OracleCapability.Hessian
          "Objective.ofForwardMode", OracleCapability.Hessian
          "Objective.ofReverseMode", OracleCapability.Hessian
          "Objective.forwardMode", OracleCapability.Gradient
          "Objective.analytic", OracleCapability.Gradient
          "Objective.ofFunction", OracleCapability.Value ]

    /// Throws ArgumentException naming the objective when it lacks what the method needs, with the constructors that give it.
    let private checkGives (method: MinimizationMethod) (objective: IObjective) =
        if not (method.Accepts objective) then
            let fits = constructors |> List.filter (fun (_, gives) -> gives >= method.Needs) |> List.map fst
            let interfaceName =
                match method.Needs with
                | OracleCapability.Hessian -> nameof IHessianObjective
                | OracleCapability.HessianVector -> nameof IHessianVectorObjective
                | OracleCapability.Gradient -> nameof IGradientObjective
                | _ -> nameof IObjective
            let gives = (OracleCapabilities.Of objective).Describe()
            let constructorsThatFit = String.concat ", " fits
            invalidArg (nameof objective)
                $"Method '{method.Name}' needs {method.Needs.Describe()} (an {interfaceName}); the objective gives {gives}. Objectives that give {method.Needs.Describe()}: {constructorsThatFit}."

    let private toResult (r: MinimizationResult) =
        { Method = r.Method
          Minimizer = r.Minimizer
          Minimum = r.Minimum
          GradientNorm = r.GradientNorm
          Iterations = r.Iterations
          Evaluations = r.Evaluations
          Reason = r.Reason
          Converged = r.Converged
          Elapsed = r.Elapsed
          Trace = List.ofSeq r.Trace }

    /// Minimizes the objective from x0 with the options' method. Never throws on numerical trouble or
    /// non-convergence (the result's Reason says why it stopped); throws ArgumentException when the
    /// objective lacks the derivatives the method needs or x0 is invalid.
    let minimize (options: Options) (x0: float[]) (objective: IObjective) : Result =
        if isNull (box objective) then nullArg (nameof objective)
        if isNull (box x0) then nullArg (nameof x0)
        if isNull (box options.Method) then nullArg (nameof options.Method)
        checkGives options.Method objective
        options.Method.Minimize(objective, ReadOnlySpan x0, driverOptions options) |> toResult

    /// Minimizes with a different method, keeping the other options (for pipelines over methods).
    let minimizeWith (method: MinimizationMethod) (options: Options) (x0: float[]) (objective: IObjective) : Result =
        minimize { options with Method = method } x0 objective

    /// The one-call settings: the method chosen as scipy does, the driver's default stopping rules, no callback, no bounds.
    /// Add bounds with <c>{ Optimize.auto with Bounds = Some(Bounds.Box(n, 0.0, 1.0)) }</c> or <see cref="M:Optimize.FSharp.Optimize.withBounds"/>.
    let auto =
        { Method = None
          MethodOptions = None
          Driver = DriverOptions.Default
          Callback = None
          Bounds = None }

    /// The settings with the box lower ≤ x ≤ upper (scipy's <c>bounds</c>); throws ArgumentException naming the argument
    /// when the lengths differ, a bound is NaN or a lower bound exceeds its upper bound.
    let withBounds (lower: float[]) (upper: float[]) (settings: Settings) : Settings =
        if isNull (box lower) then nullArg (nameof lower)
        if isNull (box upper) then nullArg (nameof upper)
        { settings with Bounds = Some(Optimize.Constraints.Bounds.Create(ReadOnlySpan lower, ReadOnlySpan upper)) }

    /// Minimizes any objective (from <see cref="T:Optimize.FSharp.Objective"/>) in one call with the settings: the
    /// method named, or chosen as scipy does; the result says which and why.
    let solveObjective (settings: Settings) (x0: float[]) (objective: IObjective) : OptimizationResult =
        if isNull (box objective) then nullArg (nameof objective)
        if isNull (box x0) then nullArg (nameof x0)
        Optimization.Minimize(
            objective, ReadOnlySpan x0, Option.toObj settings.Method, settings.Driver,
            (settings.Callback |> Option.map (fun callback -> Func<IterationRecord, bool> callback) |> Option.toObj),
            Option.toObj settings.Bounds, Option.toObj settings.MethodOptions)

    /// One call with settings: f written once with <see cref="T:Optimize.FSharp.GenericMath"/>, exact derivatives by
    /// reverse mode (<see cref="M:Optimize.FSharp.Objective.reverseMode"/>), the method named or chosen as scipy does.
    let solveWith (settings: Settings) (f: HessianVectorVariable[] -> HessianVectorVariable) (x0: float[]) : OptimizationResult =
        if isNull (box x0) then nullArg (nameof x0)
        if x0.Length = 0 then invalidArg (nameof x0) "x0 is empty; it needs one entry per variable."
        Objective.reverseMode x0.Length f |> solveObjective settings x0

    /// <summary>
    /// One call, as scipy's <c>minimize(f, x0)</c>: <c>Optimize.solve rosenbrock [| -1.2; 1.0 |]</c> with f written once
    /// with <see cref="T:Optimize.FSharp.GenericMath"/> (F# instantiates it over <c>HessianVectorVariable</c>): exact
    /// gradients and Hessian-vector products by reverse mode, BFGS as scipy chooses.
    /// </summary>
    let solve (f: HessianVectorVariable[] -> HessianVectorVariable) (x0: float[]) : OptimizationResult = solveWith auto f x0
