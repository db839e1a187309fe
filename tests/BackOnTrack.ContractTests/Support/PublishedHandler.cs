using System.Diagnostics;

using BackOnTrack.Tests.Processes;

namespace BackOnTrack.ContractTests.Support;

/// <summary>The deployable app as scripts/publish.sh builds it (host.json, function folders, the handler self-contained
/// for linux-x64, and the zip for one-deploy), published once for the test class.</summary>
public sealed class PublishedHandler : IAsyncLifetime
{
    /// <summary>A pseudonymisation key for tests only.</summary>
    public const string TestKey = "dGVzdC1vbmx5LXBzZXVkb255bWlzYXRpb24ta2V5LTAwMDE=";

    private readonly string _output = Path.Combine(Path.GetTempPath(), "backontrack-publish-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The app folder, as deployed.</summary>
    public string Folder => Path.Combine(_output, "app");

    /// <summary>The zip handed to <c>az functionapp deployment source config-zip</c>.</summary>
    public string Zip => Path.Combine(_output, "backontrack.zip");

    public async Task InitializeAsync()
    {
        var publish = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "publish.sh"), "--output", _output])
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

    /// <summary>Starts the published handler the way the Functions host does.</summary>
    public Task<RunningHandler> StartAsync(string storageConnection) =>
        RunningHandler.StartAsync(Folder, storageConnection, TestKey);
}
