using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BackOnTrack.Tests.Processes;

/// <summary>
/// An Azurite of its own, started in memory on free ports and stopped afterwards: a benchmark measurement meets an
/// empty store (Azurite slows as its in-memory tables grow), and a test of whole-account work (prompts over every plan,
/// export and restore, re-keying) has an account no other test writes to.
/// </summary>
public sealed partial class FreshAzurite : IDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private FreshAzurite(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Starts the Azurite the test command installed (<c>BACKONTRACK_AZURITE_BIN</c>, set by scripts/test.sh).</summary>
    public static FreshAzurite Start() =>
        Start(Environment.GetEnvironmentVariable("BACKONTRACK_AZURITE_BIN")
              ?? throw new InvalidOperationException("BACKONTRACK_AZURITE_BIN is not set. Run the tests with scripts/test.sh, which installs Azurite."));

    public static FreshAzurite Start(string azuriteBin)
    {
        var start = new ProcessStartInfo(azuriteBin,
            ["--silent", "--disableTelemetry", "--inMemoryPersistence", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
             "--blobPort", "0", "--queuePort", "0", "--tablePort", "0"])
        {
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var endpoints = new Dictionary<string, string>();
        var watch = Stopwatch.StartNew();
        while (endpoints.Count < 3 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("Azurite exited before it was ready.");
            if (Listening().Match(line) is { Success: true } match)
            {
                endpoints[match.Groups[1].Value] = match.Groups[2].Value;
            }
        }

        if (endpoints.Count < 3)
        {
            process.Kill();
            throw new TimeoutException("Azurite was not ready within 30 s.");
        }

        // Keep draining its output so it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return new FreshAzurite(process,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint={endpoints["Blob"]}/devstoreaccount1;" +
            $"QueueEndpoint={endpoints["Queue"]}/devstoreaccount1;TableEndpoint={endpoints["Table"]}/devstoreaccount1;");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at (http://\S+)")]
    private static partial Regex Listening();
}
