using System.Text.Json;
using BackOnTrack.ContractTests.Support;

namespace BackOnTrack.ContractTests;

/// <summary>
/// The functions as the Functions host learns them: <c>functions.metadata</c>, which the Worker SDK writes from the
/// <c>[Function]</c> attributes at build time. Names, triggers, queues, schedules, routes, methods and auth levels are
/// Contract (docs/architecture.md, "Functions"); the host.json beside them sets the queue semantics.
/// </summary>
public class WorkerFunctionsContract
{
    /// <summary>docs/architecture.md's function table: trigger, queue or schedule or route, method, auth level.</summary>
    internal static readonly Dictionary<string, (string Trigger, string? QueueOrScheduleOrRoute, string? Method, string? Auth)> Design = new()
    {
        ["IngestDrop"] = ("queueTrigger", "drop-events", null, null),
        ["SweepDrops"] = ("timerTrigger", "0 */15 * * * *", null, null),
        ["RecomputeMetrics"] = ("queueTrigger", "metrics-requests", null, null),
        ["PromptOwners"] = ("timerTrigger", "0 30 6 * * 1", null, null),
        ["SyncTracker"] = ("queueTrigger", "tracker-sync", null, null),
        ["PullTrackerEdits"] = ("timerTrigger", "0 */15 * * * *", null, null),
        ["RecomputeEarlyWarnings"] = ("timerTrigger", "0 0 5 * * 1", null, null),
        ["BoardPack"] = ("timerTrigger", "0 30 5 1-7 * *", null, null),
        ["Health"] = ("httpTrigger", "health", "get", "Anonymous"),
        ["DropStatus"] = ("httpTrigger", "drops/{laestab}/{dropId?}", "get", "Function"),
        ["Metrics"] = ("httpTrigger", "metrics/{scope}/{academicYear}", "get", "Function"),
        ["UploadUrl"] = ("httpTrigger", "schools/{laestab}/upload-url", "post", "Function"),
        ["Portal"] = ("httpTrigger", "portal", "get", "Anonymous"),
        ["PortalAsset"] = ("httpTrigger", "portal/{asset}", "get", "Anonymous"),
        ["SchoolDrops"] = ("httpTrigger", "schools/{laestab}/drops", "get", "Function"),
        ["SchoolReturns"] = ("httpTrigger", "schools/{laestab}/returns", "get", "Function"),
        ["EarlyWarningRoll"] = ("httpTrigger", "schools/{laestab}/early-warning", "post", "Function"),
    };

    private static string WorkerFolder => Path.Combine(AppContext.BaseDirectory, "worker");

    [Fact]
    public void TheWorkerDeclaresExactlyTheFunctionsOfTheDesignWithTheirTriggers()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(WorkerFolder, "functions.metadata")));
        var functions = metadata.RootElement.EnumerateArray().ToList();

        Assert.Equal(Design.Keys.Order(StringComparer.Ordinal), functions.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        foreach (var function in functions)
        {
            var name = function.GetProperty("name").GetString()!;
            var design = Design[name];
            var bindings = function.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Equal(design.Trigger, trigger.GetProperty("type").GetString());
            Assert.Equal("In", trigger.GetProperty("direction").GetString());
            switch (design.Trigger)
            {
                case "queueTrigger":
                    Assert.Equal(design.QueueOrScheduleOrRoute, trigger.GetProperty("queueName").GetString());
                    // No connection named: the host's default, AzureWebJobsStorage (a string locally, the identity in Azure).
                    Assert.False(trigger.TryGetProperty("connection", out _), $"{name} names a storage connection of its own.");
                    Assert.Single(bindings);
                    break;
                case "timerTrigger":
                    Assert.Equal(design.QueueOrScheduleOrRoute, trigger.GetProperty("schedule").GetString());
                    Assert.Single(bindings);
                    break;
                default:
                    Assert.Equal(design.QueueOrScheduleOrRoute, trigger.GetProperty("route").GetString());
                    Assert.Equal([design.Method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
                    Assert.Equal(design.Auth, trigger.GetProperty("authLevel").GetString());
                    Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
                    break;
            }
        }
    }

    [Fact]
    public void HostJsonSetsTheQueueRetriesAndNoCustomHandler()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.FunctionsApp, "host.json")));
        var root = json.RootElement;

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.False(root.TryGetProperty("customHandler", out _));
        // The isolated worker brings its extensions in its own build; a bundle is for other languages.
        Assert.False(root.TryGetProperty("extensionBundle", out _));
        Assert.Equal("api", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var queues = root.GetProperty("extensions").GetProperty("queues");
        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("00:00:30", queues.GetProperty("visibilityTimeout").GetString());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void NoFunctionJsonOrCustomHandlerCodeRemainsInTheApp()
    {
        var functionJson = Directory.EnumerateFiles(Repository.FunctionsApp, "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
        Assert.Equal([], functionJson);
        Assert.False(Directory.Exists(Path.Combine(Repository.FunctionsApp, "Invocations")));
    }
}
