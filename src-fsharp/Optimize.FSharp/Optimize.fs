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

/// An objective whose gradient comes from reverse mode: one recording and one sweep.
type internal ReverseModeGradient(dimension: int, f: Variable[] -> Variable) =
    interface IGradientObjective with
        member _.Dimension = dimension
        member _.Value(x) =
            Guard.Length(x.Length, dimension, "x")
            let inputs = Array.zeroCreate dimension
            for i in 0 .. dimension - 1 do inputs[i] <- Variable.Constant x[i]
            (f inputs).Value
        member _.ValueAndGradient(x, gradient) =
            Guard.Length(x.Length, dimension, "x")
            Guard.Length(gradient.Length, dimension, "gradient")
            let value, g = Diff.fgrad f (x.ToArray())
            g.AsSpan().CopyTo gradient
            value

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

    /// Gradients by reverse mode (one tape recording and sweep of <c>Variable</c>).
    let reverseMode (dimension: int) (f: Variable[] -> Variable) : IGradientObjective =
        Guard.Positive(dimension, nameof dimension)
        ReverseModeGradient(dimension, f)

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
      StoreTrace: bool }

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
          StoreTrace = false }

    let private driverOptions (options: Options) =
        DriverOptions(
            GradientTolerance = options.GradientTolerance,
            StepTolerance = options.StepTolerance,
            FunctionChangeTolerance = options.FunctionChangeTolerance,
            MaximumIterations = options.MaximumIterations,
            TimeLimit = options.TimeLimit,
            StoreTrace = options.StoreTrace)

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
        options.Method.Minimize(objective, ReadOnlySpan x0, driverOptions options) |> toResult

    /// Minimizes with a different method, keeping the other options (for pipelines over methods).
    let minimizeWith (method: MinimizationMethod) (options: Options) (x0: float[]) (objective: IObjective) : Result =
        minimize { options with Method = method } x0 objective
