namespace BackOnTrack.Core.Tabular;

/// <summary>
/// Reuses one string instance for repeated short cell values (dates, codes, year groups, a pupil's UPN on each of
/// their rows), so reading a million-row file does not allocate a million copies of "AM". Bounded: once full it stops
/// adding and simply allocates.
/// </summary>
internal sealed class StringPool
{
    private const int MaxLength = 32;
    private const int MaxEntries = 16_384;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        if (text.Length > MaxLength)
        {
            return new string(text);
        }

        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = new string(text);
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(created);
        }

        return created;
    }
}
