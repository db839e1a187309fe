using System.Buffers;
using System.Text.Json;
using Azure.Data.Tables;

namespace BackOnTrack.Storage.Backup;

/// <summary>
/// Entities as JSON lines with their Edm types annotated (the service's own wire format), for exports: reading a line
/// back gives an entity whose every property has the type it was stored with (Int64, DateTime, Double, Boolean,
/// Guid, Binary as well as String and Int32). The service-managed Timestamp and ETag are not written.
/// </summary>
public static class TableEntityLines
{
    /// <summary>The entity as one line of UTF-8 JSON, without the line break.</summary>
    public static byte[] ToLine(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TableEntityJson.Write(writer, entity);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a line written by <see cref="ToLine"/>.</summary>
    /// <exception cref="JsonException">The line is not an entity.</exception>
    public static TableEntity FromLine(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        using var document = JsonDocument.ParseValue(ref reader);
        return TableEntityJson.Read(document.RootElement);
    }

    /// <summary>Writes entities to <paramref name="output"/>, one per line; returns how many.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<TableEntity> entities, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(output);
        long count = 0;
        var buffer = new ArrayBufferWriter<byte>();
        await foreach (var entity in entities.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                TableEntityJson.Write(json, entity);
            }

            buffer.Write("\n"u8);
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
