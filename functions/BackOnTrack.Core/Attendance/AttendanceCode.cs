using System.Collections.Frozen;

namespace BackOnTrack.Core.Attendance;

/// <summary>
/// A register code with its meaning and statistical category, as it applied on the date of the session it was
/// recorded for (docs/domain.md §Codes). The 2024 regulations changed the code set from
/// <see cref="CurrentSetFrom"/>: codes read for earlier sessions use the earlier set, where, for example, <c>J</c>
/// (interview) was approved educational activity and <c>H</c> (agreed holiday) was authorised absence.
/// </summary>
public sealed record AttendanceCode
{
    /// <summary>
    /// The School Attendance (Pupil Registration) (England) Regulations 2024 became statutory on 19 August 2024.
    /// Using that date rather than 1 August is harmless either way (schools are closed in between) and is the date
    /// the law gives.
    /// </summary>
    public static readonly DateOnly CurrentSetFrom = new(2024, 8, 19);

    private const string CurrentSetFromText = "19 August 2024";

    private static readonly FrozenDictionary<string, AttendanceCode> Current = Table(
        ("/", "Present (AM)", AttendanceCategory.Present),
        ("\\", "Present (PM)", AttendanceCategory.Present),
        ("L", "Late, arrived before the register closed", AttendanceCategory.Present),
        ("K", "Attending education provision arranged by the local authority", AttendanceCategory.ApprovedEducationalActivity),
        ("V", "Attending an educational visit or trip", AttendanceCategory.ApprovedEducationalActivity),
        ("P", "Participating in a supervised sporting activity", AttendanceCategory.ApprovedEducationalActivity),
        ("W", "Attending work experience", AttendanceCategory.ApprovedEducationalActivity),
        ("B", "Attending any other approved educational activity", AttendanceCategory.ApprovedEducationalActivity),
        ("D", "Dual registered, attending the other school", AttendanceCategory.NotPossibleSession),
        ("C1", "Leave for a regulated performance or regulated employment abroad", AttendanceCategory.AuthorisedAbsence),
        ("M", "Leave for a medical or dental appointment", AttendanceCategory.AuthorisedAbsence),
        ("J1", "Leave for an interview", AttendanceCategory.AuthorisedAbsence),
        ("S", "Study leave", AttendanceCategory.AuthorisedAbsence),
        ("X", "Below compulsory school age, not required to attend", AttendanceCategory.NotPossibleSession),
        ("C2", "Leave for a part-time timetable", AttendanceCategory.AuthorisedAbsence),
        ("C", "Leave for exceptional circumstances", AttendanceCategory.AuthorisedAbsence),
        ("T", "Parent travelling for occupational purposes", AttendanceCategory.AuthorisedAbsence),
        ("R", "Religious observance", AttendanceCategory.AuthorisedAbsence),
        ("I", "Illness", AttendanceCategory.AuthorisedAbsence),
        ("E", "Suspended or permanently excluded, no alternative provision", AttendanceCategory.AuthorisedAbsence),
        ("Q", "Unable to attend: local authority has not made access arrangements", AttendanceCategory.NotPossibleSession),
        ("Y1", "Unable to attend: transport not available", AttendanceCategory.NotPossibleSession),
        ("Y2", "Unable to attend: widespread travel disruption", AttendanceCategory.NotPossibleSession),
        ("Y3", "Unable to attend: part of the school premises closed", AttendanceCategory.NotPossibleSession),
        ("Y4", "Unable to attend: whole school site unexpectedly closed", AttendanceCategory.NotPossibleSession),
        ("Y5", "Unable to attend: in criminal justice detention", AttendanceCategory.NotPossibleSession),
        ("Y6", "Unable to attend: public health guidance or law", AttendanceCategory.NotPossibleSession),
        ("Y7", "Unable to attend: any other unavoidable cause", AttendanceCategory.NotPossibleSession),
        ("G", "Holiday not granted by the school", AttendanceCategory.UnauthorisedAbsence),
        ("N", "Reason not yet established", AttendanceCategory.UnauthorisedAbsence),
        ("O", "Absent in other or unknown circumstances", AttendanceCategory.UnauthorisedAbsence),
        ("U", "Arrived after the register closed", AttendanceCategory.UnauthorisedAbsence),
        ("Z", "Prospective pupil not on the admission register", AttendanceCategory.NotPossibleSession),
        ("#", "Planned whole-school closure", AttendanceCategory.NotPossibleSession));

    private static readonly FrozenDictionary<string, AttendanceCode> BeforeCurrentSet = Table(
        ("/", "Present (AM)", AttendanceCategory.Present),
        ("\\", "Present (PM)", AttendanceCategory.Present),
        ("L", "Late, arrived before the register closed", AttendanceCategory.Present),
        ("B", "Educated off site (not dual registration)", AttendanceCategory.ApprovedEducationalActivity),
        ("J", "At an interview", AttendanceCategory.ApprovedEducationalActivity),
        ("P", "Approved sporting activity", AttendanceCategory.ApprovedEducationalActivity),
        ("V", "Educational visit or trip", AttendanceCategory.ApprovedEducationalActivity),
        ("W", "Work experience", AttendanceCategory.ApprovedEducationalActivity),
        ("C", "Other authorised circumstances", AttendanceCategory.AuthorisedAbsence),
        ("E", "Excluded, no alternative provision", AttendanceCategory.AuthorisedAbsence),
        ("F", "Agreed extended family holiday", AttendanceCategory.AuthorisedAbsence),
        ("H", "Agreed family holiday", AttendanceCategory.AuthorisedAbsence),
        ("I", "Illness", AttendanceCategory.AuthorisedAbsence),
        ("M", "Medical or dental appointment", AttendanceCategory.AuthorisedAbsence),
        ("R", "Religious observance", AttendanceCategory.AuthorisedAbsence),
        ("S", "Study leave", AttendanceCategory.AuthorisedAbsence),
        ("T", "Gypsy, Roma and Traveller absence", AttendanceCategory.AuthorisedAbsence),
        ("G", "Holiday not agreed", AttendanceCategory.UnauthorisedAbsence),
        ("N", "No reason yet provided", AttendanceCategory.UnauthorisedAbsence),
        ("O", "Other unauthorised absence", AttendanceCategory.UnauthorisedAbsence),
        ("U", "Arrived after the register closed", AttendanceCategory.UnauthorisedAbsence),
        ("D", "Dual registered, attending the other school", AttendanceCategory.NotPossibleSession),
        // In 2020/21 and 2021/22 X also meant "not attending in circumstances relating to coronavirus". DfE kept those
        // sessions in possible sessions without counting them as absence; the hub treats X as not possible in every
        // year, so its absence rates for those two years agree with DfE's but its possible sessions can be lower.
        ("X", "Non-compulsory school age absence", AttendanceCategory.NotPossibleSession),
        ("Y", "Unable to attend due to exceptional circumstances", AttendanceCategory.NotPossibleSession),
        ("Z", "Pupil not on roll", AttendanceCategory.NotPossibleSession),
        ("#", "Planned whole or partial school closure", AttendanceCategory.NotPossibleSession));

    // What a school should use instead of a code withdrawn by the 2024 regulations.
    private static readonly FrozenDictionary<string, string> Withdrawn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["H"] = "C",
        ["F"] = "C",
        ["J"] = "J1",
        ["Y"] = "Y1–Y7",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private AttendanceCode(string code, string meaning, AttendanceCategory category)
    {
        Code = code;
        Meaning = meaning;
        Category = category;
    }

    /// <summary>The code as the register holds it, upper-case (<c>/</c>, <c>L</c>, <c>Y3</c>, …).</summary>
    public string Code { get; }

    /// <summary>What the code meant on the session's date, paraphrasing the regulations.</summary>
    public string Meaning { get; }

    /// <summary>How the session counts in attendance statistics.</summary>
    public AttendanceCategory Category { get; }

    /// <summary>True for present and approved educational activity sessions.</summary>
    public bool CountsAsAttendance => Category is AttendanceCategory.Present or AttendanceCategory.ApprovedEducationalActivity;

    /// <summary>True unless the code is outside possible sessions.</summary>
    public bool IsPossibleSession => Category != AttendanceCategory.NotPossibleSession;

    /// <summary>
    /// Reads a register mark for a session on <paramref name="sessionDate"/>: trimmed, any case, against the code set
    /// in force that day. Rejects <c>-</c> (no mark entered), codes of the other set and unknown or school-specific
    /// codes; the reason names only codes from the statutory lists, never the text that was read.
    /// </summary>
    public static bool TryParse(string? mark, DateOnly sessionDate, out AttendanceCode code, out string reason)
    {
        code = null!;
        var trimmed = mark.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            reason = "Mark is missing.";
            return false;
        }

        if (trimmed is "-")
        {
            reason = "No mark was entered ('-'); a finished register needs a code.";
            return false;
        }

        Span<char> upper = stackalloc char[Math.Min(trimmed.Length, 4)];
        if (trimmed.Length > upper.Length)
        {
            reason = "Mark is not an attendance code.";
            return false;
        }

        trimmed.ToUpperInvariant(upper);
        var current = sessionDate >= CurrentSetFrom;
        var codes = (current ? Current : BeforeCurrentSet).GetAlternateLookup<ReadOnlySpan<char>>();
        if (codes.TryGetValue(upper, out var found))
        {
            code = found;
            reason = string.Empty;
            return true;
        }

        if (current && Withdrawn.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(upper, out var replacement))
        {
            reason = $"Code {upper} was withdrawn on {CurrentSetFromText}; sessions from then use {replacement}.";
        }
        else if (!current && Current.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(upper, out var newer))
        {
            reason = $"Code {newer.Code} was introduced on {CurrentSetFromText} and cannot be used for an earlier session.";
        }
        else
        {
            reason = "Mark is not a statutory attendance code (school-specific codes must be mapped to one before upload).";
        }

        return false;
    }

    private static FrozenDictionary<string, AttendanceCode> Table(params (string Code, string Meaning, AttendanceCategory Category)[] rows) =>
        rows.ToFrozenDictionary(r => r.Code, r => new AttendanceCode(r.Code, r.Meaning, r.Category), StringComparer.Ordinal);
}
