namespace BackOnTrack.Core.Tracker;

/// <summary>A list's columns as the hub names them, mapped to the internal names its SharePoint list uses.</summary>
public sealed class ColumnMap
{
    private readonly Dictionary<string, string> _internalByName;
    private readonly Dictionary<string, string> _nameByInternal;

    private ColumnMap(TrackerListDefinition list, Dictionary<string, string> internalByName)
    {
        List = list;
        _internalByName = internalByName;
        _nameByInternal = internalByName.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    public TrackerListDefinition List { get; }

    /// <summary>The columns as provisioning creates them: internal name = the hub's name.</summary>
    public static ColumnMap AsProvisioned(TrackerListDefinition list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new ColumnMap(list, list.Columns.ToDictionary(c => c.Name, c => c.Name, StringComparer.Ordinal));
    }

    /// <summary>
    /// Maps each of the hub's columns to a column of the list: by display name (ignoring case and spaces), else by
    /// internal name. A column found neither way stops the sync: <see cref="TrackerColumnsMissingException"/> names it.
    /// </summary>
    /// <param name="list">The hub's definition of the list.</param>
    /// <param name="columns">The list's columns as SharePoint reports them: internal name and display name.</param>
    public static ColumnMap Resolve(TrackerListDefinition list, IEnumerable<(string Name, string? DisplayName)> columns)
    {
        ArgumentNullException.ThrowIfNull(list);
        var present = columns.ToList();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var column in list.Columns)
        {
            var found = present.FirstOrDefault(p => Same(p.DisplayName, column.DisplayName)).Name
                        ?? present.FirstOrDefault(p => string.Equals(p.Name, column.Name, StringComparison.Ordinal)).Name;
            if (found is null)
            {
                missing.Add(column.DisplayName);
            }
            else
            {
                map[column.Name] = found;
            }
        }

        return missing.Count == 0 ? new ColumnMap(list, map) : throw new TrackerColumnsMissingException(list.DisplayName, missing);
    }

    public string InternalName(string name) => _internalByName[name];

    /// <summary>The hub's name for a list column; false for columns the hub does not keep.</summary>
    public bool TryName(string internalName, out string name) => _nameByInternal.TryGetValue(internalName, out name!);

    private static bool Same(string? a, string b) =>
        a is not null && string.Equals(a.Replace(" ", "", StringComparison.Ordinal), b.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}

/// <summary>A tracker list lacks columns the hub writes: nothing is synced until they are added (provision-lists does).</summary>
public sealed class TrackerColumnsMissingException : Exception
{
    public TrackerColumnsMissingException()
    {
    }

    public TrackerColumnsMissingException(string message)
        : base(message)
    {
    }

    public TrackerColumnsMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrackerColumnsMissingException(string list, IReadOnlyList<string> missing)
        : base($"The SharePoint list '{list}' has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; nothing was synced. Run provision-lists to add it, or restore its name.")
    {
        Missing = missing;
    }

    public IReadOnlyList<string> Missing { get; } = [];
}
