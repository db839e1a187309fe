using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BackOnTrack.Tests.Processes;

/// <summary>A started handler process; disposing kills it.</summary>
public sealed class RunningHandler : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>
    /// Starts the handler in <paramref name="appFolder"/> the way the Functions host does: host.json's
    /// <c>customHandler.description</c> (executable and working directory relative to the app root, its arguments), the
    /// port in <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>.
    /// </summary>
    public static async Task<RunningHandler> StartAsync(string appFolder, string storageConnection, string pseudonymisationKey, int? port = null)
    {
        var chosen = port ?? FreePort();
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(appFolder, "host.json")));
        var description = hostJson.RootElement.GetProperty("customHandler").GetProperty("description");
        var arguments = description.TryGetProperty("arguments", out var given) ? given.EnumerateArray().Select(a => a.GetString()!).ToList() : [];
        var workingDirectory = description.TryGetProperty("workingDirectory", out var folder) ? folder.GetString()! : "";
        var start = new ProcessStartInfo(Path.Combine(appFolder, description.GetProperty("defaultExecutablePath").GetString()!), arguments)
        {
            WorkingDirectory = Path.GetFullPath(Path.Combine(appFolder, workingDirectory)),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = chosen.ToString(CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsStorage"] = storageConnection;
        start.Environment["Hub__PseudonymisationKey"] = pseudonymisationKey;
        var handler = new RunningHandler(Process.Start(start)!, new Uri($"http://127.0.0.1:{chosen}/"));
        await handler.WaitUntilReadyAsync();
        return handler;
    }

    /// <summary>Kills the process at once, as a crash or a host recycling the worker would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private RunningHandler(Process process, Uri address)
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
        await KillAsync();
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
