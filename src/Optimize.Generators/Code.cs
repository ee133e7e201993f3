using System.Text;

namespace Optimize.Generators;

/// <summary>Lines of generated code with indentation; the writers take fresh names for temporaries from <see cref="WriterBase"/>.</summary>
internal sealed class Code
{
    private readonly StringBuilder text = new();
    private int depth;

    public void Line(string line) => text.Append(' ', 4 * depth).Append(line).Append('\n');
    public void Open(string header) { Line(header); Line("{"); depth++; }
    public void Close() { depth--; Line("}"); }
    public void Append(Code other)
    {
        foreach (var line in other.text.ToString().Split('\n'))
            if (line.Length > 0) Line(line);
    }
    public void Replace(string placeholder, string replacement) => text.Replace(placeholder, replacement);
    public override string ToString() => text.ToString();
}
