using System.CommandLine;
using System.Globalization;
using BackOnTrack.Application.Operations;
using BackOnTrack.Cli.Hosting;

namespace BackOnTrack.Cli.Operations;

/// <summary><c>poison replay [--queue name]</c>: poison messages back to their queues once the cause is fixed.</summary>
public static class PoisonCommand
{
    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var queue = new Option<string?>("--queue") { Description = "Only this queue (drop-events, metrics-requests or tracker-sync); default all." };
        var replay = new Command("replay", "Move every message in <queue>-poison back to <queue>, printing how many; running it again moves nothing more.") { queue };
        replay.SetAction((result, cancellationToken) => ReplayAsync(result.GetValue(queue), result.InvocationConfiguration.Output, configure, cancellationToken));
        return new Command("poison", "Messages that failed too often (the <queue>-poison queues).") { replay };
    }

    internal static async Task<int> ReplayAsync(string? queue, TextWriter output, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PoisonReplayed> replayed;
        try
        {
            replayed = await app.Services.GetRequiredService<PoisonReplayUseCase>().ReplayAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        foreach (var (name, moved) in replayed)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}-poison -> {name}: {moved} message(s) replayed")).ConfigureAwait(false);
        }

        return 0;
    }
}
