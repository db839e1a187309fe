using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BackOnTrack.Tests.Processes;

/// <summary>
/// An Azurite that a fault test can stop and start again, as a storage outage: its data kept on disk (<c>--location</c>)
/// and its ports fixed, so the hub's connection string stays valid across the outage. Stopped with SIGTERM, as a
/// service restart would, so Azurite writes what it holds before it goes.
/// </summary>
public sealed class RestartableAzurite : IDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string _bin;
    private readonly string _location = Path.Combine(Path.GetTempPath(), "backontrack-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int[] _ports = [FreePort(), FreePort(), FreePort()];
    private Process? _process;

    private RestartableAzurite(string bin) => _bin = bin;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{_ports[0]}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{_ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_ports[2]}/devstoreaccount1;";

    /// <summary>True while Azurite is up.</summary>
    public bool IsRunning => _process is { HasExited: false };

    public static RestartableAzurite Start()
    {
        var azurite = new RestartableAzurite(Environment.GetEnvironmentVariable("BACKONTRACK_AZURITE_BIN")
            ?? throw new InvalidOperationException("BACKONTRACK_AZURITE_BIN is not set. Run the tests with scripts/test.sh, which installs Azurite."));
        azurite.Resume();
        return azurite;
    }

    /// <summary>The outage begins: Azurite stops (SIGTERM) and nothing listens on its ports.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>The outage ends: Azurite starts again on the same ports with the same data.</summary>
    public void Resume()
    {
        Directory.CreateDirectory(_location);
        var start = new ProcessStartInfo(_bin,
            ["--silent", "--disableTelemetry", "--location", _location, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
             "--blobPort", Port(0), "--queuePort", Port(1), "--tablePort", Port(2)])
        {
            RedirectStandardOutput = true,
        };
        _process = Process.Start(start)!;
        var listening = 0;
        var watch = Stopwatch.StartNew();
        while (listening < 3 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("Azurite exited before it was ready.");
            if (line.Contains("is successfully listening", StringComparison.Ordinal))
            {
                listening++;
            }
        }

        if (listening < 3)
        {
            throw new TimeoutException("Azurite was not ready within 30 s.");
        }

        // Keep draining its output so it never blocks on a full pipe.
        _ = _process.StandardOutput.ReadToEndAsync();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private string Port(int index) => _ports[index].ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
