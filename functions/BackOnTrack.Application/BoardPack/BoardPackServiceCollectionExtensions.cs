using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackOnTrack.Application.BoardPack;

public static class BoardPackServiceCollectionExtensions
{
    /// <summary>
    /// The board pack's use case and its archive. The stores it reads are shared with other use cases; they are added
    /// only if nothing has added them yet. The library it publishes to comes with <c>AddBackOnTrackM365</c>.
    /// </summary>
    public static IServiceCollection AddBackOnTrackBoardPack(this IServiceCollection services)
    {
        services.TryAddSingleton<BoardPackArchive>();
        services.TryAddSingleton<BoardPackUseCase>();
        return services;
    }
}
