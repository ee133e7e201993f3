using System.Globalization;
using System.Text;
using Optimize.FSharp.Symbolic;
using Optimize.Problems;

namespace Optimize.Cli.Sources;

/// <summary>
/// The closed-form expressions of the library's problems that symbolic differentiation can take, written in
/// the notation <c>Symbolic.parse</c> reads over the variables x1 … xn and term for term the sums the problems
/// evaluate. Problems defined by data (quadratic, least squares, network) or by branches (helical valley) have
/// no entry: the symbolic source does not apply to them.
/// </summary>
public static class SymbolicFormulas
{
    private static readonly Dictionary<string, Func<int, string>> Formulas = new()
    {
        ["sin-square"] = _ => "sin(x1^2)",
        ["square-plus-one-squared"] = _ => "(x1^2 + 1)^2",
        ["griewank-walther"] = _ => "(sin(x1/x2) + x1/x2 - exp(x2))*(x1/x2 - exp(x2))",
        ["rosenbrock"] = ExtendedRosenbrock,
        ["extended-rosenbrock"] = ExtendedRosenbrock,
        ["beale"] = _ => "(1.5 - x1 + x1*x2)^2 + (2.25 - x1 + x1*x2^2)^2 + (2.625 - x1 + x1*x2^3)^2",
        ["powell-singular"] = _ => "(x1 + 10*x2)^2 + 5*(x3 - x4)^2 + (x2 - 2*x3)^4 + 10*(x1 - x4)^4",
        ["wood"] = _ => "100*(x2 - x1^2)^2 + (1 - x1)^2 + 90*(x4 - x3^2)^2 + (1 - x3)^2 + 10*(x2 + x4 - 2)^2 + (x2 - x4)^2/10",
    };

    /// <summary>The problem names that have a formula.</summary>
    public static IReadOnlyCollection<string> Names => Formulas.Keys;

    /// <summary>Whether <paramref name="problem"/> has a closed-form expression here.</summary>
    /// <param name="problem">The problem.</param>
    public static bool Supports(TestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Formulas.ContainsKey(problem.Name);
    }

    /// <summary>The expression of <paramref name="problem"/> as text over x1 … xn.</summary>
    /// <param name="problem">A problem with a formula.</param>
    /// <exception cref="ArgumentException">The problem has no formula.</exception>
    public static string Text(TestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Formulas.TryGetValue(problem.Name, out var formula)
            ? formula(problem.Dimension)
            : throw new ArgumentException(
                $"problem '{problem.Name}' has no closed-form expression for symbolic differentiation; problems with one: {string.Join(", ", Names)}.",
                nameof(problem));
    }

    /// <summary>The problem's expression, parsed and differentiated symbolically, compiled into an oracle.</summary>
    /// <param name="problem">A problem with a formula.</param>
    public static SymbolicObjective Objective(TestProblem problem)
    {
        var names = Enumerable.Range(1, problem.Dimension).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return Symbolic.objective(Symbolic.parse(names, Text(problem)));
    }

    // Σᵢ 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)², i = 1 … n/2.
    private static string ExtendedRosenbrock(int dimension)
    {
        var text = new StringBuilder();
        for (int i = 1; i < dimension; i += 2)
        {
            if (text.Length > 0) text.Append(" + ");
            text.Append(CultureInfo.InvariantCulture, $"100*(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2");
        }
        return text.ToString();
    }
}
