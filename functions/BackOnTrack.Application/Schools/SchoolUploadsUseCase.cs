using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Storage;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Schools;

/// <summary>What a school asked for: a new file's name, or the name of one of its files to replace.</summary>
public sealed record UploadRequest(string? FileName, string? Replaces);

/// <summary>An upload URL: PUT the file to <see cref="UploadUrl"/> with header <c>x-ms-blob-type: BlockBlob</c> before <see cref="ExpiresAt"/>.</summary>
public sealed record UploadGrant(string BlobName, Uri UploadUrl, DateTimeOffset ExpiresAt, bool Replaces);

/// <summary>A drop as its school may see it: status, counts and the report's findings (which never hold pupil identifiers).</summary>
public sealed record DropStatusAnswer(
    string Laestab,
    string BlobName,
    string Status,
    string? DropId,
    string? Kind,
    string? Layout,
    int? RowsRead,
    int? RowsAccepted,
    int? RowsRejected,
    string? Reason,
    string? DuplicateOf,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? ProcessedAt,
    JsonElement? Report);

/// <summary>The outcome of a school's request, for the function to turn into a status code.</summary>
public enum SchoolRequestOutcome
{
    Ok,

    /// <summary>No key, or not a current key of this school: 401.</summary>
    NotAuthorised,

    /// <summary>The request itself is wrong (e.g. a file name with a folder in it): 400.</summary>
    Invalid,

    /// <summary>A new file's name is taken (ask to replace it), or the file to replace does not exist: 409 / 404.</summary>
    Conflict,
    NotFound,
}

public sealed record SchoolAnswer<T>(SchoolRequestOutcome Outcome, T? Value, string? Problem = null);

/// <summary>
/// The two things a school does with its key (docs/architecture.md §Functions, §Cross-cutting rules): get a short-lived SAS to create one new blob under its
/// own prefix (or overwrite one named blob of its own), and read its own drops' status. Another school's drop is
/// answered exactly as a drop that does not exist (404), so a key never tells one school about another's files.
/// </summary>
public sealed partial class SchoolUploadsUseCase(
    ISchoolKeys keys,
    IUploadUrls uploadUrls,
    IUploadedFiles uploads,
    IReportFiles reports,
    IBlobReceipts receipts,
    IDropRegistry drops,
    IOptions<SchoolsOptions> options,
    ILogger<SchoolUploadsUseCase> logger)
{
    public async Task<SchoolAnswer<UploadGrant>> IssueUploadUrlAsync(string laestab, string? presentedKey, UploadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await AuthoriseAsync(laestab, presentedKey, cancellationToken).ConfigureAwait(false) is not { } school)
        {
            return new(SchoolRequestOutcome.NotAuthorised, null, "A current key of this school is required in header X-School-Key.");
        }

        var replacing = !string.IsNullOrWhiteSpace(request.Replaces);
        if (replacing == !string.IsNullOrWhiteSpace(request.FileName))
        {
            return new(SchoolRequestOutcome.Invalid, null, "Give either fileName (a new file) or replaces (one of your files to overwrite).");
        }

        if (!UploadFileName.TryParse(StripOwnPrefix(school, replacing ? request.Replaces : request.FileName), out var name, out var problem))
        {
            return new(SchoolRequestOutcome.Invalid, null, problem);
        }

        var blobName = name.BlobNameFor(school);
        var exists = await uploads.FindAsync(HubStorageNames.Containers.Drops, blobName, cancellationToken).ConfigureAwait(false) is not null;
        if (replacing && !exists)
        {
            return new(SchoolRequestOutcome.NotFound, null, $"You have no file named {name} to replace.");
        }

        if (!replacing && exists)
        {
            return new(SchoolRequestOutcome.Conflict, null, $"You already sent a file named {name}: ask with replaces={name} to overwrite it, or choose another name.");
        }

        var (url, expiresAt) = await uploadUrls.IssueAsync(
            HubStorageNames.Containers.Drops, blobName, replacing ? UploadAccess.Write : UploadAccess.Create, TimeSpan.FromMinutes(options.Value.UploadUrlMinutes), cancellationToken).ConfigureAwait(false);
        LogIssued(logger, school.Value, replacing, options.Value.UploadUrlMinutes);
        return new(SchoolRequestOutcome.Ok, new UploadGrant(blobName, url, expiresAt, replacing));
    }

    /// <summary>A drop by its id (from the DataDrops row), or by the file name it was uploaded under.</summary>
    public async Task<SchoolAnswer<DropStatusAnswer>> StatusAsync(string laestab, string? presentedKey, string? dropId, string? blob, CancellationToken cancellationToken)
    {
        if (await AuthoriseAsync(laestab, presentedKey, cancellationToken).ConfigureAwait(false) is not { } school)
        {
            return new(SchoolRequestOutcome.NotAuthorised, null, "A current key of this school is required in header X-School-Key.");
        }

        if (!string.IsNullOrWhiteSpace(dropId))
        {
            var drop = await drops.GetAsync(school.Value, dropId.Trim().ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
            return drop is null
                ? new(SchoolRequestOutcome.NotFound, null, "No drop of yours has that id.")
                : new(SchoolRequestOutcome.Ok, await AnswerAsync(school, drop.BlobName, drop, null, cancellationToken).ConfigureAwait(false));
        }

        if (!UploadFileName.TryParse(StripOwnPrefix(school, blob), out var name, out var problem))
        {
            // A name under another school's prefix, or any other path, is not one of this school's files.
            return blob is not null && blob.Contains('/', StringComparison.Ordinal)
                ? new(SchoolRequestOutcome.NotFound, null, "You have no file of that name.")
                : new(SchoolRequestOutcome.Invalid, null, problem ?? "Give a drop id, or ?blob= the file's name.");
        }

        var blobName = name.BlobNameFor(school);
        var receipt = await receipts.GetAsync(HubStorageNames.Containers.Drops, blobName, cancellationToken).ConfigureAwait(false);
        if (receipt is null)
        {
            return await uploads.FindAsync(HubStorageNames.Containers.Drops, blobName, cancellationToken).ConfigureAwait(false) is null
                ? new(SchoolRequestOutcome.NotFound, null, "You have no file of that name.")
                : new(SchoolRequestOutcome.Ok, new DropStatusAnswer(school.Value, blobName, "Waiting", null, null, null, null, null, null, "Received; not yet processed.", null, null, null, null));
        }

        var row = await drops.GetAsync(school.Value, receipt.DuplicateOf ?? receipt.DropId, cancellationToken).ConfigureAwait(false);
        return new(SchoolRequestOutcome.Ok, await AnswerAsync(school, blobName, row, receipt, cancellationToken).ConfigureAwait(false));
    }

    private async Task<Laestab?> AuthoriseAsync(string laestab, string? presentedKey, CancellationToken cancellationToken)
    {
        if (!Laestab.TryParse(laestab, out var school, out _) || !await keys.IsCurrentKeyAsync(school, presentedKey, cancellationToken).ConfigureAwait(false))
        {
            LogRefused(logger);
            return null;
        }

        return school;
    }

    private async Task<DropStatusAnswer> AnswerAsync(Laestab school, string blobName, DataDrop? drop, BlobReceipt? receipt, CancellationToken cancellationToken)
    {
        var status = receipt?.Status == ReceiptStatus.Duplicate ? "Duplicate" : drop?.Status.ToString() ?? receipt?.Status.ToString() ?? "Waiting";
        JsonElement? report = null;
        if (drop?.ReportBlob is { } reportBlob && await reports.OpenReadAsync(reportBlob, cancellationToken).ConfigureAwait(false) is { } content)
        {
            await using var reportContent = content.ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
            report = document.RootElement.Clone();
        }

        return new DropStatusAnswer(
            school.Value, blobName, status, drop?.DropId ?? receipt?.DropId, drop?.Kind, drop?.Layout, drop?.RowsRead, drop?.RowsAccepted, drop?.RowsRejected,
            drop?.Reason, receipt?.DuplicateOf, drop?.ReceivedAt ?? receipt?.ReceivedAt, drop?.ProcessedAt, report);
    }

    /// <summary>A school may name its file with or without its own prefix (<c>3721100/x.csv</c> or <c>x.csv</c>).</summary>
    private static string? StripOwnPrefix(Laestab school, string? name) =>
        name is not null && name.StartsWith(school.Value + "/", StringComparison.Ordinal) ? name[(school.Value.Length + 1)..] : name;

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload URL issued for school {School} (replacing: {Replacing}, valid {Minutes} minutes)")]
    private static partial void LogIssued(ILogger logger, string school, bool replacing, int minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A school request was refused: no current key for the school")]
    private static partial void LogRefused(ILogger logger);
}
