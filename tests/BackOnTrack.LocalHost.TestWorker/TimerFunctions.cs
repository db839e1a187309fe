using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.LocalHost.TestWorker;

/// <summary>Timers named as the hub's, so a run-once pass orders them; each notes its run on <c>timer-runs</c>.</summary>
public sealed class TimerFunctions
{
    [Function("PromptOwners")]
    [QueueOutput("timer-runs")]
    public static string PromptOwners([TimerTrigger("0 30 6 * * 1")] TimerInfo timer) => Noted("PromptOwners", timer);

    [Function("SweepDrops")]
    [QueueOutput("timer-runs")]
    public static string SweepDrops([TimerTrigger("0 */15 * * * *")] TimerInfo timer) => Noted("SweepDrops", timer);

    [Function("Archive")]
    [QueueOutput("timer-runs")]
    public static string Archive([TimerTrigger("0 0 2 * * *")] TimerInfo timer) => Noted("Archive", timer);

    private static string Noted(string name, TimerInfo timer) =>
        $"{name}|{timer.ScheduleStatus?.Next:O}";
}
