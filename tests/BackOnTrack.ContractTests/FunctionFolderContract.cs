using System.Text.Json;
using BackOnTrack.ContractTests.Support;
using BackOnTrack.Functions.Hosting;
using BackOnTrack.Functions.Invocations;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.ContractTests;

/// <summary>The function.json folders are what the Azure host reads; the handler's routes are what it calls.</summary>
public class FunctionFolderContract
{
    /// <summary>§Functions of docs/architecture.md function table (Contract): trigger, queue or schedule or route, binding name, auth level.</summary>
    internal static readonly Dictionary<string, (string Trigger, string? Queue, string? Schedule, string? Route, string Method, string Binding, string? Auth)> Design = new()
    {
        ["IngestDrop"] = ("queueTrigger", "drop-events", null, null, "", "message", null),
        ["SweepDrops"] = ("timerTrigger", null, "0 */15 * * * *", null, "", "timer", null),
        ["RecomputeMetrics"] = ("queueTrigger", "metrics-requests", null, null, "", "message", null),
        ["PromptOwners"] = ("timerTrigger", null, "0 30 6 * * 1", null, "", "timer", null),
        ["SyncTracker"] = ("queueTrigger", "tracker-sync", null, null, "", "message", null),
        ["PullTrackerEdits"] = ("timerTrigger", null, "0 */15 * * * *", null, "", "timer", null),
        ["Health"] = ("httpTrigger", null, null, "health", "get", "req", "anonymous"),
        ["DropStatus"] = ("httpTrigger", null, null, "drops/{laestab}/{dropId?}", "get", "req", "function"),
        ["Metrics"] = ("httpTrigger", null, null, "metrics/{scope}/{academicYear}", "get", "req", "function"),
        ["UploadUrl"] = ("httpTrigger", null, null, "schools/{laestab}/upload-url", "post", "req", "function"),
        ["Portal"] = ("httpTrigger", null, null, "portal", "get", "req", "anonymous"),
        ["PortalAsset"] = ("httpTrigger", null, null, "portal/{asset}", "get", "req", "anonymous"),
        ["SchoolDrops"] = ("httpTrigger", null, null, "schools/{laestab}/drops", "get", "req", "function"),
        ["SchoolReturns"] = ("httpTrigger", null, null, "schools/{laestab}/returns", "get", "req", "function"),
        ["EarlyWarningRoll"] = ("httpTrigger", null, null, "schools/{laestab}/early-warning", "post", "req", "function"),
    };

    private static IEnumerable<string> FunctionFolders() =>
        Directory.EnumerateDirectories(Repository.FunctionsApp)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .Select(Path.GetFileName)
            .Select(name => name!)
            .Order(StringComparer.Ordinal);

    private static List<string> HandlerRoutes(out List<string> invokedFunctionNames)
    {
        Environment.SetEnvironmentVariable("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        var app = HandlerApp.Build(0, TimeProvider.System);
        invokedFunctionNames = app.Services.GetServices<IInvokedFunction>().Select(f => f.Name).ToList();
        var routes = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => endpoint.RoutePattern.RawText!.TrimStart('/'))
            .ToList();
        return routes;
    }

    [Fact]
    public void EveryFunctionFolderHasAHandlerRouteAndEveryRouteAFolder()
    {
        var routes = HandlerRoutes(out var invoked);
        var expected = invoked.Concat(FunctionsServiceCollectionExtensions.HttpFunctions.Select(f => f.Name)).Order(StringComparer.Ordinal);

        Assert.Equal(expected, FunctionFolders());
        foreach (var name in invoked)
        {
            Assert.Contains(name, routes);
        }

        foreach (var http in FunctionsServiceCollectionExtensions.HttpFunctions)
        {
            Assert.Contains("api/" + http.Route, routes);
        }
    }

    [Fact]
    public void EveryFunctionJsonNamesTheTriggerQueueAndBindingTheDesignGives()
    {
        var folders = FunctionFolders().ToList();
        Assert.NotEmpty(folders);
        foreach (var name in folders)
        {
            Assert.True(Design.TryGetValue(name, out var design), $"{name} is not a function of docs/architecture.md §Functions.");
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.FunctionsApp, name, "function.json")));
            var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

            Assert.Equal(design.Trigger, trigger.GetProperty("type").GetString());
            Assert.Equal("in", trigger.GetProperty("direction").GetString());
            Assert.Equal(design.Binding, trigger.GetProperty("name").GetString());
            switch (design.Trigger)
            {
                case "queueTrigger":
                    Assert.Equal(design.Queue, trigger.GetProperty("queueName").GetString());
                    Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
                    Assert.Single(bindings);
                    break;
                case "timerTrigger":
                    Assert.Equal(design.Schedule, trigger.GetProperty("schedule").GetString());
                    Assert.Single(bindings);
                    break;
                default:
                    Assert.Equal(design.Route, trigger.GetProperty("route").GetString());
                    Assert.Equal([design.Method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
                    Assert.Equal(design.Auth, trigger.GetProperty("authLevel").GetString());
                    // HTTP in-and-out (exactly a trigger and an http output) is what the host proxies unchanged.
                    Assert.Equal(2, bindings.Count);
                    Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "out");
                    break;
            }
        }
    }

    [Fact]
    public void HostJsonConfiguresTheCustomHandlerBundleAndQueueRetries()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.FunctionsApp, "host.json")));
        var root = json.RootElement;
        var handler = root.GetProperty("customHandler");

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.Equal("BackOnTrack.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(["serve"], handler.GetProperty("description").GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.True(handler.GetProperty("enableProxyingHttpRequest").GetBoolean());
        Assert.Equal("[4.*, 5.0.0)", root.GetProperty("extensionBundle").GetProperty("version").GetString());
        var queues = root.GetProperty("extensions").GetProperty("queues");
        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("00:00:30", queues.GetProperty("visibilityTimeout").GetString());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }
}
