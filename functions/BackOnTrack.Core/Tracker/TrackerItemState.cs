namespace BackOnTrack.Core.Tracker;

/// <summary>
/// What the hub knows of one SharePoint item: its id and eTag, the hub's fields as SharePoint holds them after the
/// hub's last write (or an owner's edit the hub has read since), their fingerprint, and when the hub last wrote it.
/// </summary>
/// <param name="List">The list's kind (<c>tracker</c> or <c>figures</c>).</param>
/// <param name="Key">The item's key (ActionId, FigureId or ReturnId).</param>
/// <param name="PlanId">For tracker items: the action's plan.</param>
/// <param name="ActionKey">For tracker items: the action's key.</param>
/// <param name="ItemId">SharePoint's item id; null until the item is known to exist (and always in outbox mode).</param>
/// <param name="ETag">SharePoint's eTag of the item as last seen.</param>
/// <param name="Fields">The item's fields by column name; null when nothing was ever pushed.</param>
/// <param name="Fingerprint">The fingerprint of <paramref name="Fields"/>.</param>
/// <param name="WrittenAt">When the hub last wrote the item.</param>
public sealed record TrackerItemState(
    string List,
    string Key,
    string? PlanId,
    string? ActionKey,
    string? ItemId,
    string? ETag,
    IReadOnlyDictionary<string, string?>? Fields,
    string? Fingerprint,
    DateTimeOffset? WrittenAt);
