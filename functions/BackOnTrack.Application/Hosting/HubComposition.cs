using BackOnTrack.Application.Benchmarks;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Application.Metrics;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Plans;
using BackOnTrack.Application.Portal;
using BackOnTrack.Application.Prompts;
using BackOnTrack.Application.Schools;
using BackOnTrack.Application.Sweep;
using BackOnTrack.Application.Tracker;
using BackOnTrack.M365;
using BackOnTrack.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackOnTrack.Application.Hosting;

/// <summary>
/// The hub's one composition: storage, Microsoft 365, every use case and the settings they read, checked at start.
/// The deployed worker, the operator's tool and the tests all compose the hub through this, so none of them can drift.
/// </summary>
public static class HubComposition
{
    public static IServiceCollection AddBackOnTrackHub(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // A clock registered earlier (the CLI's --as-of, a test's fake) wins; otherwise Hub:AsOf, or the real date.
        services.TryAddSingleton(sp => HubClock.From(configuration));
        services.AddBackOnTrackStorage(configuration);
        services.AddBackOnTrackM365(configuration);
        services.AddOptions<HubOptions>().Bind(configuration.GetSection(HubOptions.SectionName))
            .Validate(o => HubOptions.IsValidKey(o.PseudonymisationKey), "Hub:PseudonymisationKey must be base64 of at least 32 bytes.")
            .Validate(o => HubOptions.AreValidPreviousKeys(o.PreviousPseudonymisationKeys), "Hub:PreviousPseudonymisationKeys must be base64 keys of at least 32 bytes, joined by commas.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.LocalAuthority) && !string.IsNullOrWhiteSpace(o.Region), "Hub:LocalAuthority and Hub:Region must name the home LA and its region as DfE does.")
            .Validate(o => HubOptions.IsValidAsOf(o.AsOf), "Hub:AsOf must be empty or a date as yyyy-MM-dd.")
            .ValidateOnStart();
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HubHealth>();
        AddIngest(services);
        AddMetrics(services);
        AddSchools(services, configuration);
        AddPrompts(services);
        services.AddBackOnTrackOperations(configuration);
        AddTracker(services);
        return services;
    }

    private static void AddIngest(IServiceCollection services)
    {
        services.AddSingleton<ImportBenchmarksUseCase>();
        services.AddSingleton<IDropImport>(sp => sp.GetRequiredService<ImportBenchmarksUseCase>());
        services.AddSingleton<IDropImport, SchoolDataImport>();
        services.AddSingleton<IDropImport, ImportPlanUseCase>();
        services.AddSingleton<IngestDropUseCase>();
        services.AddSingleton<SweepDropsUseCase>();
    }

    private static void AddMetrics(IServiceCollection services)
    {
        services.AddSingleton<MetricsQuery>();
        services.AddSingleton<RecomputeMetricsUseCase>();
    }

    private static void AddSchools(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchoolsOptions>().Bind(configuration.GetSection(SchoolsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SchoolUploadsUseCase>();
        services.AddBackOnTrackPortal();
    }

    private static void AddPrompts(IServiceCollection services)
    {
        services.AddSingleton<OwnerPromptSender>();
        services.AddSingleton<BoardDigestPublisher>();
        services.AddSingleton<PromptOwnersUseCase>();
    }

    private static void AddTracker(IServiceCollection services)
    {
        services.AddSingleton<TrackerEditApplier>();
        services.AddSingleton<TrackerPusher>();
        services.AddSingleton<SyncActionsUseCase>();
        services.AddSingleton<SyncFiguresUseCase>();
        services.AddSingleton<SyncReturnsUseCase>();
        services.AddSingleton<PullTrackerEditsUseCase>();
    }
}
