namespace Optimize.FSharp

open System
open MathNet.Numerics.LinearAlgebra
open Optimize
open Optimize.AutoDiff
open Optimize.FiniteDifferences
open Optimize.Oracles
open Optimize.Analytic
open Optimize.Solvers
open Optimize.Solvers.DerivativeFree
open Optimize.Solvers.FirstOrder
open Optimize.Solvers.QuasiNewton
open Optimize.FSharp.Symbolic

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

/// The minimization methods of <see cref="M:Optimize.FSharp.Optimize.minimize"/>, with the oracle each needs.
type Method =
    /// L-BFGS with the given memory (Nocedal &amp; Wright, Algorithm 7.5); needs gradients.
    | LBFGS of memory: int
    /// BFGS (Nocedal &amp; Wright, Algorithm 6.1); needs gradients.
    | BFGS
    /// Nonlinear conjugate gradients (Nocedal &amp; Wright, §5.2); needs gradients.
    | ConjugateGradient
    /// Steepest descent with a line search; needs gradients.
    | GradientDescent
    /// Newton-CG (Nocedal &amp; Wright, Algorithm 7.1); needs Hessian-vector products.
    | NewtonConjugateGradient
    /// Newton's method with a modified Hessian (Nocedal &amp; Wright, §3.4); needs Hessians.
    | Newton
    /// Nelder–Mead simplex search (Nelder &amp; Mead 1965); needs values only.
    | NelderMead

/// Options of <see cref="M:Optimize.FSharp.Optimize.minimize"/>; start from <see cref="P:Optimize.FSharp.Optimize.defaults"/>
/// and change fields with <c>{ Optimize.defaults with Method = BFGS }</c>.
type Options =
    { /// The method.
      Method: Method
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
        { Method = LBFGS 10
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

    let private needs<'Oracle when 'Oracle :> IObjective> (method: Method) (objective: IObjective) : 'Oracle =
        match objective with
        | :? 'Oracle as o -> o
        | _ ->
            invalidArg
                (nameof objective)
                $"{method} needs an objective implementing {typeof<'Oracle>.Name}; build one with Objective.finiteDifferences, Objective.reverseMode, Objective.symbolic, …"

    /// Minimizes the objective from x0 with the options' method. Never throws on numerical trouble or
    /// non-convergence (the result's Reason says why it stopped); throws ArgumentException when the
    /// objective lacks the derivatives the method needs or x0 is invalid.
    let minimize (options: Options) (x0: float[]) (objective: IObjective) : Result =
        if isNull (box objective) then nullArg (nameof objective)
        if isNull (box x0) then nullArg (nameof x0)
        let driver = driverOptions options
        let start = ReadOnlySpan x0
        match options.Method with
        | LBFGS memory -> Lbfgs(LbfgsOptions(Memory = memory)).Minimize(needs options.Method objective, start, driver)
        | BFGS -> Bfgs().Minimize(needs options.Method objective, start, driver)
        | ConjugateGradient -> FirstOrder.ConjugateGradient().Minimize(needs options.Method objective, start, driver)
        | GradientDescent -> FirstOrder.GradientDescent().Minimize(needs options.Method objective, start, driver)
        | NewtonConjugateGradient -> Solvers.NewtonConjugateGradient().Minimize(needs options.Method objective, start, driver)
        | Newton -> Solvers.Newton().Minimize(needs options.Method objective, start, driver)
        | NelderMead -> DerivativeFree.NelderMead().Minimize(objective, start, driver)
        |> toResult

    /// Minimizes with a different method, keeping the other options (for pipelines over methods).
    let minimizeWith (method: Method) (options: Options) (x0: float[]) (objective: IObjective) : Result =
        minimize { options with Method = method } x0 objective
