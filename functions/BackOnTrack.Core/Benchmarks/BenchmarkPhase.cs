using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>The school phase of a DfE figure; the names are the phase part of a Benchmarks RowKey (docs/architecture.md §Storage).</summary>
public enum BenchmarkPhase
{
    /// <summary>DfE's "Total": state-funded primary, secondary and special schools together.</summary>
    All,
    Primary,
    Secondary,
    Special,

    /// <summary>State-funded alternative provision: pupil referral units, AP academies and free schools.</summary>
    AlternativeProvision,
}

/// <summary>Reads DfE's <c>education_phase</c> (or the older <c>school_type</c>).</summary>
public static class BenchmarkPhases
{
    /// <summary>
    /// "Total" → All; "Primary", "State-funded primary" → Primary; likewise Secondary and Special; "State-funded AP
    /// school", "Pupil referral unit", "PRU", "Alternative provision" → AlternativeProvision. Case and punctuation are
    /// ignored. Other school types (independent, non-maintained, placeholders) are not benchmarks: false.
    /// </summary>
    public static bool TryParse(string? text, out BenchmarkPhase phase)
    {
        switch (Normalised.Of(text))
        {
            case "total" or "allschools":
                phase = BenchmarkPhase.All;
                return true;
            case "primary" or "statefundedprimary":
                phase = BenchmarkPhase.Primary;
                return true;
            case "secondary" or "statefundedsecondary":
                phase = BenchmarkPhase.Secondary;
                return true;
            case "special" or "statefundedspecial":
                phase = BenchmarkPhase.Special;
                return true;
            case "statefundedapschool" or "statefundedap" or "apschool" or "ap" or "alternativeprovision" or "statefundedalternativeprovision"
                or "pupilreferralunit" or "pupilreferralunits" or "pru":
                phase = BenchmarkPhase.AlternativeProvision;
                return true;
            default:
                phase = default;
                return false;
        }
    }

    /// <summary>
    /// The phase of a file with no phase column, from its name: DfE's PRU and alternative provision files (e.g.
    /// <c>4_absence_2term_pru.csv</c>) hold only that phase; any other such file holds DfE's totals.
    /// </summary>
    public static BenchmarkPhase FromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var words = Path.GetFileNameWithoutExtension(fileName)
            .Split(['_', '-', ' ', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Select(Normalised.Of)
            .ToList();
        var joined = string.Concat(words);
        return words.Contains("pru") || words.Contains("ap") || joined.Contains("alternativeprovision", StringComparison.Ordinal)
               || joined.Contains("pupilreferralunit", StringComparison.Ordinal)
            ? BenchmarkPhase.AlternativeProvision
            : BenchmarkPhase.All;
    }
}
