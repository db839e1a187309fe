namespace BackOnTrack.Core.Tabular;

/// <summary>Chooses the reader for an uploaded file from its first bytes, and its name only where the bytes cannot tell.</summary>
public static class TabularFile
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] EmptyZipSignature = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>
    /// Starts reading a file's rows. The format comes from the content: a zip is an XLSX workbook whatever its name; an
    /// OLE compound file (legacy <c>.xls</c>, or a password-protected workbook) is refused; anything else is read as
    /// CSV, unless the name ends in <c>.xlsx</c>/<c>.xlsm</c>, which content that is not a zip cannot be.
    /// Rows are read lazily; the stream stays open and belongs to the caller.
    /// </summary>
    /// <exception cref="UnreadableFileException">The file cannot be read as a table (also thrown while enumerating).</exception>
    public static (TabularFormat Format, IEnumerable<TabularRow> Rows) Open(Stream content, string fileName) =>
        Open(content, fileName, TabularLimits.Default);

    /// <summary>Starts reading a file's rows, as <see cref="Open(Stream, string)"/> does, within the given limits.</summary>
    /// <exception cref="UnreadableFileException">The file cannot be read as a table or breaks a limit (also thrown while enumerating).</exception>
    public static (TabularFormat Format, IEnumerable<TabularRow> Rows) Open(Stream content, string fileName, TabularLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        if (content.CanSeek && content.Length - content.Position > limits.MaxFileBytes)
        {
            throw TooLarge(limits);
        }

        var head = new byte[8];
        var headLength = ReadUpTo(content, head);
        var stream = Rewound(content, head.AsSpan(0, headLength), limits);
        var start = head.AsSpan(0, headLength);
        if (start.StartsWith(ZipSignature) || start.StartsWith(EmptyZipSignature))
        {
            return (TabularFormat.Xlsx, XlsxTableReader.ReadRows(stream, limits));
        }

        if (start.StartsWith(CompoundFileSignature))
        {
            throw new UnreadableFileException(
                "The file is a legacy Excel (.xls) or password-protected workbook; save it as .xlsx (without a password) or CSV.");
        }

        var extension = Path.GetExtension(fileName);
        if (extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsm", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnreadableFileException("The file is named as an XLSX workbook but is not one (it is not a zip package).");
        }

        return (TabularFormat.Csv, CsvTableReader.ReadRows(stream, limits));
    }

    private static UnreadableFileException TooLarge(TabularLimits limits) => new(limits.FileTooLargeReason());

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    // Puts the bytes already read back in front of the rest of the stream. A stream that cannot seek has no length to
    // check beforehand, so its size is checked as it is read.
    private static Stream Rewound(Stream stream, ReadOnlySpan<byte> head, TabularLimits limits)
    {
        if (stream.CanSeek)
        {
            stream.Seek(-head.Length, SeekOrigin.Current);
            return stream;
        }

        return new PrefixedStream(head.ToArray(), stream, limits);
    }

    private sealed class PrefixedStream(byte[] prefix, Stream rest, TabularLimits limits) : Stream
    {
        private int _position;
        private long _restRead;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            var read = rest.Read(buffer);
            _restRead += read;
            if (_restRead + prefix.Length > limits.MaxFileBytes)
            {
                throw TooLarge(limits);
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
