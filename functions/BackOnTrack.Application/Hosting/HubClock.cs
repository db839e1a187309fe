using BackOnTrack.Application.Configuration;

namespace BackOnTrack.Application.Hosting;

/// <summary>The hub's clock: the real one, or, with <c>Hub:AsOf</c> set, one that runs from that date.</summary>
public static class HubClock
{
    public static TimeProvider From(IConfiguration configuration)
    {
        var hub = configuration.GetSection(HubOptions.SectionName).Get<HubOptions>() ?? new HubOptions();
        // A malformed date is refused by the options' validation at start, with the setting's name.
        return hub.AsOfDate() is { } date ? AsOfTimeProvider.OnDate(date) : TimeProvider.System;
    }
}
