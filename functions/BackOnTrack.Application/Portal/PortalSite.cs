using BackOnTrack.Application.Configuration;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Portal;

/// <summary>
/// What the portal's two anonymous functions serve: the page (naming this hub's file limit) and its assets, each with
/// the security headers for this hub's storage account (uploads go straight to its blob endpoint).
/// </summary>
public sealed class PortalSite(IUploadedFiles uploads, IOptions<IngestOptions> ingest)
{
    private readonly Lazy<PortalAsset> _page = new(() => PortalAssets.Page(ingest.Value.MaxFileBytes));
    private readonly Lazy<IReadOnlyList<KeyValuePair<string, string>>> _headers =
        new(() => PortalSecurityHeaders.For(uploads.UriOf(HubStorageNames.Containers.Drops, "portal")));

    public PortalAsset Page => _page.Value;

    public static PortalAsset? Asset(string? name) => PortalAssets.Find(name);

    /// <summary>Every header a portal response carries: the security headers, the content type, caching and ETag.</summary>
    public IEnumerable<KeyValuePair<string, string>> HeadersFor(PortalAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return _headers.Value.Append(new("Cache-Control", asset.CacheControl)).Append(new("ETag", asset.ETag));
    }

    /// <summary>The headers of a 404 for an unknown asset: the security headers and no caching.</summary>
    public IEnumerable<KeyValuePair<string, string>> HeadersForNotFound() => _headers.Value.Append(new("Cache-Control", "no-store"));
}
