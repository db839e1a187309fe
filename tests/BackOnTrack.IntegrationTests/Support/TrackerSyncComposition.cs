using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Tracker;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>SyncTracker's use case composed as the handler composes it, over given tables, SharePoint client and clock.</summary>
public static class TrackerSyncComposition
{
    public static SyncTrackerUseCase Sync(TableServiceClient tables, ISharePointTracker tracker, TimeProvider clock)
    {
        var plans = new ActionPlanStore(tables);
        return new SyncTrackerUseCase(
            tracker,
            new TrackerItemStore(tables),
            plans,
            new MetricsStore(tables),
            new BenchmarkStore(tables),
            new ReturnsTrackerUseCase(new SchoolRegisterStore(tables), new DataDropStore(tables), clock),
            Applier(tables, plans, clock),
            Options.Create(new HubOptions { LocalAuthority = "Rotherham", Region = "Yorkshire and the Humber" }),
            clock,
            NullLogger<SyncTrackerUseCase>.Instance);
    }

    public static TrackerEditApplier Applier(TableServiceClient tables, ActionPlanStore plans, TimeProvider clock) =>
        new(plans, new RejectedTrackerEditStore(tables), clock);
}
