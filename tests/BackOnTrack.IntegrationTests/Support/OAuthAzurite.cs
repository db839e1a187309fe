using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using BackOnTrack.Storage;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>
/// A Blob-only Azurite of the test's own that takes Entra ID bearer tokens (<c>--oauth basic</c>), so it issues user
/// delegation keys as Azure does. Azurite offers OAuth only over HTTPS: scripts/test.sh makes a self-signed certificate
/// for 127.0.0.1 and exports its files (<c>BACKONTRACK_TEST_TLS_CERT</c>, <c>BACKONTRACK_TEST_TLS_KEY</c>); clients here
/// trust that one certificate and no other. In basic mode Azurite checks a token's audience, issuer and lifetime but not
/// its signature, so <see cref="Credential"/> hands out an unsigned one.
/// </summary>
public sealed partial class OAuthAzurite : IDisposable
{
    private readonly Process _process;
    private readonly X509Certificate2 _certificate;

    private OAuthAzurite(Process process, X509Certificate2 certificate, Uri blobEndpoint)
    {
        _process = process;
        _certificate = certificate;
        BlobEndpoint = blobEndpoint;
    }

    public Uri BlobEndpoint { get; }

    public TokenCredential Credential { get; } = new UnsignedToken();

    /// <summary>The hub's access to this account: its Blob endpoint and a token credential, no account key.</summary>
    public StorageAccess Access => StorageAccess.FromEndpoints(StorageAccess.DevelopmentAccountName, BlobEndpoint, BlobEndpoint, BlobEndpoint, Credential);

    public static OAuthAzurite Start()
    {
        static string Setting(string name) => Environment.GetEnvironmentVariable(name)
            ?? throw new InvalidOperationException($"{name} is not set. Run the tests with scripts/test.sh, which sets it.");
        var azurite = Setting("BACKONTRACK_AZURITE_BIN");
        var certificatePath = Setting("BACKONTRACK_TEST_TLS_CERT");
        var blobOnly = Path.Combine(Path.GetDirectoryName(azurite)!, "azurite-blob");
        var start = new ProcessStartInfo(blobOnly,
            ["--disableTelemetry", "--inMemoryPersistence", "--blobHost", "127.0.0.1", "--blobPort", "0",
             "--oauth", "basic", "--cert", certificatePath, "--key", Setting("BACKONTRACK_TEST_TLS_KEY")])
        {
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("Azurite (OAuth) exited before it was ready.");
            if (Listening().Match(line) is { Success: true } match)
            {
                // Keep draining its output so it never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                return new OAuthAzurite(process, X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)), new Uri($"{match.Groups[1].Value}/{StorageAccess.DevelopmentAccountName}"));
            }
        }

        process.Kill();
        throw new TimeoutException("Azurite (OAuth) was not ready within 30 s.");
    }

    /// <summary>An HTTP handler that accepts this Azurite's certificate and refuses any other.</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(_certificate.RawData) },
    };

    /// <summary>The SDK transport over <see cref="TrustingHandler"/>.</summary>
    public HttpPipelineTransport TrustingTransport() => new HttpClientTransport(TrustingHandler());

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _certificate.Dispose();
    }

    [GeneratedRegex(@"Blob service successfully listens on (https://\S+)")]
    private static partial Regex Listening();

    private sealed class UnsignedToken : TokenCredential
    {
        private const string TenantId = "72f988bf-0000-4000-8000-000000000002";

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var claims = new Dictionary<string, object>
            {
                ["aud"] = "https://storage.azure.com",
                ["iss"] = $"https://sts.windows.net/{TenantId}/",
                ["tid"] = TenantId,
                ["oid"] = "3f4a5b6c-0000-4000-8000-000000000001",
                ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            };
            var token = $"{Part(new { alg = "RS256", typ = "JWT" })}.{Part(claims)}.{Convert.ToBase64String(Encoding.ASCII.GetBytes("unsigned")).TrimEnd('=')}";
            return new AccessToken(token, now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
