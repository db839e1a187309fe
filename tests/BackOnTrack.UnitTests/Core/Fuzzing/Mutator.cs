using System.IO.Compression;
using System.Text;

namespace BackOnTrack.UnitTests.Core.Fuzzing;

/// <summary>
/// Makes broken variants of a valid file from a seeded <see cref="Random"/>: bit flips, truncation, duplicated and
/// deleted slices, inserted quotes, delimiters, line breaks, NULs, byte order marks and formula starts, and huge runs
/// of one byte. A workbook is mutated either as raw zip bytes or inside one of its XML parts, then zipped again.
/// </summary>
internal sealed class Mutator(Random random)
{
    private static readonly byte[][] Tokens =
    [
        "\""u8.ToArray(), ","u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), "\"\""u8.ToArray(), [0], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE],
        [0xC3], [0xE2, 0x82], "="u8.ToArray(), "<"u8.ToArray(), "</c>"u8.ToArray(), "<f>1+1</f>"u8.ToArray(), "&#0;"u8.ToArray(),
        "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>"u8.ToArray(),
    ];

    private static readonly byte[] RunBytes = [(byte)'"', (byte)',', (byte)'\n', 0, (byte)'a', (byte)' ', 0xFF, (byte)'<'];

    /// <summary>What was done, for the failure message.</summary>
    public List<string> Steps { get; } = [];

    public byte[] Mutate(byte[] original, bool isPackage)
    {
        if (isPackage && random.Next(2) == 0)
        {
            return MutateInsidePackage(original);
        }

        var bytes = original.ToList();
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            MutateOnce(bytes);
        }

        return [.. bytes];
    }

    private byte[] MutateInsidePackage(byte[] package)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries[random.Next(zip.Entries.Count)];
            var name = entry.FullName;
            List<byte> content;
            using (var read = entry.Open())
            using (var copy = new MemoryStream())
            {
                read.CopyTo(copy);
                content = [.. copy.ToArray()];
            }

            Steps.Add($"inside {name}:");
            var count = 1 + random.Next(3);
            for (var i = 0; i < count; i++)
            {
                MutateOnce(content);
            }

            entry.Delete();
            using var write = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            write.Write([.. content]);
        }

        return stream.ToArray();
    }

    private void MutateOnce(List<byte> bytes)
    {
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
        switch (random.Next(8))
        {
            case 0 when bytes.Count > 0:
                var flips = 1 + random.Next(8);
                for (var i = 0; i < flips; i++)
                {
                    var position = random.Next(bytes.Count);
                    bytes[position] ^= (byte)(1 << random.Next(8));
                }

                Steps.Add($"flip {flips} bits");
                break;
            case 1:
                bytes.RemoveRange(Math.Min(at, bytes.Count), bytes.Count - Math.Min(at, bytes.Count));
                Steps.Add($"truncate at {at}");
                break;
            case 2 when bytes.Count > 0:
                var start = random.Next(bytes.Count);
                var slice = bytes.GetRange(start, Math.Min(bytes.Count - start, 1 + random.Next(512)));
                var times = 1 + random.Next(random.Next(2) == 0 ? 4 : 2_000);
                var copies = new byte[slice.Count * times];
                for (var i = 0; i < times; i++)
                {
                    slice.CopyTo(copies, i * slice.Count);
                }

                bytes.InsertRange(at, copies);

                Steps.Add($"duplicate {slice.Count} bytes {times}x at {at}");
                break;
            case 3 when bytes.Count > 0:
                var from = random.Next(bytes.Count);
                var length = Math.Min(bytes.Count - from, 1 + random.Next(256));
                bytes.RemoveRange(from, length);
                Steps.Add($"delete {length} at {from}");
                break;
            case 4 or 5:
                var token = Tokens[random.Next(Tokens.Length)];
                bytes.InsertRange(at, token);
                Steps.Add($"insert '{Encoding.Latin1.GetString(token).Replace("\n", "\\n", StringComparison.Ordinal)}' at {at}");
                break;
            case 6:
                var run = RunBytes[random.Next(RunBytes.Length)];
                var runLength = random.Next(4) == 0 ? 1_000 + random.Next(200_000) : 1 + random.Next(100);
                var runBytes = new byte[runLength];
                Array.Fill(runBytes, run);
                bytes.InsertRange(at, runBytes);
                Steps.Add($"insert {runLength} x 0x{run:X2} at {at}");
                break;
            default:
                var overwrite = Math.Min(bytes.Count - Math.Min(at, bytes.Count), 1 + random.Next(16));
                for (var i = 0; i < overwrite; i++)
                {
                    bytes[at + i] = (byte)random.Next(256);
                }

                Steps.Add($"overwrite {overwrite} bytes at {at}");
                break;
        }
    }
}
