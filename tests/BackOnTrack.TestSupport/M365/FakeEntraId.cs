using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core.Pipeline;
using BackOnTrack.M365;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.UnitTests.M365;

/// <summary>One token request as the fake identity provider received it.</summary>
public sealed record TokenRequest(string Kind, string? ClientId, string? Resource, string? Scope);

/// <summary>
/// Entra ID's two token routes the hub can use, on 127.0.0.1, handing out <see cref="FakeGraphServer.Token"/>:
/// App Service's managed-identity endpoint (plain http, as the platform serves it: <c>GET</c> with the
/// <c>X-IDENTITY-HEADER</c> secret, <c>api-version=2019-08-01</c>, <c>resource</c> and, for a user-assigned identity,
/// <c>client_id</c>) and the client-credentials grant of an app registration (<c>POST /{tenant}/oauth2/v2.0/token</c>,
/// https on a self-signed certificate, since MSAL refuses an http authority). Anything else is refused as Entra ID would.
/// </summary>
public sealed class FakeEntraId : IAsyncDisposable
{
    public const string IdentityHeader = "fake-identity-header-0123";
    public const string ClientSecret = "fake-client-secret~0123";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentQueue<TokenRequest> _requests = new();

    private FakeEntraId(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    /// <summary>What <c>IDENTITY_ENDPOINT</c> is set to.</summary>
    public Uri IdentityEndpoint { get; private set; } = null!;

    /// <summary>The authority host the app registration's credential signs in at (https).</summary>
    public Uri AuthorityHost { get; private set; } = null!;

    /// <summary>Token requests that were answered with a token.</summary>
    public IReadOnlyList<TokenRequest> Requests => [.. _requests];

    /// <summary>
    /// The hub's credential options for this fake: its authority host, no instance discovery (Entra ID's global
    /// discovery does not know 127.0.0.1), and a transport that trusts this fake's certificate and no other.
    /// </summary>
    public M365CredentialOptions CredentialOptions() => new()
    {
        AuthorityHost = AuthorityHost,
        DisableInstanceDiscovery = true,
        Transport = new HttpClientTransport(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint,
        }),
    };

    public static async Task<FakeEntraId> StartAsync()
    {
        var certificate = SelfSignedLoopbackCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeEntraId(app, certificate);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        server.IdentityEndpoint = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/') + "/msi/token");
        server.AuthorityHost = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)).TrimEnd('/') + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/msi/token" && !request.IsHttps)
        {
            await ManagedIdentityAsync(context);
        }
        else if (request.IsHttps && request.Method == "POST" && request.Path.Value!.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            await ClientCredentialsAsync(context);
        }
        else
        {
            await Error(context, 404, "invalid_request", $"No route {request.Method} {request.Path} here.");
        }
    }

    private async Task ManagedIdentityAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (context.Request.Headers["X-IDENTITY-HEADER"] != IdentityHeader)
        {
            await Error(context, 401, "invalid_request", "The X-IDENTITY-HEADER secret is missing or wrong.");
            return;
        }

        if (query["api-version"] != "2019-08-01" || string.IsNullOrEmpty(query["resource"]))
        {
            await Error(context, 400, "invalid_request", "api-version=2019-08-01 and resource are required.");
            return;
        }

        var clientId = query["client_id"].ToString();
        _requests.Enqueue(new TokenRequest("ManagedIdentity", clientId.Length == 0 ? null : clientId, query["resource"], null));
        var expiresOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        await Json(context, 200, new Dictionary<string, object?>
        {
            ["access_token"] = FakeGraphServer.Token,
            ["expires_on"] = expiresOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["resource"] = query["resource"].ToString(),
            ["token_type"] = "Bearer",
            ["client_id"] = clientId.Length == 0 ? "system-assigned" : clientId,
        });
    }

    private async Task ClientCredentialsAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials" || string.IsNullOrEmpty(form["client_id"]) || string.IsNullOrEmpty(form["scope"]))
        {
            await Error(context, 400, "invalid_request", "AADSTS900144: grant_type, client_id and scope are required.");
            return;
        }

        if (form["client_secret"] != ClientSecret)
        {
            await Error(context, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return;
        }

        _requests.Enqueue(new TokenRequest("ClientSecret", form["client_id"], null, form["scope"]));
        await Json(context, 200, new Dictionary<string, object?>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = FakeGraphServer.Token,
        });
    }

    private static Task Error(HttpContext context, int status, string error, string description) =>
        Json(context, status, new Dictionary<string, object?> { ["error"] = error, ["error_description"] = description });

    private static async Task Json(HttpContext context, int status, Dictionary<string, object?> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a form the platform's TLS can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}

/// <summary>
/// Points App Service's managed-identity variables (<c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c>), which MSAL reads
/// from the process environment on every token request, at a fake, and puts back what was there on dispose. The
/// environment is the process's: one holder at a time (others wait), and the tests using it sit in
/// a test collection that xunit runs alone (<c>DisableParallelization</c>), so no test in parallel sees them.
/// </summary>
public sealed class ManagedIdentityEnvironment : IDisposable
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly string[] Names = ["IDENTITY_ENDPOINT", "IDENTITY_HEADER"];
    private readonly Dictionary<string, string?> _previous;

    private ManagedIdentityEnvironment(Dictionary<string, string?> previous) => _previous = previous;

    public static async Task<ManagedIdentityEnvironment> PointAtAsync(FakeEntraId entraId)
    {
        await OneAtATime.WaitAsync();
        var previous = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", entraId.IdentityEndpoint.AbsoluteUri);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", FakeEntraId.IdentityHeader);
        return new ManagedIdentityEnvironment(previous);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        OneAtATime.Release();
    }
}
