using BackOnTrack.Core.Tabular;
using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>Where each field is in a DfE file's header row, and the scheme those headings make.</summary>
internal sealed class BenchmarkColumns
{
    private static readonly string[] OldExclusionHeadings = ["fixedexcl", "fixedexclrate", "oneplusfixed", "oneplusfixedrate", "oneormorefixedexclrate"];
    private static readonly string[] DailyAttendanceHeadings = ["possiblesessions", "overallabsence", "overallabsenceperc", "paperc"];

    private readonly int[] _counts = new int[Enum.GetValues<BenchmarkCount>().Length];
    private readonly int[] _rates = new int[Enum.GetValues<BenchmarkRate>().Length];

    private BenchmarkColumns(TabularRow header)
    {
        Header = header;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            positions.TryAdd(Normalised.Of(header[i]), i);
        }

        int Find(IEnumerable<string> headings) => headings.Select(h => positions.GetValueOrDefault(h, -1)).FirstOrDefault(p => p >= 0, -1);

        Year = Find(["timeperiod", "year"]);
        TimeIdentifier = Find(["timeidentifier", "term"]);
        Level = Find(["geographiclevel", "level"]);
        RegionName = Find(["regionname"]);
        LaName = Find(["laname"]);
        Phase = Find(["educationphase", "schooltype"]);
        foreach (var count in Enum.GetValues<BenchmarkCount>())
        {
            _counts[(int)count] = Find(BenchmarkMeasures.Headings(count));
        }

        foreach (var rate in Enum.GetValues<BenchmarkRate>())
        {
            _rates[(int)rate] = Find(BenchmarkMeasures.Headings(rate));
        }

        // Headcount alone says nothing: both families have a denominator column.
        var measures = Enum.GetValues<BenchmarkCount>().Where(c => c != BenchmarkCount.Headcount && Has(c))
            .Concat(Enum.GetValues<BenchmarkRate>().Where(Has).Select(r => r.Terms().Count))
            .ToList();
        var hasExclusions = measures.Exists(BenchmarkMeasures.IsExclusion);
        var hasAbsence = measures.Exists(c => !c.IsExclusion());
        Scheme = hasExclusions
            ? OldExclusionHeadings.Any(positions.ContainsKey) ? BenchmarkScheme.ExclusionsOld : BenchmarkScheme.ExclusionsCurrent
            : hasAbsence
                ? DailyAttendanceHeadings.Any(positions.ContainsKey) ? BenchmarkScheme.DailyAttendance : BenchmarkScheme.Absence
                : null;
    }

    public TabularRow Header { get; }

    /// <summary>The scheme, or null when the row has no measure the hub keeps (so it is not a header).</summary>
    public BenchmarkScheme? Scheme { get; }

    public int Year { get; }
    public int TimeIdentifier { get; }
    public int Level { get; }
    public int RegionName { get; }
    public int LaName { get; }
    public int Phase { get; }

    /// <summary>A header: a year column and at least one measure.</summary>
    public bool IsHeader => Year >= 0 && Scheme is not null;

    public bool Has(BenchmarkCount count) => _counts[(int)count] >= 0;

    public bool Has(BenchmarkRate rate) => _rates[(int)rate] >= 0;

    public int Column(BenchmarkCount count) => _counts[(int)count];

    public int Column(BenchmarkRate rate) => _rates[(int)rate];

    /// <summary>The heading of a column as the file has it.</summary>
    public string Heading(int column) => Header[column];

    /// <summary>Headings of the columns not read.</summary>
    public IReadOnlyList<string> Ignored()
    {
        var used = new HashSet<int>([Year, TimeIdentifier, Level, RegionName, LaName, Phase, .. _counts, .. _rates]);
        return [.. Enumerable.Range(0, Header.Count).Where(i => !used.Contains(i) && Header[i].Length > 0).Select(i => Header[i])];
    }

    public static BenchmarkColumns Of(TabularRow row) => new(row);
}
