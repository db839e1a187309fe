using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>
/// Area names compared as docs/architecture.md §Storage asks: case, spaces and punctuation ignored, because DfE spells some names more
/// than one way ("Yorkshire and the Humber" and "Yorkshire and The Humber").
/// </summary>
public static class BenchmarkNames
{
    /// <summary>True when both name the same area (and neither is blank).</summary>
    public static bool Same(string? first, string? second)
    {
        var comparable = Comparable(first);
        return comparable.Length > 0 && comparable == Comparable(second);
    }

    /// <summary>The form names are compared in: ASCII letters and digits, lower-case.</summary>
    public static string Comparable(string? name) => Normalised.Of(name);
}
