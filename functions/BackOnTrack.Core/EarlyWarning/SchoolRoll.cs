using System.Globalization;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.EarlyWarning;

/// <summary>One UPN of a school's roll and where it was: its line in a CSV file, or its 1-based position in a JSON array.</summary>
public readonly record struct RollEntry(int Line, Upn Upn);

/// <summary>What is wrong with a roll: a line (0 for the roll as a whole) and why, never repeating the value sent.</summary>
public sealed record RollProblem(int Line, string Problem);

/// <summary>
/// A school's roll as it posts it to check its pupils' early warnings: the UPNs, each once, with the line it came from,
/// and what was wrong line by line. A roll with any problem is answered with the problems only, so a school fixes its
/// file and sends it again rather than reading a partial answer as a complete one.
/// </summary>
public sealed class SchoolRoll
{
    /// <summary>The most UPNs one request checks: the roll of the largest secondary schools (about 3,000) with room to spare.</summary>
    public const int MaxPupils = 5_000;

    private static readonly string[] UpnHeaders = ["UPN", "Unique Pupil Number", "Pupil UPN"];

    private SchoolRoll(IReadOnlyList<RollEntry> pupils, IReadOnlyList<RollProblem> problems)
    {
        Pupils = pupils;
        Problems = problems;
    }

    /// <summary>The roll's UPNs, first occurrence of each (a UPN listed twice is checked once).</summary>
    public IReadOnlyList<RollEntry> Pupils { get; }

    public IReadOnlyList<RollProblem> Problems { get; }

    public bool IsValid => Problems.Count == 0;

    /// <summary>A roll posted as a JSON array of UPNs: position n (1-based) is line n.</summary>
    public static SchoolRoll FromList(IReadOnlyList<string?>? upns)
    {
        if (upns is null)
        {
            return Invalid("Send the roll as a JSON object {\"upns\": [\"A123…\", …]} or as a CSV file with a UPN column.");
        }

        return From(upns.Select((text, index) => (Line: index + 1, Text: text)), upns.Count);
    }

    /// <summary>
    /// A roll posted as a CSV (or XLSX) file: the first row names the columns, one of them <c>UPN</c> (or <c>Unique Pupil
    /// Number</c>); the other columns are ignored and never read further.
    /// </summary>
    public static SchoolRoll FromFile(Stream content, string fileName = "roll.csv")
    {
        ArgumentNullException.ThrowIfNull(content);
        var limits = TabularLimits.Default with { MaxRows = 2 * MaxPupils, MaxFileBytes = 5L * 1024 * 1024 };
        try
        {
            var (_, rows) = TabularFile.Open(content, fileName, limits);
            using var enumerator = rows.GetEnumerator();
            if (!enumerator.MoveNext())
            {
                return Invalid("The roll is empty.");
            }

            var header = enumerator.Current;
            var column = Enumerable.Range(0, header.Count).FirstOrDefault(i => UpnHeaders.Contains(header[i].Trim(), StringComparer.OrdinalIgnoreCase), -1);
            if (column < 0)
            {
                return new SchoolRoll([], [new RollProblem(header.LineNumber, "The first row names no UPN column (a column headed UPN is needed).")]);
            }

            var lines = new List<(int Line, string? Text)>();
            while (enumerator.MoveNext())
            {
                if (lines.Count == MaxPupils)
                {
                    return Invalid(TooMany(null));
                }

                lines.Add((enumerator.Current.LineNumber, enumerator.Current[column]));
            }

            return From(lines, lines.Count);
        }
        catch (UnreadableFileException ex)
        {
            return Invalid(ex.Message);
        }
    }

    private static SchoolRoll From(IEnumerable<(int Line, string? Text)> lines, int count)
    {
        if (count == 0)
        {
            return Invalid("The roll is empty.");
        }

        if (count > MaxPupils)
        {
            return Invalid(TooMany(count));
        }

        var pupils = new List<RollEntry>(count);
        var problems = new List<RollProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, text) in lines)
        {
            if (!Upn.TryParse(text, out var upn, out var reason))
            {
                problems.Add(new RollProblem(line, reason));
            }
            else if (seen.Add(upn.Value))
            {
                pupils.Add(new RollEntry(line, upn));
            }
        }

        return new SchoolRoll(problems.Count == 0 ? pupils : [], problems);
    }

    private static string TooMany(int? count) => count is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"The roll has {n:N0} UPNs; at most {MaxPupils:N0} are checked in one request.")
        : string.Create(CultureInfo.InvariantCulture, $"The roll has more than {MaxPupils:N0} UPNs; at most {MaxPupils:N0} are checked in one request.");

    private static SchoolRoll Invalid(string problem) => new([], [new RollProblem(0, problem)]);
}
