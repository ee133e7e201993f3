using System.CommandLine;
using Optimize.Cli.Reports;
using Optimize.Problems;
using Optimize.Problems.Bounded;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize problems</c>: the built-in problems with their dimension and known minimum, then the bounded problems
/// (<see cref="BoundedSet"/>) with their box, f* over it and the bounds active there.
/// </summary>
public static class ProblemsCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var command = new Command("problems", "List the built-in test problems with dimension and known minimum, and the bounded problems.");
        command.SetAction(_ => Run(environment));
        return command;
    }

    /// <summary>Prints the table.</summary>
    /// <param name="environment">Where to write.</param>
    public static int Run(CommandEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var problems = ProblemLibrary.Standard;
        ReportTables.Problems(
            ProblemLibrary.Names.Zip(problems, (name, p) => new ProblemSummary(name, p.Dimension, p.KnownMinimum)).ToArray(),
            problems.Select(p => p.Source).ToArray()).Write(environment.Output);
        ReportTables.BoundedProblems(BoundedSet.Instances).Write(environment.Output);
        return ExitCodes.Success;
    }
}
