using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Ingest.Headers;

/// <summary>
/// Recognises columns that carry personal data the hub must never store (docs/architecture.md §Storage): names, date of birth, address
/// and contact details, and other pupil identifiers. Only unmatched columns are checked, so a schools register's
/// "Name" (the school's) is read, not dropped.
/// </summary>
internal static class PersonalData
{
    private static readonly string[] Exactly =
        ["name", "dob", "address", "postcode", "email", "phone", "telephone", "mobile", "uln", "adno", "admissionnumber", "candidatenumber"];

    private static readonly string[] Containing =
    [
        "forename", "surname", "firstname", "lastname", "middlename", "givenname", "familyname", "fullname",
        "preferredname", "legalname", "pupilname", "studentname", "childname", "dateofbirth", "birthdate", "address",
        "postcode", "email", "phone", "formerupn",
    ];

    public static bool IsPersonal(string heading)
    {
        var words = Normalised.Of(heading);
        return Exactly.Contains(words, StringComparer.Ordinal) || Containing.Any(part => words.Contains(part, StringComparison.Ordinal));
    }
}
