using System.Globalization;
using System.Text.RegularExpressions;

namespace BackOnTrack.Storage.Tables;

/// <summary>
/// Reads a <c>$batch</c> response. The service answers 202 even when the transaction failed; the failure is the one
/// sub-response with an error status (its message starts with the failing operation's 0-based index).
/// </summary>
internal static partial class TableBatchResponse
{
    public sealed record Failure(int Status, int? ContentId, string Body);

    public static Failure? FindFailure(string responseText)
    {
        foreach (Match status in StatusLine().Matches(responseText))
        {
            var code = int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture);
            if (code < 400)
            {
                continue;
            }

            var partStart = status.Index + status.Length;
            var headersEnd = responseText.IndexOf("\r\n\r\n", partStart, StringComparison.Ordinal) is var crlf and >= 0
                ? crlf + 4
                : responseText.IndexOf("\n\n", partStart, StringComparison.Ordinal) is var lf and >= 0 ? lf + 2 : responseText.Length;
            var headers = responseText[partStart..Math.Min(headersEnd, responseText.Length)];
            var boundary = responseText.IndexOf("\n--", headersEnd, StringComparison.Ordinal);
            var body = responseText[headersEnd..(boundary < 0 ? responseText.Length : boundary)].Trim();
            var contentId = ContentIdHeader().Match(headers);
            int? id = contentId.Success ? int.Parse(contentId.Groups[1].Value, CultureInfo.InvariantCulture) : null;
            return new Failure(code, id, body);
        }

        return null;
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"(?im)^Content-ID:\s*(\d+)")]
    private static partial Regex ContentIdHeader();
}
