using System.Collections;
using System.Globalization;
using Azure;

namespace BackOnTrack.Storage.Tables;

/// <summary>
/// A table entity: PartitionKey, RowKey and typed properties. Values keep their Edm type across a round trip:
/// <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="DateTimeOffset"/> (also accepts <see cref="DateTime"/>), <see cref="Guid"/> and <see cref="byte"/>[].
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }
    public string RowKey { get; }

    /// <summary>The entity's version as read from the service; <see cref="ETag.All"/>-free default when never read.</summary>
    public ETag ETag { get; set; }

    /// <summary>Service-managed last-modified time; not sent back on writes.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public int Count => _properties.Count;

    /// <summary>Gets or sets a property; setting null removes it (Table storage has no null values).</summary>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            _properties[name] = Normalise(name, value);
        }
    }

    public bool ContainsKey(string name) => _properties.ContainsKey(name);

    public string? GetString(string name) => this[name] switch
    {
        null => null,
        string s => s,
        var other => throw WrongType(name, other, "String"),
    };

    public int? GetInt32(string name) => this[name] switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw WrongType(name, other, "Int32"),
    };

    public long? GetInt64(string name) => this[name] switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw WrongType(name, other, "Int64"),
    };

    public double? GetDouble(string name) => this[name] switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw WrongType(name, other, "Double"),
    };

    public bool? GetBoolean(string name) => this[name] switch
    {
        null => null,
        bool b => b,
        var other => throw WrongType(name, other, "Boolean"),
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] switch
    {
        null => null,
        DateTimeOffset d => d,
        var other => throw WrongType(name, other, "DateTime"),
    };

    public Guid? GetGuid(string name) => this[name] switch
    {
        null => null,
        Guid g => g,
        var other => throw WrongType(name, other, "Guid"),
    };

    public byte[]? GetBinary(string name) => this[name] switch
    {
        null => null,
        byte[] b => b,
        var other => throw WrongType(name, other, "Binary"),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static object Normalise(string name, object value) => value switch
    {
        string or int or long or double or bool or Guid or byte[] => value,
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()),
        float f => (double)f,
        short or byte => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        _ => throw new ArgumentException($"Property '{name}' has type {value.GetType().Name}, which Table storage cannot hold.", nameof(value)),
    };

    private static InvalidCastException WrongType(string name, object value, string wanted) =>
        new($"Property '{name}' holds {value.GetType().Name}, not {wanted}.");
}
