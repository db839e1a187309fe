using System.Collections.Frozen;
using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Exclusions;

/// <summary>
/// A CBDS exclusion reason code with its DfE description (docs/domain.md §Reasons). Up to three per exclusion since the autumn
/// 2020 census; <c>OT</c> ("other") was removed then and is accepted only for exclusions that started before
/// <see cref="OtherWithdrawnFrom"/>.
/// </summary>
public sealed record ExclusionReason
{
    /// <summary>Start of the autumn 2020 census term (terms per <see cref="Calendar.AcademicCalendar"/>).</summary>
    public static readonly DateOnly OtherWithdrawnFrom = new(2020, 8, 1);

    private static readonly ExclusionReason[] All =
    [
        new("PP", "Physical assault against a pupil"),
        new("PA", "Physical assault against an adult"),
        new("VP", "Verbal abuse/threatening behaviour against a pupil"),
        new("VA", "Verbal abuse/threatening behaviour against an adult"),
        new("OW", "Use or threat of use of an offensive weapon or prohibited item"),
        new("BU", "Bullying"),
        new("RA", "Racist abuse"),
        new("LG", "Abuse against sexual orientation and gender identity"),
        new("DS", "Abuse relating to disability"),
        new("SM", "Sexual misconduct"),
        new("DA", "Drug and alcohol related"),
        new("DM", "Damage"),
        new("TH", "Theft"),
        new("PD", "Persistent disruptive behaviour"),
        new("MT", "Inappropriate use of social media or online technology"),
        new("PH", "Wilful and repeated transgression of protective measures in place to protect public health"),
        new("OT", "Other"),
    ];

    private static readonly FrozenDictionary<string, ExclusionReason> ByCode =
        All.ToFrozenDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);

    // Descriptions in comparison form, plus wordings MIS products and older DfE tables use for the same reasons.
    private static readonly FrozenDictionary<string, ExclusionReason> ByDescription = All
        .Select(r => (Normalised.Of(r.Description), r))
        .Concat(
        [
            (Normalised.Of("Verbal abuse or threatening behaviour against a pupil"), ByCode["VP"]),
            (Normalised.Of("Verbal abuse or threatening behaviour against an adult"), ByCode["VA"]),
            (Normalised.Of("Damage to property"), ByCode["DM"]),
            (Normalised.Of("Drug and alcohol related incident"), ByCode["DA"]),
            (Normalised.Of("Abuse against sexual orientation and gender identity (e.g. LGBT+)"), ByCode["LG"]),
        ])
        .ToFrozenDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    private ExclusionReason(string code, string description)
    {
        Code = code;
        Description = description;
    }

    /// <summary>The two-letter CBDS code, e.g. <c>PD</c>.</summary>
    public string Code { get; }

    /// <summary>The DfE description, e.g. "Persistent disruptive behaviour".</summary>
    public string Description { get; }

    /// <summary>
    /// Reads a reason given as a CBDS code (<c>PD</c>), its DfE description ("Persistent disruptive behaviour"), or
    /// both as MIS reports print them ("PD - Persistent disruptive behaviour"), for an exclusion that started on
    /// <paramref name="startDate"/>.
    /// </summary>
    public static bool TryParse(string? text, DateOnly startDate, out ExclusionReason reason, out string error)
    {
        reason = null!;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = "Reason is missing.";
            return false;
        }

        if (!TryFind(trimmed, out var found))
        {
            error = "Reason is not a CBDS exclusion reason code or its DfE description.";
            return false;
        }

        if (found.Code == "OT" && startDate >= OtherWithdrawnFrom)
        {
            error = "Reason OT (other) was withdrawn from the autumn 2020 census; exclusions from 1 August 2020 need a specific reason.";
            return false;
        }

        reason = found;
        error = string.Empty;
        return true;
    }

    private static bool TryFind(string text, out ExclusionReason reason)
    {
        if (ByCode.TryGetValue(text, out reason!))
        {
            return true;
        }

        if (ByDescription.TryGetValue(Normalised.Of(text), out reason!))
        {
            return true;
        }

        // "PD - Persistent disruptive behaviour", "PD: Persistent…": the code wins only if the words agree with it.
        if (text.Length > 3 && !char.IsAsciiLetterOrDigit(text[2]) && ByCode.TryGetValue(text[..2], out var coded))
        {
            var rest = Normalised.Of(text[3..]);
            if (rest.Length == 0 || (ByDescription.TryGetValue(rest, out var described) && described == coded))
            {
                reason = coded;
                return true;
            }
        }

        reason = null!;
        return false;
    }
}
