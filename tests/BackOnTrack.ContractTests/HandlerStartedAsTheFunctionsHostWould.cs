using System.Net;
using System.Text;
using System.Text.Json;
using BackOnTrack.ContractTests.Support;
using BackOnTrack.Tests.Processes;
using BackOnTrack.Functions.Hosting;
using BackOnTrack.Functions.Invocations;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.ContractTests;

public class HandlerStartedAsTheFunctionsHostWould(PublishedHandler published) : IClassFixture<PublishedHandler>
{
    /// <summary>A host-shaped payload for each invoked function, which it must answer with 200 and a valid response.</summary>
    private static readonly Dictionary<string, string> SamplePayloads = new()
    {
        ["IngestDrop"] = """
            {"Data":{"message":"{\"subject\":\"/blobServices/default/containers/drops/blobs/1234567/missing.csv\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"data\":{\"eTag\":\"0x1\"}}"},
             "Metadata":{"DequeueCount":1,"Id":"contract-test"}}
            """,
        ["RecomputeMetrics"] = """{"Data":{"message":"\"{\\\"scope\\\":\\\"3729999\\\",\\\"academicYear\\\":\\\"2015-16\\\"}\""},"Metadata":{"DequeueCount":1}}""",
        ["SweepDrops"] = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""",
        ["SyncTracker"] = """{"Data":{"message":"\"{\\\"planId\\\":\\\"no-such-plan\\\"}\""},"Metadata":{"DequeueCount":1}}""",
        ["PullTrackerEdits"] = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""",
    };

    private static string TestStorage =>
        Environment.GetEnvironmentVariable("BACKONTRACK_TEST_STORAGE")
        ?? throw new InvalidOperationException("BACKONTRACK_TEST_STORAGE is not set. Run the tests with scripts/test.sh, which starts Azurite.");

    [Fact]
    public void ThePublishFolderIsAFunctionsApp()
    {
        Assert.True(File.Exists(Path.Combine(published.Folder, "host.json")));
        Assert.True(File.Exists(Path.Combine(published.Folder, "BackOnTrack.Functions")));
        foreach (var http in FunctionsServiceCollectionExtensions.HttpFunctions)
        {
            Assert.True(File.Exists(Path.Combine(published.Folder, http.Name, "function.json")), $"{http.Name}/function.json is not published.");
        }

        Assert.False(File.Exists(Path.Combine(published.Folder, "local.settings.json")));
    }

    [Fact]
    public async Task AnswersEveryFunctionRoute()
    {
        await using var handler = await published.StartAsync(TestStorage);

        using var health = await handler.Http.GetAsync(new Uri("api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            Assert.True(report.RootElement.GetProperty("storage").GetProperty("reachable").GetBoolean());
        }

        using var metrics = await handler.Http.GetAsync(new Uri("api/metrics/LA/1999-00", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal("application/problem+json", metrics.Content.Headers.ContentType?.MediaType);

        foreach (var function in InvokedFunctionNames())
        {
            Assert.True(SamplePayloads.TryGetValue(function, out var payload), $"No sample payload for {function}: add one.");
            using var response = await handler.Http.PostAsync(new Uri(function, UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, $"{function} answered {(int)response.StatusCode}:\n{handler.Output}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
            Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("Logs").ValueKind);
        }
    }

    [Fact]
    public async Task AnswersTheReadinessProbeAtOnceEvenWhenStorageIsUnreachable()
    {
        const string nobodyListens = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;" +
                                     "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1";
        await using var handler = await published.StartAsync(nobodyListens);

        using var probe = await handler.Http.GetAsync(new Uri("/", UriKind.Relative));
        using var health = await handler.Http.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.True(handler.TimeToReady < TimeSpan.FromSeconds(30), $"Ready after {handler.TimeToReady}.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.False(report.RootElement.GetProperty("storage").GetProperty("reachable").GetBoolean());
    }

    private static List<string> InvokedFunctionNames()
    {
        Environment.SetEnvironmentVariable("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        var app = HandlerApp.Build(0, TimeProvider.System);
        return app.Services.GetServices<IInvokedFunction>().Select(f => f.Name).ToList();
    }
}
