using System.Globalization;

namespace BackOnTrack.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions from interpolated strings, turning every interpolated value into a
/// correctly typed and escaped literal: <c>TableFilter.Of($"PartitionKey eq {pk} and Count gt {n}")</c>. Input is
/// never pasted into a filter as text.
/// </summary>
public static class TableFilter
{
    public static string Of(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    /// <summary>A filter for every row whose key starts with <paramref name="prefix"/> (a range on sortable strings).</summary>
    public static string PartitionAndRowKeyPrefix(string partitionKey, string prefix) =>
        Of($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix + '\uffff'}");

    /// <summary>Formats one value as an OData literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value), "Table filters cannot compare with null."),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => DoubleLiteral(d),
        DateTimeOffset d => "datetime'" + d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + "'",
        DateTime d => Literal(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime())),
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException($"Table filters cannot hold a {value.GetType().Name}.", nameof(value)),
    };

    // A whole double written as "2" would be read as Int32 and never equal an Edm.Double property.
    private static string DoubleLiteral(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("Table filters cannot compare with NaN or infinity.", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
