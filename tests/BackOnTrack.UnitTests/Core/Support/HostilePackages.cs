using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace BackOnTrack.UnitTests.Core.Support;

/// <summary>Turns a valid XLSX package into a hostile one, in memory: extra parts, padding that inflates hugely, lying headers.</summary>
internal static class HostilePackages
{
    /// <summary>The package with one more part.</summary>
    public static byte[] WithEntry(byte[] package, string name, byte[] content) =>
        Updated(package, zip =>
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            stream.Write(content);
        });

    /// <summary>The package with <paramref name="count"/> more (empty) parts.</summary>
    public static byte[] WithEntries(byte[] package, int count) =>
        Updated(package, zip =>
        {
            for (var i = 0; i < count; i++)
            {
                zip.CreateEntry($"xl/media/image{i}.png", CompressionLevel.NoCompression).Open().Dispose();
            }
        });

    /// <summary>The package with a part of <paramref name="bytes"/> zeros: a zip bomb, since zeros deflate about 1000 to 1.</summary>
    public static byte[] WithZeros(byte[] package, string name, long bytes) =>
        Updated(package, zip =>
        {
            zip.GetEntry(name)?.Delete();
            using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            var zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.Length)
            {
                stream.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
            }
        });

    /// <summary>The package with a part's text edited (e.g. its content type made macro-enabled).</summary>
    public static byte[] WithTextReplaced(byte[] package, string name, string old, string replacement) =>
        Updated(package, zip =>
        {
            var entry = zip.GetEntry(name)!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(text.Replace(old, replacement, StringComparison.Ordinal));
        });

    /// <summary>
    /// The package with the uncompressed size of one part rewritten in both its local header and the central directory,
    /// as a crafted zip bomb does to slip past a check of the declared sizes.
    /// </summary>
    public static byte[] ClaimingSize(byte[] package, string name, uint claimed)
    {
        var bytes = (byte[])package.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var patched = 0;
        for (var at = 0; at < bytes.Length - 46; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            if (signature == 0x02014B50 && bytes.AsSpan(at + 46).StartsWith(nameBytes) && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28)) == nameBytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), claimed);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 42));
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), claimed);
                patched++;
            }
        }

        Assert.Equal(1, patched);
        return bytes;
    }

    /// <summary>The package with its end-of-central-directory record claiming <paramref name="count"/> entries and a tiny directory.</summary>
    public static byte[] ClaimingEntryCount(byte[] package, ushort count)
    {
        var bytes = (byte[])package.Clone();
        var end = bytes.AsSpan().LastIndexOf([(byte)0x50, (byte)0x4B, (byte)0x05, (byte)0x06]);
        Assert.True(end >= 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(end + 8), count);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(end + 10), count);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(end + 12), (uint)count * 46);
        return bytes;
    }

    private static byte[] Updated(byte[] package, Action<ZipArchive> change)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            change(zip);
        }

        return stream.ToArray();
    }
}
