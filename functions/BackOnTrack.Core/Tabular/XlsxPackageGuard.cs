using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using static System.FormattableString;

namespace BackOnTrack.Core.Tabular;

/// <summary>
/// Checks an XLSX package before the Open XML SDK touches it: not a zip bomb, and no macros.
/// </summary>
/// <remarks>
/// <para>A zip's sizes are claims. The entry count and central directory size are read from the end-of-central-directory
/// record, and the directory's headers are counted by walking them (a count the end record understates is caught too),
/// before the directory is parsed, so a directory of millions of entries is never loaded; then the
/// uncompressed sizes the directory declares are summed against <see cref="TabularLimits.MaxXlsxUncompressedBytes"/>.
/// A header that understates a part's size gains nothing: .NET's zip reader stops inflating an entry at the size its
/// directory entry declares (pinned by a unit test), so the part reads as truncated, corrupt XML and the workbook is
/// refused; no part is ever inflated past what was summed here.</para>
/// <para>Macros: a workbook with a VBA project, Excel 4 macro sheets or ActiveX controls is refused. The hub would
/// never run them, but the raw file is kept in storage and opened by people, and no school export writes them.</para>
/// </remarks>
internal static class XlsxPackageGuard
{
    // Generous for a central directory entry: 46 fixed bytes plus a name and extra fields.
    private const int DirectoryBytesPerEntry = 1024;
    private const int EndRecordLength = 22;
    private const uint EndRecordSignature = 0x06054B50;
    private const int DirectoryHeaderLength = 46;
    private const uint DirectoryHeaderSignature = 0x02014B50;

    private static readonly string[] MacroParts = ["vbaproject.bin", "vbaprojectsignature.bin", "xl/macrosheets/", "xl/activex/", "vbadata.xml"];

    public static void Check(Stream seekable, TabularLimits limits)
    {
        var tooManyParts = Invariant($"The workbook has more than {limits.MaxXlsxEntries:N0} parts, the most the hub opens: it is not an ordinary spreadsheet.");
        if (ReadEndRecord(seekable) is var (entries, directoryBytes, directoryOffset)
            && (entries > limits.MaxXlsxEntries
                || directoryBytes > (long)limits.MaxXlsxEntries * DirectoryBytesPerEntry
                || DirectoryHasMoreThan(seekable, directoryOffset, limits.MaxXlsxEntries)))
        {
            throw new UnreadableFileException(tooManyParts);
        }

        seekable.Position = 0;
        using (var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true))
        {
            if (zip.Entries.Count > limits.MaxXlsxEntries)
            {
                throw new UnreadableFileException(tooManyParts);
            }

            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                if (IsMacroPart(entry.FullName))
                {
                    throw new UnreadableFileException(Macros);
                }

                declared += entry.Length;
            }

            if (declared > limits.MaxXlsxUncompressedBytes)
            {
                throw new UnreadableFileException(
                    Invariant($"The workbook expands to more than {limits.MaxXlsxUncompressedBytes / (1024.0 * 1024):0.##} MB when unzipped, the most the hub opens."));
            }
        }

        seekable.Position = 0;
    }

    /// <summary>The report's words for a macro-enabled workbook.</summary>
    public const string Macros =
        "The workbook contains macros (VBA, macro sheets or ActiveX controls), which the hub does not accept: save it as an ordinary .xlsx workbook (Excel Workbook, not Macro-Enabled) or as CSV.";

    private static bool IsMacroPart(string name)
    {
        foreach (var part in MacroParts)
        {
            if (part.EndsWith('/') ? name.StartsWith(part, StringComparison.OrdinalIgnoreCase) : name.EndsWith(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Walks the central directory's file headers, reading only their fixed part, and stops at the first one past max.
    private static bool DirectoryHasMoreThan(Stream stream, long offset, int max)
    {
        Span<byte> header = stackalloc byte[DirectoryHeaderLength];
        stream.Position = offset;
        for (var count = 0; stream.Length - stream.Position >= DirectoryHeaderLength; count++)
        {
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != DirectoryHeaderSignature)
            {
                return false;
            }

            if (count == max)
            {
                return true;
            }

            // The name, extra field and comment follow the fixed part.
            stream.Position += BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[30..])
                + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
        }

        return false;
    }

    // The end-of-central-directory record: the last 22 bytes, or earlier when a comment (up to 64 KB) follows it.
    // Returns the total entry count, the central directory's size and its offset; null when there is no such record
    // (ZipArchive then reports the package as corrupt).
    private static (int Entries, long DirectoryBytes, long DirectoryOffset)? ReadEndRecord(Stream stream)
    {
        var length = stream.Length;
        var tail = (int)Math.Min(length, EndRecordLength + ushort.MaxValue);
        if (tail < EndRecordLength)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(tail);
        try
        {
            stream.Position = length - tail;
            stream.ReadExactly(buffer, 0, tail);
            for (var at = tail - EndRecordLength; at >= 0; at--)
            {
                var record = buffer.AsSpan(at, EndRecordLength);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record) == EndRecordSignature)
                {
                    return (BinaryPrimitives.ReadUInt16LittleEndian(record[10..]), BinaryPrimitives.ReadUInt32LittleEndian(record[12..]),
                        BinaryPrimitives.ReadUInt32LittleEndian(record[16..]));
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
