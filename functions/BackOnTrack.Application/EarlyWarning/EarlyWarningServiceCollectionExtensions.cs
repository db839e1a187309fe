using BackOnTrack.Application.Configuration;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Application.EarlyWarning;

public static class EarlyWarningServiceCollectionExtensions
{
    /// <summary>
    /// The early-warning settings (section <c>EarlyWarning</c>, checked at start), its stores and its use cases. Needs
    /// the hub's <see cref="IMetricFacts"/> (cohort membership) and <see cref="DataDropStore"/>, which the hub's
    /// composition registers, and its <see cref="ISchoolKeys"/> for the roll check.
    /// </summary>
    public static IServiceCollection AddBackOnTrackEarlyWarning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EarlyWarningOptions>().Bind(configuration.GetSection(EarlyWarningOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecomputeEarlyWarningsUseCase>();
        services.AddSingleton<EarlyWarningRollQuery>();
        services.AddSingleton<EarlyWarningReview>();
        return services;
    }
}
