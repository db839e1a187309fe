using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>The geographic level of a DfE figure; the names are the level part of a Benchmarks RowKey (docs/architecture.md §Storage).</summary>
public enum BenchmarkLevel
{
    /// <summary>England as a whole (DfE's "National"); its name is always <c>England</c>.</summary>
    National,

    /// <summary>A region (DfE's "Regional", or "Region" in the 2017-era files).</summary>
    Region,

    /// <summary>A local authority.</summary>
    LA,
}

/// <summary>Reads DfE's <c>geographic_level</c> (or the 2017-era <c>level</c>).</summary>
public static class BenchmarkLevels
{
    /// <summary>
    /// "National" (also "NATIONAL"), "Regional" or "Region", "Local authority"; case and punctuation ignored. Other
    /// levels DfE publishes (schools, constituencies, …) are not benchmarks: false.
    /// </summary>
    public static bool TryParse(string? text, out BenchmarkLevel level)
    {
        switch (Normalised.Of(text))
        {
            case "national":
                level = BenchmarkLevel.National;
                return true;
            case "regional" or "region":
                level = BenchmarkLevel.Region;
                return true;
            case "localauthority" or "la":
                level = BenchmarkLevel.LA;
                return true;
            default:
                level = default;
                return false;
        }
    }
}
