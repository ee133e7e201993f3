using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary>
/// Reports the steps of a long run. On a terminal it draws a Spectre progress bar on standard error
/// (so that redirected output stays clean); otherwise it reports nothing.
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which calls its argument once per finished step with the next step's label.</summary>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <param name="environment">The command environment; progress is drawn only when <see cref="CommandEnvironment.ShowProgress"/>.</param>
    /// <param name="title">The bar's first label.</param>
    /// <param name="steps">The number of steps.</param>
    /// <param name="work">The work; its argument advances the bar by one step and relabels it.</param>
    public static T Run<T>(CommandEnvironment environment, string title, int steps, Func<Action<string>, T> work)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(work);
        if (!environment.ShowProgress) return work(_ => { });
        return environment.Error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(steps, 1));
                return work(label =>
                {
                    task.Description = Markup.Escape(label);
                    task.Increment(1);
                });
            });
    }

    /// <summary>Runs <paramref name="work"/> under a spinner with <paramref name="label"/> (on a terminal only).</summary>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <param name="environment">The command environment.</param>
    /// <param name="label">What is running.</param>
    /// <param name="work">The work.</param>
    public static T Status<T>(CommandEnvironment environment, string label, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(work);
        if (!environment.ShowProgress) return work();
        return environment.Error.Status().Start(Markup.Escape(label), _ => work());
    }
}
