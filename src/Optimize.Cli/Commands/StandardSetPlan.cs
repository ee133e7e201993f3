using Optimize.Cli.Measurement;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Commands;

/// <summary>What <c>optimize standard-set</c> runs.</summary>
/// <param name="Instances">The instances.</param>
/// <param name="Methods">The methods.</param>
/// <param name="Sources">The derivative sources.</param>
/// <param name="StartFactors">The start factors.</param>
/// <param name="Options">Driver options of every run.</param>
/// <param name="Title">The set's name as the HTML page's heading shows it.</param>
public sealed record StandardSetPlan(
    IReadOnlyList<StandardSetInstance> Instances, IReadOnlyList<MinimizationMethod> Methods,
    IReadOnlyList<DerivativeSource> Sources, IReadOnlyList<double> StartFactors, DriverOptions Options,
    string Title = "Moré–Garbow–Hillstrom");
