using System.Globalization;
using Azure.Data.Tables;

namespace BackOnTrack.Storage;

/// <summary>
/// Numeric reads that accept any numeric Edm type the value came back as. The SDK's <c>GetInt32</c>/<c>GetDouble</c>
/// throw when the stored type differs (a whole Edm.Double written by another client reads back as a JSON integer, an
/// Int32 column may hold Int64 from an older writer); the stores read figures by meaning, as the old client did.
/// </summary>
public static class TableEntityReads
{
    /// <summary>The property as an <see cref="int"/> (an Int64 within range too); null when absent.</summary>
    /// <exception cref="InvalidCastException">It holds something else (a string, a double, an Int64 out of range).</exception>
    public static int? ReadInt32(this TableEntity entity, string name) => Value(entity, name) switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw WrongType(name, other, "Int32"),
    };

    /// <summary>The property as a <see cref="long"/> (an Int32 too); null when absent.</summary>
    public static long? ReadInt64(this TableEntity entity, string name) => Value(entity, name) switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw WrongType(name, other, "Int64"),
    };

    /// <summary>The property as a <see cref="double"/> (an Int32 or Int64 too); null when absent.</summary>
    public static double? ReadDouble(this TableEntity entity, string name) => Value(entity, name) switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw WrongType(name, other, "Double"),
    };

    private static object? Value(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.TryGetValue(name, out var value) ? value : null;
    }

    private static InvalidCastException WrongType(string name, object value, string wanted) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Property '{name}' holds {value.GetType().Name}, not {wanted}."));
}
