using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Exclusions;

/// <summary>The census exclusion categories (docs/domain.md §Categories).</summary>
public enum ExclusionCategory
{
    /// <summary><c>PERM</c>: removed from the school roll; has no length.</summary>
    Permanent,

    /// <summary><c>FIXD</c>: a suspension (formerly "fixed-period exclusion"), at most 90 sessions.</summary>
    Suspension,

    /// <summary><c>LNCH</c>: a lunchtime exclusion.</summary>
    Lunchtime,
}

/// <summary>Census codes and the words schools use for <see cref="ExclusionCategory"/>.</summary>
public static class ExclusionCategories
{
    /// <summary><c>PERM</c>, <c>FIXD</c> or <c>LNCH</c>.</summary>
    public static string ToCode(this ExclusionCategory category) => category switch
    {
        ExclusionCategory.Permanent => "PERM",
        ExclusionCategory.Suspension => "FIXD",
        ExclusionCategory.Lunchtime => "LNCH",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not an exclusion category."),
    };

    /// <summary>
    /// Parses the census codes and the words of docs/architecture.md §Inputs: PERM/Permanent, FIXD/Fixed/Fixed Term/Fixed Period/Suspension,
    /// LNCH/Lunchtime (case, spaces and punctuation ignored; a trailing "exclusion" is allowed).
    /// </summary>
    public static bool TryParse(string? text, out ExclusionCategory category)
    {
        var words = Normalised.Of(text);
        if (words.EndsWith("exclusion", StringComparison.Ordinal) && words.Length > "exclusion".Length)
        {
            words = words[..^"exclusion".Length];
        }

        switch (words)
        {
            case "perm" or "permanent":
                category = ExclusionCategory.Permanent;
                return true;
            case "fixd" or "fixed" or "fixedterm" or "fixedperiod" or "suspension" or "suspended":
                category = ExclusionCategory.Suspension;
                return true;
            case "lnch" or "lunchtime" or "lunch":
                category = ExclusionCategory.Lunchtime;
                return true;
            default:
                category = default;
                return false;
        }
    }
}
