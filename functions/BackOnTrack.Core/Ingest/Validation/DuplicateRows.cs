namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// Remembers, for each thing a file's rows describe, the first row that described it, so a repeat can name that row.
/// Keys are four integers (pupil and name indexes, day numbers, small codes): about 40 bytes per accepted row, the only
/// memory that grows with the file.
/// </summary>
internal sealed class DuplicateRows
{
    private readonly Dictionary<RowKey, int> _firstRows = [];
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<RegisterKey, int[]> _registers = [];

    /// <summary>Two sessions on each of up to 366 days.</summary>
    private const int SessionsPerYear = 366 * 2;

    /// <summary>A small integer for a name (a LAESTAB, a cohort), for use in keys.</summary>
    public int IndexOf(string name)
    {
        if (!_names.TryGetValue(name, out var index))
        {
            index = _names.Count;
            _names.Add(name, index);
        }

        return index;
    }

    /// <summary>Records the row as the first for its key, or returns false and the earlier row's number.</summary>
    /// <summary>
    /// Claims one pupil's session for <paramref name="rowNumber"/>. Marks are by far the largest files, so they are
    /// tracked in a compact register per pupil and year (two slots a day) rather than one hash entry per row: memory
    /// then grows with pupils, not with rows.
    /// </summary>
    public bool TryClaimSession(RegisterKey register, int dayOfYear, int session, int rowNumber, out int earlierRow)
    {
        if (!_registers.TryGetValue(register, out var rows))
        {
            rows = new int[SessionsPerYear];
            _registers.Add(register, rows);
        }

        var slot = (dayOfYear * 2) + session;
        earlierRow = rows[slot];
        if (earlierRow != 0)
        {
            return false;
        }

        rows[slot] = rowNumber;
        return true;
    }

    public bool TryClaim(RowKey key, int rowNumber, out int earlierRow)
    {
        if (_firstRows.TryGetValue(key, out earlierRow))
        {
            return false;
        }

        _firstRows.Add(key, rowNumber);
        return true;
    }
}

/// <summary>What a row describes, packed into integers.</summary>
internal readonly record struct RowKey(int A, int B, int C, int D);

/// <summary>A pupil's register at one school for one academic year: the first row that gave each session a mark.</summary>
internal readonly record struct RegisterKey(int Pupil, int School, int AcademicYearStart);
