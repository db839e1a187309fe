namespace BackOnTrack.M365;

/// <summary>
/// Links people follow from Teams into the SharePoint action tracker: the list itself, and the list filtered on one
/// action's ActionId (SharePoint's <c>FilterField1</c>/<c>FilterValue1</c> view parameters), which works before the
/// hub has synchronised the item and survives the item being re-created.
/// </summary>
public sealed class TrackerLinks
{
    private readonly Uri _tracker;

    public TrackerLinks(M365Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tracker = new Uri(string.IsNullOrWhiteSpace(options.TrackerUrl) ? M365Options.PlaceholderTrackerUrl : options.TrackerUrl);
    }

    /// <summary>The tracker list.</summary>
    public Uri Tracker => _tracker;

    /// <summary>The tracker showing only the action with this key (the Actions table's RowKey, the list's ActionId).</summary>
    public Uri ForAction(string actionKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actionKey);
        var separator = string.IsNullOrEmpty(_tracker.Query) ? "?" : "&";
        return new Uri($"{_tracker.AbsoluteUri}{separator}FilterField1=ActionId&FilterValue1={Uri.EscapeDataString(actionKey)}");
    }
}
