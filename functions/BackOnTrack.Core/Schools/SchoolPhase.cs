using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Schools;

/// <summary>A school's phase as the metrics split it (docs/architecture.md §Storage); the names are the table values.</summary>
public enum SchoolPhase
{
    Primary,
    Secondary,
    Special,
    AlternativeProvision,
}

/// <summary>Reads a school's phase from a census phase code or the words GIAS and schools use.</summary>
public static class SchoolPhases
{
    /// <summary>
    /// Census codes (docs/architecture.md §Storage): PS, MP, NS → Primary; SS, MS, AT → Secondary; SP → Special; PR → AlternativeProvision.
    /// Words: GIAS phases ("Nursery", "Middle deemed primary", "All-through"; "16 plus" is not a phase here),
    /// "Infant", "Junior", "Special", "Pupil referral unit", "Alternative provision", "AP", "PRU". Case, spaces and
    /// punctuation are ignored.
    /// </summary>
    public static bool TryParse(string? text, out SchoolPhase phase)
    {
        switch (Normalised.Of(text))
        {
            case "ps" or "mp" or "ns" or "primary" or "nursery" or "infant" or "junior" or "infantandjunior" or "first"
                or "middledeemedprimary" or "primaryschool":
                phase = SchoolPhase.Primary;
                return true;
            case "ss" or "ms" or "at" or "secondary" or "middledeemedsecondary" or "allthrough" or "secondaryschool":
                phase = SchoolPhase.Secondary;
                return true;
            case "sp" or "special" or "specialschool":
                phase = SchoolPhase.Special;
                return true;
            case "pr" or "pru" or "ap" or "alternativeprovision" or "pupilreferralunit" or "alternativeprovisionpru":
                phase = SchoolPhase.AlternativeProvision;
                return true;
            default:
                phase = default;
                return false;
        }
    }
}
