using BackOnTrack.Core.Ingest.Records;

namespace BackOnTrack.Core.Ingest;

/// <summary>What became of one row: a normalised record, or the reasons it was rejected.</summary>
public readonly record struct RowOutcome
{
    private RowOutcome(int rowNumber, DropRecord? record, IReadOnlyList<RowError> errors)
    {
        RowNumber = rowNumber;
        Record = record;
        Errors = errors;
    }

    /// <summary>The row's number as a spreadsheet shows it (see <see cref="Tabular.TabularRow.RowNumber"/>).</summary>
    public int RowNumber { get; }

    /// <summary>The normalised record; null when rejected.</summary>
    public DropRecord? Record { get; }

    /// <summary>Every problem found in the row; empty when accepted.</summary>
    public IReadOnlyList<RowError> Errors { get; }

    public bool IsAccepted => Record is not null;

    public static RowOutcome Accepted(int rowNumber, DropRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RowOutcome(rowNumber, record, []);
    }

    public static RowOutcome Rejected(int rowNumber, IReadOnlyList<RowError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A rejected row needs at least one error.", nameof(errors));
        }

        return new RowOutcome(rowNumber, null, errors);
    }
}
