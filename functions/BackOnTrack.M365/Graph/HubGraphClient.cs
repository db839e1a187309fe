using Azure.Core;
using BackOnTrack.M365.Http;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;

namespace BackOnTrack.M365.Graph;

/// <summary>
/// Builds the hub's <see cref="GraphServiceClient"/> on the <see cref="M365HttpClients.Graph"/> client (the SDK's
/// default middleware without Kiota's RetryHandler, the hub's one retry layer, a decorated User-Agent), the configured
/// base URL and app-only tokens from a <see cref="TokenCredential"/>.
/// </summary>
public static class HubGraphClient
{
    /// <summary>App-only scope: whatever application permissions the hub's identity was granted on Graph.</summary>
    public const string GraphScope = "https://graph.microsoft.com/.default";

    /// <param name="httpClients">The factory holding <see cref="M365HttpClients.Graph"/> (<see cref="M365HttpClients.AddM365HttpClients"/>).</param>
    /// <param name="options">Base URL.</param>
    /// <param name="credential">The hub's identity. Tokens are attached for the base URL's host only.</param>
    public static GraphServiceClient Create(IHttpClientFactory httpClients, M365Options options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var baseUrl = options.GraphBaseUrl.TrimEnd('/');
        var host = new Uri(baseUrl).Host;
        // Allowed hosts: the configured one only, so a token never travels anywhere else (and a 127.0.0.1 fake gets one,
        // which lets tests see exactly what Graph would).
        var authentication = new AzureIdentityAuthenticationProvider(credential, [host], null, true, GraphScope);
        return new GraphServiceClient(httpClients.CreateClient(M365HttpClients.Graph), authentication, baseUrl);
    }
}
