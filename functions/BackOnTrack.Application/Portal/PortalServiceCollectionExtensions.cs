namespace BackOnTrack.Application.Portal;

public static class PortalServiceCollectionExtensions
{
    /// <summary>The school portal's queries (drop history, returns this term) and its page and assets. Needs the Operations registrations (ReturnsTrackerUseCase).</summary>
    public static IServiceCollection AddBackOnTrackPortal(this IServiceCollection services)
    {
        services.AddSingleton<SchoolPortalQueries>();
        services.AddSingleton<PortalSite>();
        return services;
    }
}
