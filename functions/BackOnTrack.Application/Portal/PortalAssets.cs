using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackOnTrack.Application.Portal;

/// <summary>One file of the portal as the hub serves it.</summary>
/// <param name="CacheControl">The page is never cached (it names the current assets); assets are named by their hash and kept a year.</param>
public sealed record PortalAsset(string Name, ReadOnlyMemory<byte> Content, string ContentType, string CacheControl, string ETag);

/// <summary>
/// The school portal's page, stylesheet and script, embedded in this assembly (no CDN, nothing fetched at run time).
/// The page links each asset as <c>/api/portal/{name}?v={hash}</c>, so an asset can be cached for a year and a new
/// release is still picked up at once.
/// </summary>
public static class PortalAssets
{
    public const string PagePath = "/api/portal";

    private const string Immutable = "public, max-age=31536000, immutable";
    private const string NoStore = "no-store";

    private static readonly FrozenDictionary<string, PortalAsset> Assets = new Dictionary<string, PortalAsset>(StringComparer.Ordinal)
    {
        ["portal.css"] = Load("portal.css", "text/css; charset=utf-8", Immutable),
        ["portal.js"] = Load("portal.js", "text/javascript; charset=utf-8", Immutable),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string PageTemplate = Encoding.UTF8.GetString(Read("portal.html"));

    /// <summary>The names <c>GET /api/portal/{asset}</c> answers.</summary>
    public static IReadOnlyCollection<string> Names => Assets.Keys;

    /// <summary>An asset by name (exact, case-sensitive), or null: nothing but the embedded files is ever served.</summary>
    public static PortalAsset? Find(string? name) => name is not null && Assets.TryGetValue(name, out var asset) ? asset : null;

    /// <summary>The page, naming the largest file the hub reads (it refuses larger ones before sending).</summary>
    public static PortalAsset Page(long maxFileBytes)
    {
        var html = PageTemplate.Replace("{{maxFileBytes}}", maxFileBytes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        foreach (var asset in Assets.Values)
        {
            html = html.Replace("{{" + asset.Name + "}}", $"{PagePath}/{asset.Name}?v={asset.ETag.Trim('"')}", StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(html);
        return new PortalAsset("portal.html", bytes, "text/html; charset=utf-8", NoStore, Hash(bytes));
    }

    private static PortalAsset Load(string name, string contentType, string cacheControl)
    {
        var bytes = Read(name);
        return new PortalAsset(name, bytes, contentType, cacheControl, Hash(bytes));
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(PortalAssets).Assembly.GetManifestResourceStream("BackOnTrack.Portal." + name)
            ?? throw new InvalidOperationException($"The portal asset {name} is not embedded in the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Hash(byte[] bytes) => "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
}
