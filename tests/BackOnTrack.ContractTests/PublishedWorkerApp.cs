using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using BackOnTrack.ContractTests.Support;
using BackOnTrack.LocalHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.ContractTests;

/// <summary>The deployable as scripts/publish.sh builds it: the app folder, its zip, and the CLI with the worker beside it.</summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "backontrack-publish-" + Guid.NewGuid().ToString("N")[..8]);

    public string Folder => Path.Combine(_output, "app");

    public string Zip => Path.Combine(_output, "backontrack.zip");

    public string Cli => Path.Combine(_output, "cli");

    public async Task InitializeAsync()
    {
        using var publish = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "publish.sh"), "--output", _output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed ({publish.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_output, recursive: true);
        return Task.CompletedTask;
    }
}

public class PublishedWorkerApp(PublishedApp published) : IClassFixture<PublishedApp>
{
    /// <summary>A pseudonymisation key for tests only.</summary>
    private const string TestKey = "dGVzdC1vbmx5LXBzZXVkb255bWlzYXRpb24ta2V5LTAwMDE=";

    private static string TestStorage =>
        Environment.GetEnvironmentVariable("BACKONTRACK_TEST_STORAGE")
        ?? throw new InvalidOperationException("BACKONTRACK_TEST_STORAGE is not set. Run the tests with scripts/test.sh, which starts Azurite.");

    [Fact]
    public void TheAppFolderHoldsWhatTheFunctionsHostReadsAndNoLocalSettings()
    {
        foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "BackOnTrack.Functions.dll" })
        {
            Assert.True(File.Exists(Path.Combine(published.Folder, file)), $"{file} is not published.");
        }

        using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Folder, "worker.config.json")));
        Assert.Equal("BackOnTrack.Functions.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());
        Assert.False(File.Exists(Path.Combine(published.Folder, "local.settings.json")));
    }

    [Fact]
    public void TheZipHasTheAppFolderAtItsRoot()
    {
        using var zip = ZipFile.OpenRead(published.Zip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("host.json", names);
        Assert.Contains("functions.metadata", names);
        Assert.Contains("BackOnTrack.Functions.dll", names);
    }

    [Fact]
    public async Task ThePublishedWorkerStartsUnderTheHostAndAnswersHealth()
    {
        var settings = new Dictionary<string, string> { ["AzureWebJobsStorage"] = TestStorage, ["Hub__PseudonymisationKey"] = TestKey };
        await using var host = await LocalFunctionsHost.StartAsync(
            new WorkerApp(published.Folder, "BackOnTrack.Functions", settings), QueueStorage.FromConnectionString(TestStorage), TimeProvider.System,
            new LocalHostOptions { Port = 0 }, serveHttp: true, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.HttpAddress };

        using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WorkerFunctionsContract.Design.Count, host.Functions.Count);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(health.RootElement.GetProperty("storage").GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public void TheCliIsPublishedWithTheSameWorkerBesideIt()
    {
        Assert.True(File.Exists(Path.Combine(published.Cli, "BackOnTrack.Cli.dll")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(published.Folder, "functions.metadata")),
            File.ReadAllText(Path.Combine(published.Cli, "worker", "functions.metadata")));
    }
}
