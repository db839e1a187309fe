using System.Globalization;
using Spectre.Console;

namespace BackOnTrack.Cli.Hosting;

/// <summary>How far a long verb has gone: what it is working on, and how much of the whole is done (<c>Total</c> null when the whole is not known).</summary>
public readonly record struct ProgressStep(string Description, long Done, long? Total);

/// <summary>
/// The progress display of the long verbs (<c>rekey</c>, <c>export</c>, <c>restore</c>, <c>conformance</c>), on stderr
/// so stdout keeps only the verb's result. On an interactive terminal that understands ANSI (as Spectre.Console
/// detects it, CI systems included) it is Spectre's live bar, cleared when the verb ends. Anywhere else (stderr
/// redirected to a file or a pipe, a CI log, a test's writer) it degrades to a plain line at most every
/// <see cref="PlainInterval"/>, so a short run prints none and a long one shows it is alive.
/// </summary>
public static class ProgressDisplay
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <param name="verb">The verb, as each line names it.</param>
    /// <param name="output">The verb's stdout. Under a live bar the work writes to a buffer, copied here once the bar is gone, so the two never mix.</param>
    /// <param name="error">Where the display goes: the invocation's stderr.</param>
    /// <param name="work">The verb's work, given where to write its result and the progress to report to.</param>
    public static async Task<T> RunAsync<T>(string verb, TextWriter output, TextWriter error, Func<TextWriter, IProgress<ProgressStep>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(work);
        if (!ReferenceEquals(error, Console.Error) || LiveConsole() is not { } console)
        {
            return await work(output, Plain(verb, error, TimeProvider.System)).ConfigureAwait(false);
        }

        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            return await console.Progress()
                .AutoClear(true)
                .HideCompleted(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(verb), maxValue: 1);
                    task.IsIndeterminate = true;
                    return await work(buffer, new Reporter(step => Show(task, verb, step))).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        finally
        {
            await output.WriteAsync(buffer.ToString()).ConfigureAwait(false);
        }
    }

    /// <summary>The redirected form: a <see cref="Line"/> when <see cref="PlainInterval"/> has passed since the last (or the start).</summary>
    public static IProgress<ProgressStep> Plain(string verb, TextWriter error, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(clock);
        var last = clock.GetTimestamp();
        return new Reporter(step =>
        {
            var now = clock.GetTimestamp();
            if (clock.GetElapsedTime(last, now) >= PlainInterval)
            {
                last = now;
                error.WriteLine(Line(verb, step));
            }
        });
    }

    /// <summary>A step as a plain line: <c>verb: description, N% done</c> (the percentage only when the whole is known).</summary>
    public static string Line(string verb, ProgressStep step) =>
        step.Total is { } total and > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{verb}: {step.Description}, {Math.Clamp(step.Done * 100 / total, 0, 100)}% done")
            : string.Create(CultureInfo.InvariantCulture, $"{verb}: {step.Description}");

    private static IAnsiConsole? LiveConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var profile = console.Profile;
        return profile.Out.IsTerminal && profile.Capabilities.Interactive && profile.Capabilities.Ansi ? console : null;
    }

    private static void Show(ProgressTask task, string verb, ProgressStep step)
    {
        task.Description = Markup.Escape($"{verb}: {step.Description}");
        if (step.Total is long total && total > 0)
        {
            task.IsIndeterminate = false;
            task.MaxValue = total;
            task.Value = Math.Min(step.Done, total);
        }
    }

    /// <summary>Reports on the reporting thread, in order (<see cref="Progress{T}"/> would post each to the thread pool).</summary>
    private sealed class Reporter(Action<ProgressStep> report) : IProgress<ProgressStep>
    {
        private readonly Lock _lock = new();

        public void Report(ProgressStep value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
