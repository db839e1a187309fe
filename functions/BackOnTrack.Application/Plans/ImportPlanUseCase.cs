using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Messages;
using System.Text.Json;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tabular;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Storage;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Plans;

/// <summary>
/// The <c>plans</c> container: the strategy's action plan (as exported from Word or Excel) and the owners file, told
/// apart by their headers. An owners file replaces the owners directory. A plan is read against the owners directory,
/// compared with what its previous import stored (owners' edits to Status and LastNote are kept unless the plan's own
/// value changed), and only the changes are written, each with its audit rows; then <c>tracker-sync</c> is asked to
/// push the plan. The plan id is the file's name without its extension, so a revised plan under the same name updates
/// the same actions.
/// </summary>
internal sealed partial class ImportPlanUseCase(
    ITrackerSyncRequests trackerSync, IActionPlans store, IOptions<IngestOptions> ingestOptions, ILogger<ImportPlanUseCase> logger) : IDropImport
{
    /// <summary>The DataDrops partition of plan and owners files, and their reports and quarantine folder.</summary>
    public const string Scope = "plans";

    public string Container => HubStorageNames.Containers.Plans;

    public DropPlace Place(string blobName) => new(Scope, Scope, blobName);

    public async Task<StoredRows> StoreRowsAsync(Stream content, DropPlace place, string dropId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        try
        {
            var detected = PlanFileDetector.Detect(Rows(content, place.FileName));
            return detected.Kind switch
            {
                PlanFileKind.Owners => await ImportOwnersAsync(OwnersFile.Read(Rows(content, place.FileName)), cancellationToken).ConfigureAwait(false),
                PlanFileKind.ActionPlan => await ImportPlanAsync(content, place, receivedAt, cancellationToken).ConfigureAwait(false),
                _ => Rejected(detected.Rejection ?? "The file is neither an action plan nor an owners file."),
            };
        }
        catch (UnreadableFileException ex)
        {
            return Rejected(ex.Message);
        }
    }

    /// <summary>Asks for the plan's tracker to be brought in line (an owners file changes no tracker item by itself).</summary>
    public async Task AfterStoredAsync(StoredRows stored, DataDrop? replaced, CancellationToken cancellationToken)
    {
        if (stored.Kind == nameof(PlanFileKind.ActionPlan) && stored.PlanId is { } planId)
        {
            await trackerSync.RequestAsync(new TrackerSyncRequest.Plan(planId), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StoredRows> ImportOwnersAsync(OwnersImport owners, CancellationToken cancellationToken)
    {
        if (owners.Rejection is { } rejection)
        {
            return Rejected(rejection);
        }

        await store.ReplaceOwnersAsync(owners.Owners, cancellationToken).ConfigureAwait(false);
        LogOwners(logger, owners.Owners.Count);
        var problems = Findings(owners.Report);
        return new StoredRows(nameof(PlanFileKind.Owners), "Table", owners.RowsRead, owners.RowsRead - owners.Owners.Count, problems, [], [], [], [], null);
    }

    private async Task<StoredRows> ImportPlanAsync(Stream content, DropPlace place, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var planId = PlanId.FromBlobName(place.FileName);
        var owners = await store.ReadOwnersAsync(cancellationToken).ConfigureAwait(false);
        var plan = ActionPlanReader.Read(Rows(content, place.FileName), new OwnerResolver(owners.Select(o => o.Role)));
        if (plan.Rejection is { } rejection)
        {
            return Rejected(rejection);
        }

        var stored = await store.ReadPlanAsync(planId, cancellationToken).ConfigureAwait(false);
        var changes = PlanChanges.Compute(stored, plan.Actions);
        await store.ApplyAsync(planId, changes, $"plans/{place.FileName}", receivedAt, receivedAt, cancellationToken).ConfigureAwait(false);
        LogPlan(logger, plan.Actions.Count, changes.Count, plan.Report.Count);
        return new StoredRows(nameof(PlanFileKind.ActionPlan), "Table", plan.RowsRead, 0, [], [], [], [], [], null)
        {
            Findings = Findings(plan.Report),
            PlanId = planId,
        };
    }

    // Rows are read afresh for each pass: the detector looks at the first rows only, the readers at all of them.
    private IEnumerable<TabularRow> Rows(Stream content, string fileName)
    {
        content.Position = 0;
        return TabularFile.Open(content, fileName, ingestOptions.Value.Limits()).Rows;
    }

    private static List<RowError> Findings(IEnumerable<PlanReportEntry> report) =>
        [.. report.Select(e => new RowError(e.RowNumber, e.Subject ?? e.Issue.ToString(), e.Message))];

    private static StoredRows Rejected(string reason) => new(null, null, 0, 0, [], [], [], [], [], reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Owners directory replaced: {Owners} roles")]
    private static partial void LogOwners(ILogger logger, int owners);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action plan imported: {Actions} actions, {Changes} changed, {Findings} report entries")]
    private static partial void LogPlan(ILogger logger, int actions, int changes, int findings);
}
