using System.Globalization;
using System.Text;
using Optimize.Oracles;

namespace Optimize.AutoDiff.Trace;

/// <summary>
/// The evaluation trace of a small function (Griewank &amp; Walther, <i>Evaluating Derivatives</i>, §2.2 and
/// Tables 3.2 and 3.4): each intermediate vᵢ in evaluation order with its tangent (forward mode, seeded with a
/// direction ẋ) and its adjoint (reverse mode, seeded with ȳ = 1), printable as the two classic tables.
/// </summary>
public sealed class EvaluationTrace
{
    private readonly record struct Operand(int Index, double Constant);
    private readonly record struct Entry(string Operation, int Arity, Operand First, double FirstPartial, Operand Second, double SecondPartial, double Value);

    [ThreadStatic] private static List<Entry>? recording;

    private readonly int inputCount;

    private EvaluationTrace(IReadOnlyList<TraceRow> rows, int inputCount, string output, double value, double tangent)
    {
        Rows = rows;
        this.inputCount = inputCount;
        Output = output;
        Value = value;
        Tangent = tangent;
    }

    /// <summary>The inputs then the intermediates, in evaluation order.</summary>
    public IReadOnlyList<TraceRow> Rows { get; }

    /// <summary>The name of the row holding y (or the constant's value when f returned a constant).</summary>
    public string Output { get; }

    /// <summary>y = f(x).</summary>
    public double Value { get; }

    /// <summary>ẏ = ∇f(x)·ẋ.</summary>
    public double Tangent { get; }

    /// <summary>The input adjoints x̄ = ∇f(x).</summary>
    public IReadOnlyList<double> Gradient => Rows.Take(inputCount).Select(row => row.Adjoint).ToArray();

    /// <summary>The row named <paramref name="name"/> (e.g. "v1", "v-1").</summary>
    /// <param name="name">The row's name.</param>
    public TraceRow this[string name] =>
        Rows.FirstOrDefault(row => row.Name == name) ?? throw new ArgumentException($"name is '{name}'; no row has that name.", nameof(name));

    /// <summary>Evaluates <paramref name="f"/> at <paramref name="x"/> on <see cref="TracedScalar"/> and computes
    /// every tangent (seed <paramref name="direction"/>) and every adjoint (seed ȳ = 1).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="direction">The tangent seed ẋ, of length n.</param>
    public static EvaluationTrace Record(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> direction)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Length(direction.Length, x.Length, nameof(direction));
        if (recording is not null) throw new InvalidOperationException("A trace is already being recorded on this thread.");
        int n = x.Length;
        var entries = new List<Entry> { default };
        var inputs = new TracedScalar[n];
        for (int i = 0; i < n; i++)
        {
            entries.Add(new Entry($"x{i + 1}", 0, default, 0, default, 0, x[i]));
            inputs[i] = new TracedScalar(x[i], i + 1);
        }
        TracedScalar y;
        recording = entries;
        try { y = f.Evaluate<TracedScalar>(inputs); }
        finally { recording = null; }

        int count = entries.Count;
        var tangents = new double[count];
        for (int i = 0; i < n; i++) tangents[i + 1] = direction[i];
        for (int k = n + 1; k < count; k++)
        {
            Entry e = entries[k];
            tangents[k] = e.FirstPartial * tangents[e.First.Index] + (e.Arity == 2 ? e.SecondPartial * tangents[e.Second.Index] : 0);
        }
        var adjoints = new double[count];
        if (y.Index > 0) adjoints[y.Index] = 1;
        for (int k = count - 1; k > n; k--)
        {
            Entry e = entries[k];
            adjoints[e.First.Index] += e.FirstPartial * adjoints[k];
            if (e.Arity == 2) adjoints[e.Second.Index] += e.SecondPartial * adjoints[k];
        }
        var rows = new TraceRow[count - 1];
        for (int k = 1; k < count; k++)
            rows[k - 1] = new TraceRow(Name(k, n), Describe(entries[k], n), entries[k].Value, tangents[k], adjoints[k]);
        string output = y.Index > 0 ? Name(y.Index, n) : Format(y.Value);
        return new EvaluationTrace(rows, n, output, y.Value, y.Index > 0 ? tangents[y.Index] : 0);
    }

    internal static TracedScalar Append(string operation, double value, TracedScalar x, double dx, TracedScalar y, double dy, int arity)
    {
        List<Entry>? entries = recording;
        if (entries is null || (x.Index == 0 && (arity == 1 || y.Index == 0))) return new TracedScalar(value, 0);
        entries.Add(new Entry(operation, arity, new Operand(x.Index, x.Value), dx, new Operand(y.Index, y.Value), dy, value));
        return new TracedScalar(value, entries.Count - 1);
    }

    /// <summary>The forward-mode table: vᵢ and v̇ᵢ for every row, then y and ẏ.</summary>
    public string FormatForward() => Table("v̇", row => row.Tangent, $"y = {Output} = {Format(Value)}    ẏ = {Format(Tangent)}");

    /// <summary>The reverse-mode table: vᵢ and v̄ᵢ for every row, then the input adjoints.</summary>
    public string FormatReverse() => Table("v̄", row => row.Adjoint,
        string.Join("    ", Rows.Take(inputCount).Select((row, i) => $"x̄{i + 1} = {Format(row.Adjoint)}")));

    /// <summary>Both tables.</summary>
    public override string ToString() => FormatForward() + Environment.NewLine + FormatReverse();

    private string Table(string derivativeName, Func<TraceRow, double> derivative, string footer)
    {
        var text = new StringBuilder();
        int width = Math.Max(10, Rows.Max(row => row.Expression.Length));
        text.AppendLine($"{"",-5} {"".PadRight(width)} {"value",10} {derivativeName,10}");
        foreach (TraceRow row in Rows)
            text.AppendLine($"{row.Name,-5} {row.Expression.PadRight(width)} {Format(row.Value),10} {Format(derivative(row)),10}");
        text.AppendLine(footer);
        return text.ToString();
    }

    private static string Name(int index, int inputCount) => $"v{index - inputCount}";

    private static string Describe(Entry e, int inputCount)
    {
        if (e.Arity == 0) return e.Operation;
        string first = Describe(e.First, inputCount);
        if (e.Arity == 1) return e.Operation == "-" ? $"-{first}" : $"{e.Operation}({first})";
        string second = Describe(e.Second, inputCount);
        return e.Operation is "+" or "-" or "*" or "/" ? $"{first} {e.Operation} {second}" : $"{e.Operation}({first}, {second})";
    }

    private static string Describe(Operand operand, int inputCount) =>
        operand.Index == 0 ? Format(operand.Constant) : Name(operand.Index, inputCount);

    private static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
