using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// The pupils met in one file: each UPN is validated and hashed once, however many rows it has, and given a small
/// index that duplicate detection uses instead of the key. Holds clear UPNs in memory only while the file is read.
/// </summary>
internal sealed class PupilDirectory : IDisposable
{
    private readonly Pseudonymiser _pseudonymiser;
    private readonly Dictionary<string, int> _byCellText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byUpn = new(StringComparer.Ordinal);
    private readonly List<PupilKey> _keys = [];

    public PupilDirectory(IReadOnlyList<byte[]> keys) => _pseudonymiser = new Pseudonymiser(keys);

    public bool TryGet(string cellText, out PupilKey key, out int index, out string reason)
    {
        if (_byCellText.TryGetValue(cellText, out index))
        {
            key = _keys[index];
            reason = string.Empty;
            return true;
        }

        if (!Upn.TryParse(cellText, out var upn, out reason))
        {
            key = default;
            return false;
        }

        if (!_byUpn.TryGetValue(upn.Value, out index))
        {
            index = _keys.Count;
            _keys.Add(_pseudonymiser.KeyFor(upn));
            _byUpn.Add(upn.Value, index);
        }

        _byCellText[cellText] = index;
        key = _keys[index];
        return true;
    }

    public void Dispose() => _pseudonymiser.Dispose();
}
