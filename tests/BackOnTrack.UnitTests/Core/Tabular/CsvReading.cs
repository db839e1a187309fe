using System.Text;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.UnitTests.Core.Tabular;

public class CsvReading
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static List<TabularRow> Read(byte[] bytes, bool seekable = true)
    {
        Stream stream = seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes);
        var (format, rows) = TabularFile.Open(stream, "upload.csv");
        Assert.Equal(TabularFormat.Csv, format);
        return rows.ToList();
    }

    private static List<TabularRow> Read(string text) => Read(new UTF8Encoding(false).GetBytes(text));

    [Fact]
    public void SplitsRowsAndFieldsAndTrimsCells()
    {
        var rows = Read("UPN,NCYear\r\n A1 , 7 \r\nB2,8");

        Assert.Equal(["UPN", "NCYear"], rows[0].Cells);
        Assert.Equal(["A1", "7"], rows[1].Cells);
        Assert.Equal(["B2", "8"], rows[2].Cells);
    }

    [Fact]
    public void ReadsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks()
    {
        var rows = Read("Name,Note\n\"Smith, J\",\"He said \"\"no\"\"\"\n\"Line one\r\nline two\",x\n");

        Assert.Equal(3, rows.Count);
        Assert.Equal("Smith, J", rows[1][0]);
        Assert.Equal("He said \"no\"", rows[1][1]);
        Assert.Equal("Line one\r\nline two", rows[2][0]);
        Assert.Equal("x", rows[2][1]);
    }

    [Fact]
    public void NumbersRowsAsASpreadsheetWouldAndLinesAsTheFileHasThem()
    {
        var rows = Read("h1,h2\n\"a\nb\",1\n\nc,2\n");

        Assert.Equal([1, 2, 4], rows.Select(r => r.RowNumber));
        Assert.Equal([1, 2, 5], rows.Select(r => r.LineNumber));
    }

    [Fact]
    public void SkipsBlankLinesAndRowsOfEmptyFields()
    {
        var rows = Read("a,b\n\n , \n,,\nc,d\n\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal("c", rows[1][0]);
        Assert.Equal(5, rows[1].RowNumber);
    }

    [Fact]
    public void KeepsRaggedRowsAndGivesEmptyCellsBeyondTheirEnd()
    {
        var rows = Read("a,b,c\n1\n1,2,3,4\n");

        Assert.Equal(1, rows[1].Count);
        Assert.Equal(string.Empty, rows[1][2]);
        Assert.Equal("4", rows[2][3]);
    }

    [Fact]
    public void AcceptsLfCrLfAndBareCrLineEnds()
    {
        var rows = Read("a\rb\nc\r\nd");

        Assert.Equal(["a", "b", "c", "d"], rows.Select(r => r[0]));
    }

    [Fact]
    public void SkipsTheUtf8ByteOrderMark()
    {
        var rows = Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("UPN,Name\nx,Zoë\n")]);

        Assert.Equal("UPN", rows[0][0]);
        Assert.Equal("Zoë", rows[1][1]);
    }

    [Fact]
    public void ReadsUtf8WithoutAByteOrderMark()
    {
        var rows = Read(Encoding.UTF8.GetBytes("School,Fee\nSt Chloé's,£5\n"));

        Assert.Equal("St Chloé's", rows[1][0]);
        Assert.Equal("£5", rows[1][1]);
    }

    [Fact]
    public void ReadsWindows1252WhenTheBytesAreNotUtf8()
    {
        var rows = Read(Windows1252.GetBytes("School,Fee\nSt Chloé's,£5 – “quoted”\n"));

        Assert.Equal("St Chloé's", rows[1][0]);
        Assert.Equal("£5 – “quoted”", rows[1][1]);
    }

    [Fact]
    public void DecidesTheEncodingAtTheFirstNonAsciiByteEvenFarIntoTheFile()
    {
        var ascii = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"row{i},x\n"));
        var bytes = Windows1252.GetBytes(ascii + "Zoë,£\n");

        var rows = Read(bytes, seekable: false);

        Assert.Equal(20_001, rows.Count);
        Assert.Equal("Zoë", rows[^1][0]);
        Assert.Equal("£", rows[^1][1]);
    }

    [Fact]
    public void ReadsAUtf8CharacterSplitAcrossReadBlocks()
    {
        // 65,535 ASCII bytes put the two bytes of "é" either side of the 64 KB block boundary.
        var lines = string.Concat(Enumerable.Repeat(new string('a', 1_000) + "\n", 65));
        var last = new string('b', 65_535 - 2 - lines.Length);
        var bytes = Encoding.UTF8.GetBytes($"h\n{lines}{last}é\n");

        var rows = Read(bytes, seekable: false);

        Assert.Equal(last + "é", rows[^1][0]);
    }

    [Fact]
    public void ReadsAUtf16FileWithItsByteOrderMark()
    {
        var rows = Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a,b\nZoë,2\n")]);

        Assert.Equal("Zoë", rows[1][0]);
    }

    [Fact]
    public void KeepsAQuoteInsideAnUnquotedFieldAsText()
    {
        var rows = Read("a,b\n5\" ruler,x\n");

        Assert.Equal("5\" ruler", rows[1][0]);
    }

    [Fact]
    public void RejectsAQuotedFieldThatNeverCloses()
    {
        var ex = Assert.Throws<UnreadableFileException>(() => Read("a,b\n1,\"open\n2,3\n"));

        Assert.Equal("A quoted field that starts on line 2 is never closed.", ex.Message);
    }

    [Fact]
    public void RejectsBinaryGarbage()
    {
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251)).ToArray();

        var ex = Assert.Throws<UnreadableFileException>(() => Read(garbage));

        Assert.Contains("binary data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsLazilySoALargeFileIsNeverHeldWhole()
    {
        var stream = new EndlessCsvStream();
        var (_, rows) = TabularFile.Open(stream, "big.csv");

        var first = rows.Take(3).ToList();

        Assert.Equal("0", first[2][0]);
        Assert.True(stream.BytesRead < 1_000_000, $"read {stream.BytesRead} bytes for three rows");
    }

    /// <summary>A stream that cannot seek, like a blob download.</summary>
    internal sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        // Hands out small, uneven reads, as network streams do.
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1000)]);
    }

    private sealed class EndlessCsvStream : Stream
    {
        private static readonly byte[] Header = "n,x\nheader-ish,1\n"u8.ToArray();
        private long _row;
        private int _headerPos;
        private byte[] _pending = [];
        private int _pendingPos;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count)
            {
                if (_headerPos < Header.Length)
                {
                    buffer[offset + written++] = Header[_headerPos++];
                    continue;
                }

                if (_pendingPos == _pending.Length)
                {
                    _pending = Encoding.ASCII.GetBytes($"{_row++},padding-padding-padding\n");
                    _pendingPos = 0;
                }

                buffer[offset + written++] = _pending[_pendingPos++];
            }

            BytesRead += written;
            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
