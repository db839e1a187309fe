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
