using Optimize.Cli.Measurement;
using Spectre.Console;

namespace Optimize.Cli.Reports;

/// <summary>A titled table of formatted cells, rendered to the terminal (Spectre) or to Markdown.</summary>
/// <param name="Title">The caption.</param>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Cells, one array per row, as many as <paramref name="Headers"/>.</param>
/// <param name="NumericColumns">Which columns hold numbers (right-aligned).</param>
public sealed record TextTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows, IReadOnlySet<int> NumericColumns)
{
    /// <summary>Renders the table on a Spectre console.</summary>
    /// <param name="console">The console.</param>
    public void Write(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table { Title = new TableTitle(Markup.Escape(Title)), Border = TableBorder.Rounded };
        for (int j = 0; j < Headers.Count; j++)
        {
            var column = new TableColumn(Markup.Escape(Headers[j]));
            if (NumericColumns.Contains(j)) column.RightAligned();
            table.AddColumn(column);
        }
        foreach (var row in Rows) table.AddRow(row.Select(cell => new Text(cell)).ToArray());
        console.Write(table);
    }

    /// <summary>Writes the table as a GitHub-flavoured Markdown pipe table under a level-2 heading.</summary>
    /// <param name="writer">The destination.</param>
    public void WriteMarkdown(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"## {Title}");
        writer.WriteLine();
        writer.WriteLine("| " + string.Join(" | ", Headers.Select(Escape)) + " |");
        writer.WriteLine("|" + string.Concat(Headers.Select((_, j) => NumericColumns.Contains(j) ? "---:|" : "---|")));
        foreach (var row in Rows) writer.WriteLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        writer.WriteLine();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
