using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>The outcome of a derivative check: every component compared, the worst first in <see cref="ToString"/>.</summary>
public sealed class DerivativeCheckReport
{
    internal DerivativeCheckReport(string kind, DerivativeCheckOptions options, IReadOnlyList<DerivativeComparison> comparisons)
    {
        Kind = kind;
        Options = options;
        Comparisons = comparisons;
        Passed = comparisons.All(c => c.Passed);
    }

    /// <summary>What was checked: "gradient", "Hessian" or "Jacobian".</summary>
    public string Kind { get; }

    /// <summary>The options used.</summary>
    public DerivativeCheckOptions Options { get; }

    /// <summary>Every component, in storage order (column-major for matrices).</summary>
    public IReadOnlyList<DerivativeComparison> Comparisons { get; }

    /// <summary>Whether every component is within its tolerance.</summary>
    public bool Passed { get; }

    /// <summary>The components outside their tolerance.</summary>
    public IEnumerable<DerivativeComparison> Failures => Comparisons.Where(c => !c.Passed);

    /// <summary>The largest absolute error.</summary>
    public double MaxAbsoluteError => Comparisons.Max(c => c.AbsoluteError);

    /// <summary>The largest relative error.</summary>
    public double MaxRelativeError => Comparisons.Max(c => c.RelativeError);

    /// <summary>The <paramref name="count"/> components with the largest error relative to their tolerance.</summary>
    /// <param name="count">How many.</param>
    public IReadOnlyList<DerivativeComparison> Worst(int count)
    {
        Guard.Positive(count, nameof(count));
        return Comparisons.OrderByDescending(c => c.Severity).ThenBy(c => c.Column).ThenBy(c => c.Row).Take(count).ToList();
    }

    /// <summary>A summary line and a table of the worst components.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        int failures = Failures.Count();
        text.Append(c, $"{Kind} check ({Options.FiniteDifferences.Method} differences, {Comparisons.Count} components): ");
        text.AppendLine(Passed ? "PASSED" : $"FAILED in {failures} component{(failures == 1 ? "" : "s")}");
        text.AppendLine(c, $"max absolute error {MaxAbsoluteError:G3}, max relative error {MaxRelativeError:G3}; tolerance = {Options.SafetyFactor:G3} × error estimate");
        text.AppendLine(c, $"{"component",-10} {"supplied",15} {"finite diff.",15} {"abs. error",10} {"rel. error",10} {"tolerance",10}  status");
        foreach (var e in Worst(Options.WorstCount))
            text.AppendLine(c, $"{e.Label,-10} {e.Supplied,15:G8} {e.Estimated,15:G8} {e.AbsoluteError,10:G3} {e.RelativeError,10:G3} {e.Tolerance,10:G3}  {(e.Passed ? "ok" : "FAIL")}");
        return text.ToString();
    }
}
