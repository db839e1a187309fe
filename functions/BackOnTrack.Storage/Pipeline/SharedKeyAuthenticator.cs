using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace BackOnTrack.Storage.Pipeline;

/// <summary>
/// Shared Key signing. Blob and Queue sign the standard headers, every <c>x-ms-</c> header and every query parameter;
/// Table signs only the verb, Content-MD5, Content-Type, the date and the path (plus <c>comp</c>).
/// </summary>
internal sealed class SharedKeyAuthenticator(string accountName, byte[] accountKey, SharedKeyFlavour flavour) : IStorageAuthenticator
{
    public ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var stringToSign = flavour == SharedKeyFlavour.Table ? TableStringToSign(request) : BlobQueueStringToSign(request);
        using var hmac = new HMACSHA256(accountKey);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", $"{accountName}:{signature}");
        return ValueTask.CompletedTask;
    }

    internal string BlobQueueStringToSign(HttpRequestMessage request)
    {
        var content = request.Content?.Headers;
        var length = content?.ContentLength is > 0 ? content.ContentLength.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Joined(content?.ContentEncoding)).Append('\n')
            .Append(Joined(content?.ContentLanguage)).Append('\n')
            .Append(length).Append('\n')
            .Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "").Append('\n')
            .Append(content?.ContentType?.ToString() ?? "").Append('\n')
            .Append('\n') // Date: empty because x-ms-date is always sent.
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(",", h.Value.Select(v => v.Trim()))))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        var uri = request.RequestUri!;
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var query = HttpUtility.ParseQueryString(uri.Query);
        foreach (var name in query.AllKeys.Where(k => k is not null).Select(k => k!).OrderBy(k => k.ToLowerInvariant(), StringComparer.Ordinal))
        {
            var values = query.GetValues(name)!.OrderBy(v => v, StringComparer.Ordinal);
            builder.Append('\n').Append(name.ToLowerInvariant()).Append(':').Append(string.Join(",", values));
        }

        return builder.ToString();
    }

    internal string TableStringToSign(HttpRequestMessage request)
    {
        var content = request.Content?.Headers;
        var uri = request.RequestUri!;
        var resource = new StringBuilder().Append('/').Append(accountName).Append(uri.AbsolutePath);
        var comp = HttpUtility.ParseQueryString(uri.Query)["comp"];
        if (comp is not null)
        {
            resource.Append("?comp=").Append(comp);
        }

        return string.Join('\n',
            request.Method.Method,
            content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "",
            content?.ContentType?.ToString() ?? "",
            Header(request, "x-ms-date"),
            resource.ToString());
    }

    private static string Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static string Joined(ICollection<string>? values) => values is { Count: > 0 } ? string.Join(",", values) : "";
}

internal enum SharedKeyFlavour
{
    BlobOrQueue,
    Table,
}
