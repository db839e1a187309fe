using BackOnTrack.Core.Ports;
using Azure.Data.Tables;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Tracker;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>SyncTracker's three syncs, one per kind of tracker-sync message.</summary>
public sealed record TrackerSyncs(SyncActionsUseCase Actions, SyncFiguresUseCase Figures, SyncReturnsUseCase Returns);

/// <summary>SyncTracker's use cases composed as the handler composes them, over given tables, SharePoint client and clock.</summary>
public static class TrackerSyncComposition
{
    public static TrackerSyncs Sync(TableServiceClient tables, ISharePointTracker tracker, TimeProvider clock)
    {
        var plans = new ActionPlanStore(tables);
        var pusher = new TrackerPusher(tracker, new TrackerItemStore(tables), plans, Applier(tables, plans, clock), clock, NullLogger<TrackerPusher>.Instance);
        return new TrackerSyncs(
            new SyncActionsUseCase(plans, pusher, clock, NullLogger<SyncActionsUseCase>.Instance),
            new SyncFiguresUseCase(
                new MetricsStore(tables),
                new BenchmarkStore(tables),
                new EarlyWarningStore(tables),
                pusher,
                Options.Create(new HubOptions { LocalAuthority = "Rotherham", Region = "Yorkshire and the Humber" }),
                NullLogger<SyncFiguresUseCase>.Instance),
            new SyncReturnsUseCase(new ReturnsTrackerUseCase(new SchoolRegisterStore(tables), new DataDropStore(tables), clock), pusher, NullLogger<SyncReturnsUseCase>.Instance));
    }

    public static TrackerEditApplier Applier(TableServiceClient tables, IActionPlans plans, TimeProvider clock) =>
        new(plans, new RejectedTrackerEditStore(tables), clock);
}
