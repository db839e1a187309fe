using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Sweep;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.Application.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>The operations verbs' use cases, table retention, and the settings they read (early-warning thresholds among them).</summary>
    public static IServiceCollection AddBackOnTrackOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EarlyWarningOptions>().Bind(configuration.GetSection(EarlyWarningOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PupilDataRetention>();
        services.AddSingleton<SchoolRegisterStore>();
        services.AddSingleton<OperationsAuditStore>();
        services.AddSingleton<ReturnsTrackerUseCase>();
        services.AddSingleton<ListDropsUseCase>();
        services.AddSingleton<ReprocessDropUseCase>();
        services.AddSingleton<WithdrawDropUseCase>();
        services.AddSingleton<PoisonReplayUseCase>();
        services.AddSingleton<PupilKeyLookup>();
        services.AddSingleton<ErasePupilUseCase>();
        services.AddSingleton<RekeyUseCase>();
        services.AddSingleton<ExportTablesUseCase>();
        services.AddSingleton<RestoreTablesUseCase>();
        return services;
    }
}
