namespace BackOnTrack.Application.Portal;

/// <summary>
/// The headers every portal response carries. The policy allows scripts and styles from the hub only (no inline script,
/// no eval), network calls to the hub and to the storage account's blob endpoint (where uploads go), and no framing.
/// </summary>
public static class PortalSecurityHeaders
{
    /// <param name="blobEndpoint">The storage account's blob endpoint; its origin is where the page PUTs files.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> For(Uri blobEndpoint)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        var storage = blobEndpoint.GetLeftPart(UriPartial.Authority);
        return
        [
            new("Content-Security-Policy", ContentSecurityPolicy(storage)),
            new("X-Content-Type-Options", "nosniff"),
            new("Referrer-Policy", "no-referrer"),
            new("X-Frame-Options", "DENY"),
            new("Cross-Origin-Opener-Policy", "same-origin"),
            new("Cross-Origin-Resource-Policy", "same-origin"),
            new("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
        ];
    }

    public static string ContentSecurityPolicy(string storageOrigin) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        $"connect-src 'self' {storageOrigin}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
}
