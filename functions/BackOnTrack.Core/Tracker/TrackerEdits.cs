using System.Text.RegularExpressions;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Plans;

namespace BackOnTrack.Core.Tracker;

/// <summary>A field of an action people may edit in the tracker (docs/architecture.md §Microsoft 365: Status and LastNote belong to the owners).</summary>
public enum EditableField
{
    Status,
    LastNote,
}

/// <summary>An edit read back from the tracker, before it is judged.</summary>
/// <param name="Field">The field edited.</param>
/// <param name="Value">The value now in the tracker (null when cleared).</param>
public sealed record TrackerEdit(EditableField Field, string? Value);

/// <summary>What an edit comes to: the value to store, or why it is refused.</summary>
public sealed record EditVerdict(TrackerEdit Edit, string? StoredValue, string? Reason)
{
    public bool Accepted => Reason is null;
}

/// <summary>Judges edits people make in the tracker before they reach the Actions table.</summary>
public static partial class TrackerEdits
{
    public const int MaxNoteLength = 2000;

    public static EditVerdict Judge(TrackerEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return edit.Field switch
        {
            EditableField.Status => JudgeStatus(edit),
            _ => JudgeNote(edit),
        };
    }

    private static EditVerdict JudgeStatus(TrackerEdit edit)
    {
        if (string.IsNullOrWhiteSpace(edit.Value))
        {
            return new EditVerdict(edit, null, "A status cannot be cleared; choose Not started, In progress or Complete.");
        }

        return TrackerStatus.TryParse(edit.Value, out var status)
            ? new EditVerdict(edit, ActionValues.Status(status), null)
            : new EditVerdict(edit, null, $"'{Shorten(edit.Value)}' is not a status; choose Not started, In progress or Complete.");
    }

    private static EditVerdict JudgeNote(TrackerEdit edit)
    {
        var note = string.IsNullOrWhiteSpace(edit.Value) ? null : edit.Value.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            return new EditVerdict(edit, null, $"The note is {note.Length} characters; at most {MaxNoteLength} are kept.");
        }

        // The hub stores no clear UPN anywhere (docs/architecture.md §Storage); a note naming a pupil by UPN is refused, not stored.
        if (note is not null && UpnLike().Matches(note).Any(m => Upn.TryParse(m.Value, out _, out _)))
        {
            return new EditVerdict(edit with { Value = null }, null, "The note holds what looks like a pupil's UPN; notes must not identify pupils.");
        }

        return new EditVerdict(edit, note, null);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";

    [GeneratedRegex(@"\b[A-Za-z]\d{11}[A-Za-z0-9]\b")]
    private static partial Regex UpnLike();
}
