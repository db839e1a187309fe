using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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

    /// <summary>Starts the handler the way the Functions host does: its executable, host.json's arguments, the port in the environment.</summary>
    public async Task<RunningHandler> StartAsync(string storageConnection)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(Folder, "BackOnTrack.Functions"), ["serve"])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsStorage"] = storageConnection;
        start.Environment["Hub__PseudonymisationKey"] = TestKey;
        var handler = new RunningHandler(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        await handler.WaitUntilReadyAsync();
        return handler;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A started handler process; disposing kills it.</summary>
public sealed class RunningHandler : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    public RunningHandler(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }
    public HttpClient Http { get; }

    /// <summary>How long the handler took to answer its first request.</summary>
    public TimeSpan TimeToReady { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Polls <c>/</c> as the host does: any HTTP answer means ready; a refused connection means wait.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var started = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/", UriKind.Relative));
                TimeToReady = started.Elapsed;
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"The handler did not answer within 60 s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
