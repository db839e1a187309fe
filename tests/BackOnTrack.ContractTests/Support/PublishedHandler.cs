using System.Diagnostics;

using BackOnTrack.Tests.Processes;

namespace BackOnTrack.ContractTests.Support;

/// <summary>The handler published to a folder, as it is deployed: host.json, function folders, the executable.</summary>
public sealed class PublishedHandler : IAsyncLifetime
{
    /// <summary>A pseudonymisation key for tests only.</summary>
    public const string TestKey = "dGVzdC1vbmx5LXBzZXVkb255bWlzYXRpb24ta2V5LTAwMDE=";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "backontrack-publish-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        // The test run has just built the app in this configuration, so publishing only copies it into place.
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(Repository.FunctionsApp, "BackOnTrack.Functions.csproj"), "-c", configuration, "--no-build", "-o", Folder, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Starts the published handler the way the Functions host does.</summary>
    public Task<RunningHandler> StartAsync(string storageConnection) =>
        RunningHandler.StartAsync(Folder, storageConnection, TestKey);
}
