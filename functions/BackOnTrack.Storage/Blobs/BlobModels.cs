using Azure;

namespace BackOnTrack.Storage.Blobs;

/// <summary>A blob's system properties and user metadata.</summary>
public sealed record BlobProperties(
    ETag ETag,
    DateTimeOffset LastModified,
    long ContentLength,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary><c>x-ms-copy-status</c> of the last copy into this blob (<c>pending</c>, <c>success</c>, …), if any.</summary>
    public string? CopyStatus { get; init; }
}

/// <summary>One entry of a blob listing.</summary>
public sealed record BlobItem(string Name, BlobProperties Properties);

/// <summary>One page of a blob listing and the marker for the next (null on the last page).</summary>
public sealed record BlobPage(IReadOnlyList<BlobItem> Items, string? NextMarker);

/// <summary>A downloaded blob: its properties and its content as an unbuffered network stream. Dispose it.</summary>
public sealed class BlobDownload(Stream content, BlobProperties properties, IDisposable response) : IDisposable
{
    public Stream Content { get; } = content;
    public BlobProperties Properties { get; } = properties;

    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
    }
}

/// <summary>Conditions for a write: create-only, or only over a known version.</summary>
public sealed record BlobConditions
{
    /// <summary>Create the blob only if no blob has the name (<c>If-None-Match: *</c>); otherwise 409 BlobAlreadyExists.</summary>
    public static BlobConditions CreateOnly { get; } = new() { IfNoneMatch = ETag.All };

    /// <summary>Write only if the blob still has this ETag; otherwise 412 ConditionNotMet.</summary>
    public static BlobConditions IfMatchETag(ETag etag) => new() { IfMatch = etag };

    public ETag? IfMatch { get; init; }
    public ETag? IfNoneMatch { get; init; }
}

/// <summary>What to store with an uploaded blob.</summary>
public sealed record BlobUploadOptions
{
    public string ContentType { get; init; } = "application/octet-stream";
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public BlobConditions? Conditions { get; init; }
}

/// <summary>One Blob service CORS rule: which origins may send which methods and headers (e.g. the portal's PUT of a file to its SAS URL).</summary>
public sealed record BlobCorsRule(
    IReadOnlyList<string> AllowedOrigins, IReadOnlyList<string> AllowedMethods, IReadOnlyList<string> AllowedHeaders, IReadOnlyList<string> ExposedHeaders, int MaxAgeInSeconds);
