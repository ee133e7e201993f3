using Optimize.AutoDiff;
using Optimize.AutoDiff.Tensors;
using Optimize.FSharp.Symbolic;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using TensorTapeRecorder = Optimize.AutoDiff.Tensors.TensorTape;

namespace Optimize.Rules.Tests;

/// <summary>
/// Every implementation of the elementary derivative rules — the scalar AD types, the generator's adjoint and
/// tangent code, the F# symbolic differentiator (interpreted and compiled) and the tensor tape — evaluated at every
/// point of <see cref="DerivativeRuleTable"/> and held to the table's value and partial derivatives.
/// </summary>
public class RuleAgreementTests
{
    /// <summary>Every rule, by name.</summary>
    private static readonly Dictionary<string, ElementaryRule> rules =
        typeof(ElementaryRule).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ElementaryRule)))
            .Select(t => (ElementaryRule)Activator.CreateInstance(t)!)
            .ToDictionary(r => r.Name);

    [Theory]
    [MemberData(nameof(DerivativeRuleTable.Labels), MemberType = typeof(DerivativeRuleTable))]
    public void EveryImplementationFollowsTheTable(string label)
    {
        RulePoint row = DerivativeRuleTable.Row(label);
        ElementaryRule rule = rules[row.Rule];
        var disagreements = new List<string>();
        foreach (Implementation implementation in Enum.GetValues<Implementation>())
        {
            if (Evaluate(implementation, rule, row.Point) is not var (value, partials)) continue;
            double[] expected = row.PartialsOf(implementation);
            if (!Same(row.Value, value))
                disagreements.Add($"{implementation}: value {value:R}, expected {row.Value:R}");
            for (int i = 0; i < expected.Length; i++)
                if (!Same(expected[i], partials[i]))
                    disagreements.Add($"{implementation}: ∂/∂x{i} {partials[i]:R}, expected {expected[i]:R}");
        }
        Assert.True(disagreements.Count == 0, $"{label}:\n  " + string.Join("\n  ", disagreements));
    }

    [Fact]
    public void TheTableCoversEveryFunctionOfTheScalarContract()
    {
        string[] contract =
        [
            "Add", "Subtract", "Multiply", "Divide", "Negate", "Sqrt", "Exp", "Log", "Sin", "Cos", "Tan", "Asin", "Acos",
            "Atan", "Atan2", "Sinh", "Cosh", "Tanh", "Abs", "Min", "Max", "Pow",
        ];
        Assert.Subset(rules.Keys.ToHashSet(), contract.ToHashSet());
        Assert.Equal(rules.Keys.Order(), DerivativeRuleTable.Rows.Select(r => r.Rule).Distinct().Order());
        foreach (var rule in rules.Values)
            Assert.True(DerivativeRuleTable.Rows.Count(r => r.Rule == rule.Name) >= 2, $"{rule.Name}: an ordinary point and an edge point");
    }

    [Fact]
    public void TheTensorTapeIsCheckedOnEveryElementaryOperationItHas()
    {
        var onTape = rules.Values.Where(r => Evaluate(Implementation.TensorTape, r, new double[r.Dimension]) is not null).Select(r => r.Name);
        Assert.Equal(["Add", "Divide", "Exp", "Log", "Multiply", "Negate", "Relu", "Subtract", "Tanh"], onTape.Order());
    }

    /// <summary>Equal as numbers (0 = −0), both NaN, or finite and within 1e-14 relative to max(1, |expected|).</summary>
    private static bool Same(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual)
        : !double.IsFinite(expected) || !double.IsFinite(actual) ? expected == actual
        : Math.Abs(expected - actual) <= 1e-14 * Math.Max(1, Math.Abs(expected));

    /// <summary>The value and partials of <paramref name="rule"/> at <paramref name="x"/> by one implementation, or null if it lacks the rule.</summary>
    private static (double Value, double[] Partials)? Evaluate(Implementation implementation, ElementaryRule rule, double[] x) => implementation switch
    {
        Implementation.ForwardDual => ForwardDual(rule, x),
        Implementation.ForwardDualVector => ForwardDualVector(rule, x),
        Implementation.ReverseTape => ReverseTape(rule, x),
        Implementation.ReverseHessianVector => ReverseHessianVector(rule, x),
        Implementation.GeneratedAdjoint => GeneratedAdjoint(rule, x),
        Implementation.GeneratedTangent => GeneratedTangent(rule, x),
        Implementation.Symbolic => Symbolic(rule, x),
        Implementation.SymbolicCompiled => SymbolicCompiled(rule, x),
        _ => TensorTape(rule, x),
    };

    private static (double, double[]) ForwardDual(ElementaryRule rule, double[] x)
    {
        var partials = new double[x.Length];
        double value = 0;
        for (int i = 0; i < x.Length; i++)
        {
            var d = x.Select((v, j) => new Dual<double>(v, i == j ? 1 : 0)).ToArray();
            var result = rule.Evaluate<Dual<double>>(d);
            (value, partials[i]) = (result.Value, result.Tangent);
        }
        return (value, partials);
    }

    private static (double, double[]) ForwardDualVector(ElementaryRule rule, double[] x)
    {
        var result = rule.Evaluate<DualVector<Chunk2>>(x.Select(DualVector<Chunk2>.Seed).ToArray());
        return (result.Value, Enumerable.Range(0, x.Length).Select(i => result.Tangents[i]).ToArray());
    }

    private static (double, double[]) ReverseHessianVector(ElementaryRule rule, double[] x)
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        HessianVectorVariable result;
        try
        {
            var inputs = new HessianVectorVariable[x.Length];
            tape.Inputs(x, new double[x.Length], inputs);
            result = rule.Evaluate<HessianVectorVariable>(inputs);
        }
        finally { tape.End(); }
        var gradient = new double[x.Length];
        tape.Seed(result, 1);
        tape.SweepSecondOrder(gradient, new double[x.Length]);
        return (result.Value.Value, gradient);
    }

    private static (double, double[]) ReverseTape(ElementaryRule rule, double[] x)
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        Variable result;
        try { result = rule.Evaluate<Variable>(x.Select(tape.Input).ToArray()); }
        finally { tape.End(); }
        var gradient = new double[x.Length];
        tape.Seed(result, 1);
        tape.Sweep(gradient);
        return (result.Value, gradient);
    }

    private static (double, double[]) GeneratedAdjoint(ElementaryRule rule, double[] x)
    {
        var gradient = new double[x.Length];
        double value = ((IGeneratedDerivatives)rule).EvaluateGradient(x, gradient);
        return (value, gradient);
    }

    private static (double, double[]) GeneratedTangent(ElementaryRule rule, double[] x)
    {
        var partials = new double[x.Length];
        double value = 0;
        for (int i = 0; i < x.Length; i++)
        {
            var direction = new double[x.Length];
            direction[i] = 1;
            value = ((IGeneratedDerivatives)rule).EvaluateDirectionalDerivative(x, direction, out partials[i]);
        }
        return (value, partials);
    }

    private static SymbolicExpression SymbolicBody(ElementaryRule rule) =>
        rule.Symbolic(Enumerable.Range(0, rule.Dimension).Select(SymbolicExpression.Var).ToArray());

    private static (double, double[]) Symbolic(ElementaryRule rule, double[] x)
    {
        var body = SymbolicBody(rule);
        var partials = Enumerable.Range(0, x.Length)
            .Select(i => SymbolicExpressionModule.evaluate(x, Differentiation.derivative(i, body))).ToArray();
        return (SymbolicExpressionModule.evaluate(x, body), partials);
    }

    private static (double, double[]) SymbolicCompiled(ElementaryRule rule, double[] x)
    {
        var names = Enumerable.Range(0, x.Length).Select(i => $"x{i}").ToArray();
        var objective = new SymbolicObjective(SymbolicFunction.Create(names, SymbolicBody(rule)));
        var gradient = new double[x.Length];
        double value = objective.ValueAndGradient(x, gradient);
        return (value, gradient);
    }

    private static (double, double[])? TensorTape(ElementaryRule rule, double[] x)
    {
        var tape = new TensorTapeRecorder();
        tape.Begin();
        var parameters = x.Select(v => tape.Parameter([v], 1, 1)).ToArray();
        if (rule.OnTensorTape(parameters) is not Tensor output) return null;
        tape.Backward(output);
        return (output.Scalar, parameters.Select(p => tape.Adjoint(p)[0]).ToArray());
    }
}
