using BackOnTrack.Core.Operations;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Messages;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Application.Operations;

/// <summary>How a withdrawal ended.</summary>
public enum WithdrawResult
{
    Withdrawn,
    AlreadyWithdrawn,
    NotFound,

    /// <summary>Only a drop whose rows are in the tables (Processed) can be withdrawn.</summary>
    NotProcessed,
}

/// <summary>What <c>drops withdraw</c> did.</summary>
public sealed record WithdrawOutcome(WithdrawResult Result, DropStatus? Status, int RowsRemoved, int MetricsRequests);

/// <summary>
/// Withdraws a drop: removes the rows it was the last to write (as for a superseded version), asks for the metrics of
/// every school-year it described, then marks it <c>Withdrawn</c>, in that order, so an interrupted withdrawal is
/// finished by running it again. The raw file keeps its receipt, so the sweep does not ingest it again; uploading the
/// same content again (a new blob version) reinstates it.
/// </summary>
public sealed partial class WithdrawDropUseCase(
    IDropRegistry drops, IDropRowRemover remover, IMetricsRequests metricsRequests, ITrackerSyncRequests trackerSync, IOperationsAudit audit, TimeProvider clock, ILogger<WithdrawDropUseCase> logger)
{
    public const string Operation = "DropWithdraw";

    public async Task<WithdrawOutcome> WithdrawAsync(string scope, string dropId, string by, string reason, CancellationToken cancellationToken)
    {
        var drop = await drops.GetAsync(scope, dropId, cancellationToken).ConfigureAwait(false);
        switch (drop?.Status)
        {
            case null:
                return new WithdrawOutcome(WithdrawResult.NotFound, null, 0, 0);
            case DropStatus.Withdrawn:
                return new WithdrawOutcome(WithdrawResult.AlreadyWithdrawn, drop.Status, 0, 0);
            case not DropStatus.Processed:
                return new WithdrawOutcome(WithdrawResult.NotProcessed, drop.Status, 0, 0);
        }

        var removed = await remover.RemoveAsync(dropId, drop.Partitions, cancellationToken).ConfigureAwait(false);
        var requested = await metricsRequests.RequestAsync(drop.SchoolYears, cancellationToken).ConfigureAwait(false);
        await drops.SaveAsync(drop with { Status = DropStatus.Withdrawn }, cancellationToken).ConfigureAwait(false);
        if (Laestab.TryParse(scope, out _, out _))
        {
            await trackerSync.RequestAsync(new TrackerSyncRequest.Returns(), cancellationToken).ConfigureAwait(false);
        }
        await audit.WriteAsync(
            new OperationsAuditEntry(Operation, clock.GetUtcNow(), by, $"{scope}/{dropId}: {reason}", new Dictionary<string, long> { ["RowsRemoved"] = removed, ["MetricsRequests"] = requested }),
            cancellationToken).ConfigureAwait(false);
        LogWithdrawn(logger, dropId, scope, removed, requested);
        return new WithdrawOutcome(WithdrawResult.Withdrawn, DropStatus.Withdrawn, removed, requested);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropId} ({Scope}) withdrawn: {Rows} rows removed, {Requests} metrics requests sent")]
    private static partial void LogWithdrawn(ILogger logger, string dropId, string scope, int rows, int requests);
}
