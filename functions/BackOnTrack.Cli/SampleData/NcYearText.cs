using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Cli.SampleData;

/// <summary>How a sample file writes NC years: each MIS has its habit (all of them read as docs/architecture.md §Inputs says).</summary>
internal static class NcYearText
{
    /// <summary><c>R</c>, <c>7</c>.</summary>
    public static string Plain(NcYear year) => year.Code;

    /// <summary><c>YR</c>, <c>Y7</c>.</summary>
    public static string Prefixed(NcYear year) => "Y" + year.Code;

    /// <summary><c>Reception</c>, <c>Year 7</c>.</summary>
    public static string Words(NcYear year) =>
        year == NcYear.Reception ? "Reception" : "Year " + year.Code;

    /// <summary>A number cell (reception as <c>R</c>), as a workbook holds year groups.</summary>
    public static object Number(NcYear year) =>
        year == NcYear.Reception ? year.Code : SamplePupil.YearNumber(year);
}
