using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackOnTrack.M365.Teams;

/// <summary>The two activity types the hub sends; their wire names are the types the Teams app's manifest declares.</summary>
public enum NotificationKind
{
    /// <summary>Not Complete, due from the as-of date up to 14 days ahead (inclusive).</summary>
    Due,

    /// <summary>Not Complete, due before the as-of date.</summary>
    Overdue,
}

/// <summary>Who gets a notification: the owner's UPN (what the outbox records) and, when known, their Entra object id.</summary>
public sealed record TeamsRecipient(string Upn, string? ObjectId = null)
{
    /// <summary>How Graph addresses the user: the object id when known (stable across renames), else the UPN.</summary>
    public string GraphId => string.IsNullOrWhiteSpace(ObjectId) ? Upn : ObjectId;
}

/// <summary>One <c>{name}</c> placeholder of the activity type's <c>templateText</c> in the Teams app's manifest.</summary>
public sealed record TemplateParameter(string Name, string Value);

/// <summary>
/// An activity-feed notification to one owner about one action: the topic (plain text plus the link the click opens),
/// the activity type, the preview text (Teams shows 150 characters) and the template's placeholders.
/// </summary>
public sealed record OwnerNotification(
    TeamsRecipient Recipient,
    NotificationKind Kind,
    string ActionKey,
    string TopicText,
    Uri WebUrl,
    string PreviewText,
    IReadOnlyList<TemplateParameter> TemplateParameters)
{
    /// <summary>Teams shows this many characters of the preview text.</summary>
    public const int PreviewLength = 150;

    /// <summary>
    /// Graph's <c>chainId</c>: a later notification with the same chain replaces the earlier one in the feed, so a
    /// weekly "still overdue" does not pile up. Null: every notification stands alone.
    /// </summary>
    public long? ChainId { get; init; }

    /// <summary>
    /// The hub's standard notification about an action. Template parameters for the manifest's
    /// <c>templateText</c>: <c>actionRef</c>, <c>title</c> (at most 60 characters) and <c>dueDate</c> (<c>d MMM yyyy</c>).
    /// </summary>
    /// <param name="recipient">The owner.</param>
    /// <param name="kind">Due or overdue.</param>
    /// <param name="planId">The plan (Actions PartitionKey), for the chain id.</param>
    /// <param name="actionKey">The action's key (Actions RowKey).</param>
    /// <param name="actionRef">The action's id as printed in the plan (e.g. <c>3.2</c>).</param>
    /// <param name="title">The action's title.</param>
    /// <param name="dueDate">Its due date.</param>
    /// <param name="asOf">The run's as-of date (for "due in N days" / "N days overdue").</param>
    /// <param name="trackerItemUrl">The action's item in the SharePoint tracker (or a Teams deep link to it).</param>
    public static OwnerNotification ForAction(
        TeamsRecipient recipient,
        NotificationKind kind,
        string planId,
        string actionKey,
        string actionRef,
        string title,
        DateOnly dueDate,
        DateOnly asOf,
        Uri trackerItemUrl)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(trackerItemUrl);
        var due = dueDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var days = Math.Abs(dueDate.DayNumber - asOf.DayNumber);
        var when = kind == NotificationKind.Overdue
            ? $"overdue: it was due {due} ({days} {(days == 1 ? "day" : "days")} ago)"
            : days == 0 ? $"due today ({due})" : $"due {due} (in {days} {(days == 1 ? "day" : "days")})";
        var shortTitle = Shorten(OneLine(title), 60);
        var prefix = $"Action {OneLine(actionRef)}: ";
        var suffix = $" is {when}. Update its progress in the tracker.";
        var preview = prefix + Shorten(OneLine(title), Math.Max(20, PreviewLength - prefix.Length - suffix.Length)) + suffix;
        return new OwnerNotification(
            recipient,
            kind,
            actionKey,
            Shorten($"Action {OneLine(actionRef)}: {shortTitle}", 100),
            trackerItemUrl,
            Shorten(preview, PreviewLength),
            [new("actionRef", OneLine(actionRef)), new("title", shortTitle), new("dueDate", due)])
        {
            ChainId = ChainIdFor(planId, actionKey),
        };
    }

    /// <summary>A stable, positive 63-bit chain id per action (first 8 bytes of SHA-256 of <c>{planId}/{actionKey}</c>).</summary>
    public static long ChainIdFor(string planId, string actionKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{planId}/{actionKey}"));
        return (long)(BitConverter.ToUInt64(hash, 0) & long.MaxValue);
    }

    private static string OneLine(string? text) => Digest.CardText.OneLine(text);

    private static string Shorten(string text, int max) => Digest.CardText.Shorten(text, max);
}

/// <summary>Wire names of <see cref="NotificationKind"/>: the manifest's activity types and the outbox's Kind.</summary>
public static class NotificationKinds
{
    public const string Due = "due";
    public const string Overdue = "overdue";

    public static string WireName(this NotificationKind kind) => kind switch
    {
        NotificationKind.Due => Due,
        NotificationKind.Overdue => Overdue,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
