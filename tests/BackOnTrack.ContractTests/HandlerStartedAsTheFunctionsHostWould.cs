using System.IO.Compression;
using System.Net;
using System.Runtime.Versioning;
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
        ["PromptOwners"] = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-16T06:30:00+00:00","Next":"2026-11-23T06:30:00+00:00","LastUpdated":"2026-11-16T06:30:00+00:00"},"IsPastDue":false}},"Metadata":{}}""",
    };

    private static string TestStorage =>
        Environment.GetEnvironmentVariable("BACKONTRACK_TEST_STORAGE")
        ?? throw new InvalidOperationException("BACKONTRACK_TEST_STORAGE is not set. Run the tests with scripts/test.sh, which starts Azurite.");

    [Fact]
    public void ThePublishFolderHasHostJsonAndEveryFunctionFolderOfTheSource()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Folder, "host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.True(host.RootElement.GetProperty("customHandler").GetProperty("enableProxyingHttpRequest").GetBoolean());

        var sourceFunctions = SourceFunctionFolders();
        Assert.NotEmpty(sourceFunctions);
        foreach (var function in sourceFunctions)
        {
            var deployed = Path.Combine(published.Folder, function, "function.json");
            Assert.True(File.Exists(deployed), $"{function}/function.json is not published.");
            Assert.Equal(File.ReadAllText(Path.Combine(Repository.FunctionsApp, function, "function.json")), File.ReadAllText(deployed));
        }

        Assert.False(File.Exists(Path.Combine(published.Folder, "local.settings.json")));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void HostJsonStartsASelfContainedLinuxExecutableInThePublishFolder()
    {
        var executable = DefaultExecutablePath();

        Assert.False(Path.IsPathRooted(executable), $"defaultExecutablePath {executable} must be relative to the app root.");
        var path = Path.Combine(published.Folder, executable);
        Assert.True(File.Exists(path), $"host.json starts {executable}, which is not in the publish folder.");
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{executable} lacks its executable bit.");
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], File.ReadAllBytes(path)[..4]);

        // Self-contained: the runtime travels with the app, because a custom handler gets none from the platform.
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Folder, executable + ".runtimeconfig.json")));
        var included = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("includedFrameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("Microsoft.NETCore.App", included);
        Assert.Contains("Microsoft.AspNetCore.App", included);
        Assert.True(File.Exists(Path.Combine(published.Folder, "libcoreclr.so")));
    }

    [Fact]
    public void TheDeploymentZipHoldsTheAppAtItsRootWithTheExecutableBit()
    {
        using var zip = ZipFile.OpenRead(published.Zip);
        var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);

        Assert.Contains("host.json", entries.Keys);
        Assert.All(SourceFunctionFolders(), function => Assert.Contains(function + "/function.json", entries.Keys));
        var executable = entries[DefaultExecutablePath()];
        var unixMode = (UnixFileMode)((executable.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(unixMode.HasFlag(UnixFileMode.UserExecute), $"The zip stores {executable.FullName} with mode {unixMode}.");
        Assert.Equal(Directory.EnumerateFiles(published.Folder, "*", SearchOption.AllDirectories).Count(), zip.Entries.Count(e => !e.FullName.EndsWith('/')));
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

    private string DefaultExecutablePath()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Folder, "host.json")));
        return host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
    }

    private static List<string> SourceFunctionFolders() =>
        Directory.EnumerateDirectories(Repository.FunctionsApp)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .Select(folder => Path.GetFileName(folder))
            .ToList();

    private static List<string> InvokedFunctionNames()
    {
        Environment.SetEnvironmentVariable("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        var app = HandlerApp.Build(0, TimeProvider.System);
        return app.Services.GetServices<IInvokedFunction>().Select(f => f.Name).ToList();
    }
}
