using Azure;

namespace BackOnTrack.Storage.Files;

internal static class BlobETags
{
    /// <summary>
    /// An ETag as HTTP sends it, in quotes. A blob's properties carry it quoted, but Azure's List Blobs XML carries it
    /// bare; receipts store one form, so the sweep's comparison of a listing with a receipt needs them the same.
    /// </summary>
    public static string Quoted(ETag etag)
    {
        var value = etag.ToString();
        return value.Length > 0 && value[0] == '"' ? value : $"\"{value}\"";
    }
}
