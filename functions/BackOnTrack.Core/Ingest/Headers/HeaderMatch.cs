using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Tabular;
using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Ingest.Headers;

/// <summary>A wide layout's session column.</summary>
internal readonly record struct SessionColumn(int Column, string Heading, DateOnly Date, Session Session);

/// <summary>How one candidate header row maps onto one kind's columns.</summary>
internal sealed class HeaderMatch
{
    private readonly Dictionary<Field, int> _columns = [];
    private readonly TabularRow _row;

    private HeaderMatch(KindSchema schema, TabularRow row)
    {
        Schema = schema;
        _row = row;
    }

    public KindSchema Schema { get; }

    /// <summary>The header's row number in the file.</summary>
    public int RowNumber => _row.RowNumber;

    public List<SessionColumn> SessionColumns { get; } = [];

    /// <summary>Headings of personal-data columns, which are never read.</summary>
    public List<string> PersonalColumns { get; } = [];

    /// <summary>Headings of other columns this kind does not read.</summary>
    public List<string> IgnoredColumns { get; } = [];

    /// <summary>A heading problem that makes the file unreadable for this kind (two columns for one field).</summary>
    public string? Conflict { get; private set; }

    public IReadOnlyList<Field> MissingRequired => Schema.Required.Where(f => !_columns.ContainsKey(f)).ToList();

    public bool IsComplete => MissingRequired.Count == 0 && (!Schema.NeedsSessionColumns || SessionColumns.Count > 0);

    /// <summary>How much of the row this kind explains; the best-explained kind wins.</summary>
    public int Score => _columns.Count + (SessionColumns.Count > 0 ? 1 : 0);

    public int RequiredFound => Schema.Required.Count(_columns.ContainsKey);

    public static HeaderMatch Of(KindSchema schema, TabularRow row)
    {
        var match = new HeaderMatch(schema, row);
        var fields = schema.Required.Concat(schema.Optional).ToList();
        for (var column = 0; column < row.Count; column++)
        {
            var heading = row[column];
            if (heading.Length == 0)
            {
                continue;
            }

            var words = Normalised.Of(heading);
            var field = fields.FindIndex(f => FieldAliases.Matches(f, words));
            if (field >= 0)
            {
                if (!match._columns.TryAdd(fields[field], column))
                {
                    match.Conflict ??=
                        $"Columns '{row[match._columns[fields[field]]]}' and '{heading}' both read as {FieldAliases.CanonicalHeading(fields[field])}; keep one of them.";
                }
            }
            else if (schema.NeedsSessionColumns && SessionHeading.TryParse(heading, out var date, out var session))
            {
                match.SessionColumns.Add(new SessionColumn(column, heading, date, session));
            }
            else if (PersonalData.IsPersonal(heading))
            {
                match.PersonalColumns.Add(heading);
            }
            else
            {
                match.IgnoredColumns.Add(heading);
            }
        }

        return match;
    }

    /// <summary>The 0-based column of a field, or -1 when the file does not have it (a row's indexer then gives "").</summary>
    public int ColumnOf(Field field) => _columns.GetValueOrDefault(field, -1);

    /// <summary>True when the kind reads the column (one of its fields, or a session column of the wide layout).</summary>
    public bool Reads(int column) => _columns.ContainsValue(column) || SessionColumns.Exists(s => s.Column == column);

    /// <summary>The file's heading of a 0-based column.</summary>
    public string HeadingOf(int column) => _row[column];

    /// <summary>The file's heading for a field, or its canonical heading when the file lacks the column.</summary>
    public string HeadingOf(Field field) =>
        _columns.TryGetValue(field, out var column) ? _row[column] : FieldAliases.CanonicalHeading(field);
}
