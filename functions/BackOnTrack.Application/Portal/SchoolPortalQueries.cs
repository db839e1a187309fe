using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Schools;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.Application.Portal;

/// <summary>One of a school's drops as its history lists it; <see cref="FileName"/> is the name the school gave it.</summary>
public sealed record SchoolDropSummary(
    string DropId,
    string FileName,
    string BlobName,
    string Status,
    string? Kind,
    string? Layout,
    int RowsRead,
    int RowsAccepted,
    int RowsRejected,
    string? Reason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ProcessedAt);

/// <summary>A school's drop history, newest first.</summary>
public sealed record SchoolDropsAnswer(string Laestab, IReadOnlyList<SchoolDropSummary> Drops);

/// <summary>One kind of return this term: <c>Received</c> (an accepted drop came), <c>Rejected</c> (only rejected ones came) or <c>Owed</c> (nothing came).</summary>
public sealed record SchoolReturnLine(string Kind, string State, DateTimeOffset? LatestReceivedAt, string? LatestStatus, string? LatestFileName);

/// <summary>What a school has sent and still owes in the term the hub's clock is in.</summary>
public sealed record SchoolReturnsAnswer(
    string Laestab,
    string? SchoolName,
    bool InRegister,
    string AcademicYear,
    string Term,
    DateOnly TermStart,
    DateOnly TermEnd,
    IReadOnlyList<SchoolReturnLine> Returns,
    IReadOnlyList<string> Owed);

/// <summary>
/// The portal's two reads for a school with its key: its drop history and its returns this term. Both answer only about
/// the key's own school; a key of another school is refused exactly as a wrong key is.
/// </summary>
public sealed partial class SchoolPortalQueries(
    ISchoolKeys keys,
    IDropRegistry drops,
    ISchoolRegister register,
    ReturnsTrackerUseCase returns,
    ILogger<SchoolPortalQueries> logger)
{
    internal const string KeyRequired = "A current key of this school is required in header X-School-Key.";

    public async Task<SchoolAnswer<SchoolDropsAnswer>> DropsAsync(string laestab, string? presentedKey, CancellationToken cancellationToken)
    {
        if (await AuthoriseAsync(laestab, presentedKey, cancellationToken).ConfigureAwait(false) is not { } school)
        {
            return new(SchoolRequestOutcome.NotAuthorised, null, KeyRequired);
        }

        var list = await drops.ListAsync(school.Value, cancellationToken).ConfigureAwait(false);
        return new(SchoolRequestOutcome.Ok, new SchoolDropsAnswer(school.Value, SchoolHistory.NewestFirst(school, list)));
    }

    public async Task<SchoolAnswer<SchoolReturnsAnswer>> ReturnsAsync(string laestab, string? presentedKey, CancellationToken cancellationToken)
    {
        if (await AuthoriseAsync(laestab, presentedKey, cancellationToken).ConfigureAwait(false) is not { } school)
        {
            return new(SchoolRequestOutcome.NotAuthorised, null, KeyRequired);
        }

        var (year, term) = returns.CurrentTerm();
        var schools = await register.ListAllAsync(cancellationToken).ConfigureAwait(false);
        // Only this school's drops are read: the tracker needs the whole register (to choose the year's) but not every school's drops.
        var own = await drops.ListAsync(school.Value, cancellationToken).ConfigureAwait(false);
        var termReturns = ReturnsTracker.ForTerm(
            schools, own.Select(d => new ReceivedDrop(d.Scope, d.DropId, d.BlobName, d.Kind, d.Status, d.ReceivedAt, d.ProcessedAt, d.RowsAccepted)), year, term);
        return new(SchoolRequestOutcome.Ok, SchoolHistory.Returns(school, termReturns));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A portal request was refused: no current key for the school")]
    private static partial void LogRefused(ILogger logger);
}

/// <summary>The pure part of <see cref="SchoolPortalQueries"/>: ordering the history and reading the term's returns.</summary>
public static class SchoolHistory
{
    public static IReadOnlyList<SchoolDropSummary> NewestFirst(Laestab school, IEnumerable<DataDrop> drops)
    {
        ArgumentNullException.ThrowIfNull(drops);
        return [.. drops
            .Where(d => d.Scope == school.Value)
            .OrderByDescending(d => d.ReceivedAt)
            .ThenByDescending(d => d.DropId, StringComparer.Ordinal)
            .Select(d => new SchoolDropSummary(
                d.DropId, FileNameOf(school, d.BlobName), d.BlobName, d.Status.ToString(), d.Kind, d.Layout, d.RowsRead, d.RowsAccepted, d.RowsRejected,
                d.Reason, d.ReceivedAt, d.ProcessedAt))];
    }

    public static SchoolReturnsAnswer Returns(Laestab school, TermReturns term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var mine = term.Schools.FirstOrDefault(s => s.Laestab == school.Value) ?? new SchoolReturn(school.Value, null, null, []);
        var lines = ReturnsTracker.SchoolKinds.Select(kind =>
        {
            var latest = mine.Latest(kind);
            var state = mine.KindsAccepted.Contains(kind) ? "Received" : latest is null ? "Owed" : "Rejected";
            return new SchoolReturnLine(kind, state, latest?.ReceivedAt, latest?.Status.ToString(), latest is null ? null : FileNameOf(school, latest.BlobName));
        }).ToList();
        return new SchoolReturnsAnswer(
            school.Value, mine.Name, mine.InRegister, term.Year.ToString(), term.Term.ToString(), term.Start, term.End, lines,
            [.. lines.Where(l => l.State != "Received").Select(l => l.Kind)]);
    }

    private static string FileNameOf(Laestab school, string blobName) =>
        blobName.StartsWith(school.Value + "/", StringComparison.Ordinal) ? blobName[(school.Value.Length + 1)..] : blobName;
}
