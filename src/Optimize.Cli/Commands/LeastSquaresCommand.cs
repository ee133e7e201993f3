using System.CommandLine;
using System.Globalization;
using Optimize.Cli.Measurement;
using Optimize.Cli.Reports;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers;
using Optimize.Solvers.LeastSquares;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize least-squares</c>: a least-squares method of <see cref="LeastSquaresMethods"/> on the residuals of a
/// Moré–Garbow–Hillstrom sum of squares (<see cref="SumOfSquaresResiduals"/>) from x₀, 10·x₀ or 100·x₀, optionally
/// with a robust loss as scipy's <c>least_squares</c> takes it; prints cost, ‖r‖, evaluations and why it stopped.
/// With <c>--minpack</c> it runs MINPACK's lmder test protocol against MINPACK's published output instead
/// (<see cref="MinpackProtocol"/>).
/// </summary>
public static class LeastSquaresCommand
{
    /// <summary>The losses by their scipy names.</summary>
    private static readonly Dictionary<string, LossKind> Losses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["linear"] = LossKind.Linear,
        ["huber"] = LossKind.Huber,
        ["soft-l1"] = LossKind.SoftL1,
        ["soft_l1"] = LossKind.SoftL1,
        ["cauchy"] = LossKind.Cauchy,
        ["arctan"] = LossKind.Arctan,
    };

    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var problem = new Argument<string?>("problem")
        {
            Description = "A Moré–Garbow–Hillstrom sum of squares, e.g. mgh05-beale (see 'optimize standard-set --problems').",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var method = new Option<string>("--method")
        {
            Description = $"The method: {string.Join(", ", LeastSquaresMethods.Names)}, or scipy's lm, trf.",
            DefaultValueFactory = _ => LeastSquaresMethods.DefaultName,
        };
        var factor = new Option<double>("--start-factor") { Description = "Start from factor·x₀ (MINPACK's drivers use 1, 10, 100).", DefaultValueFactory = _ => 1 };
        var loss = new Option<string>("--loss") { Description = "The loss: linear, huber, soft-l1, cauchy, arctan (robust losses need trf).", DefaultValueFactory = _ => "linear" };
        var scale = new Option<double>("--f-scale") { Description = "The loss's soft threshold C (scipy's f_scale).", DefaultValueFactory = _ => 1 };
        var minpack = new Option<bool>("--minpack") { Description = "Run MINPACK's lmder test protocol (53 runs) with Levenberg–Marquardt, beside MINPACK's published output." };
        var command = new Command("least-squares", "Solve the least-squares view of a Moré–Garbow–Hillstrom problem, or run MINPACK's lmder protocol.")
        {
            problem, method, factor, loss, scale, minpack,
        };
        command.SetAction(parsed => OptimizeCommandLine.Guarded(environment, () =>
        {
            string? name = parsed.GetValue(problem);
            if (parsed.GetValue(minpack))
            {
                if (name is not null) throw new UsageException("--minpack runs MINPACK's own set; name no problem with it.");
                return RunMinpack(environment);
            }
            if (name is null) throw new UsageException("Name a problem (e.g. mgh05-beale), or give --minpack.");
            var instance = ProblemCatalog.LeastSquaresInstance(name);
            double startFactor = parsed.GetValue(factor);
            if (!(startFactor > 0) || double.IsInfinity(startFactor)) throw new UsageException($"--start-factor is {startFactor}; expected a positive number.");
            var robust = Loss(parsed.GetValue(loss)!, parsed.GetValue(scale));
            return Run(environment, instance, ProblemCatalog.LeastSquares(parsed.GetValue(method)!, robust), startFactor);
        }));
        return command;
    }

    /// <summary>The loss named, with its scale.</summary>
    /// <param name="name">linear, huber, soft-l1, cauchy or arctan.</param>
    /// <param name="scale">C &gt; 0.</param>
    /// <exception cref="UsageException">An unknown name, or a scale that is not positive and finite.</exception>
    public static RobustLoss Loss(string name, double scale)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Losses.TryGetValue(name, out var kind))
            throw new UsageException($"Unknown loss '{name}'. Valid losses: linear, huber, soft-l1, cauchy, arctan.");
        if (!(scale > 0) || double.IsInfinity(scale)) throw new UsageException($"--f-scale is {scale}; expected a positive number.");
        return new RobustLoss(kind, scale);
    }

    /// <summary>Solves and prints the result table.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="instance">The MGH instance; its problem must be a <see cref="SumOfSquaresProblem"/>.</param>
    /// <param name="method">The method (with its loss).</param>
    /// <param name="startFactor">The start is this factor times x₀.</param>
    /// <returns><see cref="ExitCodes.Success"/> when the run converged, else <see cref="ExitCodes.NotConverged"/>.</returns>
    public static int Run(CommandEnvironment environment, MoreGarbowHillstromInstance instance, LeastSquaresMethod method, double startFactor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(method);
        var residuals = new SumOfSquaresResiduals((SumOfSquaresProblem)instance.Problem);
        var result = ProgressDisplay.Status(environment, $"solving {instance.Name} with {method.Name}",
            () => method.Solve(residuals, instance.Start(startFactor), cancellationToken: environment.CancellationToken));
        Summary(instance, method, startFactor, result).Write(environment.Output);
        if (result.Reason == TerminationReason.Cancelled) environment.ErrorWriter.WriteLine("Cancelled: the summary shows the last iterate.");
        return result.Converged ? ExitCodes.Success : ExitCodes.NotConverged;
    }

    /// <summary>The result as a two-column table: cost, ‖r‖, evaluations (nfev, njev), reason and message.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="method">The method.</param>
    /// <param name="startFactor">The start factor.</param>
    /// <param name="result">The result.</param>
    public static TextTable Summary(MoreGarbowHillstromInstance instance, LeastSquaresMethod method, double startFactor, LeastSquaresResult result)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        string loss = method.Options is TrustRegionReflectiveOptions { Loss: { IsLinear: false } robust }
            ? string.Create(c, $"{robust.Kind}, f-scale {Format.Value(robust.Scale)}")
            : "linear (ordinary least squares)";
        var rows = new List<string[]>
        {
            new[] { "problem", string.Create(c, $"{instance.Name} (n = {instance.Problem.Dimension}, m = {instance.ResidualCount})") },
            new[] { "method", method.Name },
            new[] { "loss", loss },
            new[] { "start", string.Create(c, $"{Format.Value(startFactor)}·x₀ = {Format.Point(result.InitialPoint)}") },
            new[] { "initial cost", Format.Value(result.InitialCost) },
            new[] { "solution x", Format.Point(result.Solution) },
            new[] { "cost ½Σρ(rᵢ²)", Format.Value(result.Cost) },
            new[] { "‖r(x)‖₂", Format.Value(result.ResidualNorm) },
            new[] { "known minimum ‖r*‖₂", instance.Problem.KnownMinimum is double f ? Format.Value(Math.Sqrt(f)) : "—" },
            new[] { "optimality ‖∇cost‖∞", Format.Scientific(result.Optimality) },
            new[] { "stopped by", $"{result.Reason} ({(result.Converged ? "converged" : "not converged")})" },
            new[] { "message", result.Message },
            new[] { "iterations", result.Iterations.ToString(c) },
            new[] { "nfev (r evaluations)", result.ResidualEvaluations.ToString(c) },
            new[] { "njev (J evaluations)", result.JacobianEvaluations.ToString(c) },
            new[] { "time", Format.Duration(result.Elapsed.TotalSeconds) },
        };
        return new TextTable("Least-squares result", ["", "value"], rows, new HashSet<int>());
    }

    /// <summary>Runs MINPACK's lmder protocol and prints its table; <see cref="ExitCodes.NotConverged"/> when cancelled.</summary>
    /// <param name="environment">Where to write.</param>
    public static int RunMinpack(CommandEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var runs = ProgressDisplay.Status(environment, "running MINPACK's lmder protocol", () => MinpackProtocol.Run(environment.CancellationToken));
        MinpackProtocol.Write(runs, environment.OutputWriter);
        return runs.Count < MinpackLeastSquaresSet.Instances.Count ? ExitCodes.NotConverged : ExitCodes.Success;
    }
}
