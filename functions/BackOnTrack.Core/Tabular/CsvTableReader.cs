using System.Buffers;
using System.Text;
using System.Text.Unicode;
using static System.FormattableString;

namespace BackOnTrack.Core.Tabular;

/// <summary>
/// Reads CSV (RFC 4180 as spreadsheets write it) from a stream, one row at a time, in bounded memory.
/// </summary>
/// <remarks>
/// <para>Encoding: a UTF-8 BOM means UTF-8 (a UTF-16 BOM, UTF-16). Otherwise the file is read as ASCII until its first
/// non-ASCII byte; the block of up to 64 KB from there decides: if it is valid UTF-8 the file is UTF-8, if not it is
/// Windows-1252 (what Excel's "CSV" writes on UK Windows). Text before that point is ASCII and reads the same either
/// way, so nothing has to be re-read and the stream need not be seekable. A later invalid UTF-8 sequence in a file
/// judged UTF-8 becomes U+FFFD rather than failing the file.</para>
/// <para>Fields: comma-separated; a field in double quotes may hold commas, line breaks and doubled quotes (<c>""</c>);
/// a quote inside an unquoted field is kept as text. Lines end in CRLF, LF or CR. Blank lines are skipped but counted
/// in row numbers; short rows are padded by <see cref="TabularRow"/>'s indexer. Cells are trimmed.</para>
/// <para>UTF-16 without a BOM (what some exports write) is recognised by its pattern of zero bytes: every other byte
/// of ASCII text. Otherwise a NUL byte, or control characters making up more than 1% of the first block, mean binary
/// data, not text, and the file is unreadable; so is a quoted field still open at the end of the file.</para>
/// <para>Limits (<see cref="TabularLimits"/>): a cell longer than <see cref="TabularLimits.MaxCellChars"/> (often a
/// quote left open, which swallows the rest of the file), a row of more than <see cref="TabularLimits.MaxColumns"/>
/// cells, or more than <see cref="TabularLimits.MaxRows"/> rows make the file unreadable as soon as they are met, so
/// memory stays bounded by the limits, not by the file.</para>
/// </remarks>
internal sealed class CsvTableReader
{
    private const int BlockSize = 64 * 1024;
    private const string BinaryData = "The file holds binary data, not text: it is not a CSV file.";

    private static readonly Encoding Utf8Text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly TabularLimits _limits;
    private readonly StringPool _pool = new();
    private readonly byte[] _bytes = new byte[BlockSize];
    private readonly char[] _chars = new char[BlockSize + 4];
    private readonly List<string> _fields = [];
    private char[] _field = new char[256];
    private int _fieldLength;
    private int _byteCount;
    private bool _streamEnded;
    private bool _started;
    private bool _twoByteUnicode;
    private Decoder? _decoder;
    private int _charPos;
    private int _charLen;
    private int _line = 1;
    private int _recordLine = 1;
    private bool _inQuotes;

    private CsvTableReader(Stream stream, TabularLimits limits)
    {
        _stream = stream;
        _limits = limits;
    }

    /// <summary>Reads every non-blank row. The stream is read lazily and left open.</summary>
    public static IEnumerable<TabularRow> ReadRows(Stream stream, TabularLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        return new CsvTableReader(stream, limits).Rows();
    }

    private IEnumerable<TabularRow> Rows()
    {
        var rowNumber = 0;
        while (true)
        {
            var startLine = _line;
            var more = ReadRecord();
            if (!more && _fields.Count == 0)
            {
                yield break;
            }

            rowNumber++;
            if (rowNumber > _limits.MaxRows)
            {
                throw new UnreadableFileException(Invariant($"The file has more than {_limits.MaxRows:N0} rows, the most the hub reads from one file; split it."));
            }

            if (!IsBlank())
            {
                yield return new TabularRow(rowNumber, startLine, [.. _fields]);
            }

            if (!more)
            {
                yield break;
            }
        }
    }

    private bool IsBlank()
    {
        foreach (var field in _fields)
        {
            if (field.Length != 0)
            {
                return false;
            }
        }

        return true;
    }

    // Reads one record into _fields. Returns false when the input ended (the record may still hold fields).
    private bool ReadRecord()
    {
        _fields.Clear();
        _fieldLength = 0;
        var quoted = false;
        var afterClosingQuote = false;
        _inQuotes = false;
        _recordLine = _line;
        while (true)
        {
            if (_charPos == _charLen && !ReadChars())
            {
                if (_inQuotes)
                {
                    throw new UnreadableFileException($"A quoted field that starts on line {_recordLine} is never closed.");
                }

                if (quoted || _fieldLength > 0 || _fields.Count > 0)
                {
                    EndField();
                }

                return false;
            }

            var c = _chars[_charPos++];
            if (_inQuotes)
            {
                if (c == '"')
                {
                    _inQuotes = false;
                    afterClosingQuote = true;
                    continue;
                }

                CountLine(c);
                Append(c);
                continue;
            }

            switch (c)
            {
                case '"' when afterClosingQuote:
                    // A doubled quote inside a quoted field.
                    Append('"');
                    _inQuotes = true;
                    afterClosingQuote = false;
                    break;
                case '"' when !quoted && IsWhiteSpaceOnly():
                    quoted = true;
                    _inQuotes = true;
                    _fieldLength = 0;
                    break;
                case ',':
                    EndField();
                    quoted = false;
                    afterClosingQuote = false;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && PeekChar() == '\n')
                    {
                        _charPos++;
                    }

                    _line++;
                    EndField();
                    return true;
                default:
                    afterClosingQuote = false;
                    Append(c);
                    break;
            }
        }
    }

    private void CountLine(char c)
    {
        // A quoted CRLF is one line break; a lone CR or LF is one too.
        if (c == '\n' || (c == '\r' && PeekChar() != '\n'))
        {
            _line++;
        }
    }

    private bool IsWhiteSpaceOnly() => _field.AsSpan(0, _fieldLength).IsWhiteSpace();

    private int PeekChar()
    {
        if (_charPos == _charLen && !ReadChars())
        {
            return -1;
        }

        return _chars[_charPos];
    }

    private void Append(char c)
    {
        if (_fieldLength == _limits.MaxCellChars)
        {
            throw new UnreadableFileException(_inQuotes
                ? Invariant($"A quoted cell that starts on line {_recordLine} runs past {_limits.MaxCellChars:N0} characters: a quote is probably left open.")
                : Invariant($"A cell on line {_recordLine} is longer than {_limits.MaxCellChars:N0} characters, the most the hub reads."));
        }

        if (_fieldLength == _field.Length)
        {
            Array.Resize(ref _field, Math.Min(_field.Length * 2, _limits.MaxCellChars));
        }

        _field[_fieldLength++] = c;
    }

    private void EndField()
    {
        var text = _field.AsSpan(0, _fieldLength).Trim();
        _fieldLength = 0;
        if (_fields.Count == _limits.MaxColumns)
        {
            // Excel writes empty cells out to the edge of anything ever formatted; only text past the limit counts.
            if (text.IsEmpty)
            {
                return;
            }

            throw new UnreadableFileException(Invariant($"The row on line {_recordLine} has more than {_limits.MaxColumns:N0} cells, the most the hub reads."));
        }

        _fields.Add(_pool.Get(text));
    }

    // Refills _chars from the stream; false at the end of the input.
    private bool ReadChars()
    {
        while (true)
        {
            if (!_streamEnded && _byteCount < _bytes.Length)
            {
                var read = _stream.Read(_bytes, _byteCount, _bytes.Length - _byteCount);
                if (read == 0)
                {
                    _streamEnded = true;
                }

                _byteCount += read;

                // The encoding is judged on a full first block, however small the stream's reads.
                if (!_streamEnded && (_byteCount < 4 || (!_started && _byteCount < _bytes.Length)))
                {
                    continue;
                }
            }

            if (!_started)
            {
                _started = true;
                DetectEncoding();
            }

            if (!_twoByteUnicode && _bytes.AsSpan(0, _byteCount).Contains((byte)0))
            {
                throw new UnreadableFileException(BinaryData);
            }

            var bytesUsed = _decoder is null ? DecodeUndecided() : DecodeWith(_decoder);
            _bytes.AsSpan(bytesUsed, _byteCount - bytesUsed).CopyTo(_bytes);
            _byteCount -= bytesUsed;
            if (_charLen > 0)
            {
                return true;
            }

            if (_streamEnded && _byteCount == 0)
            {
                return false;
            }
        }
    }

    // Reads the first block's byte order mark, or failing that its pattern of bytes: UTF-16 without a mark, or binary.
    private void DetectEncoding()
    {
        var start = _bytes.AsSpan(0, _byteCount);
        var (encoding, length) = start switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Utf8Text, 3),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            _ => (Utf16WithoutMark(start), 0),
        };
        if (encoding is null)
        {
            if (LooksBinary(start))
            {
                throw new UnreadableFileException(BinaryData);
            }

            return;
        }

        _decoder = encoding.GetDecoder();
        _twoByteUnicode = encoding != Utf8Text;
        start[length..].CopyTo(_bytes);
        _byteCount -= length;
    }

    // ASCII text in UTF-16 has a zero in every other byte (odd positions little-endian, even big-endian) and none in
    // the others. Most of a school's file is ASCII, so a clear majority settles it; random binary has neither pattern.
    internal static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> block)
    {
        var pairs = Math.Min(block.Length, 4096) / 2;
        if (pairs < 2)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < pairs; i++)
        {
            evenZeros += block[2 * i] == 0 ? 1 : 0;
            oddZeros += block[(2 * i) + 1] == 0 ? 1 : 0;
        }

        bool Clear(int zeros, int others) => zeros * 10 >= pairs * 6 && others * 100 <= pairs;
        return Clear(oddZeros, evenZeros) ? Encoding.Unicode : Clear(evenZeros, oddZeros) ? Encoding.BigEndianUnicode : null;
    }

    // Text in any encoding the hub reads has no control characters but tab, line breaks and form feed; a stray one is
    // tolerated, a file full of them is not text.
    private static bool LooksBinary(ReadOnlySpan<byte> block)
    {
        var controls = 0;
        foreach (var b in block)
        {
            if (b is (< 0x20 and not (0x09 or 0x0A or 0x0C or 0x0D)) or 0x7F)
            {
                controls++;
            }
        }

        return controls > 8 && controls * 100 > block.Length;
    }

    private int DecodeWith(Decoder decoder)
    {
        decoder.Convert(_bytes, 0, _byteCount, _chars, 0, _chars.Length, _streamEnded, out var bytesUsed, out var charsUsed, out _);
        _charPos = 0;
        _charLen = charsUsed;
        return bytesUsed;
    }

    private int DecodeUndecided()
    {
        var block = _bytes.AsSpan(0, _byteCount);
        var firstNonAscii = block.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        var status = Utf8.ToUtf16(block, _chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false, isFinalBlock: _streamEnded);
        if (firstNonAscii >= 0 && status == OperationStatus.InvalidData)
        {
            var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
                ?? throw new InvalidOperationException("Windows-1252 is not available.");
            _decoder = windows1252.GetDecoder();
            return DecodeWith(_decoder);
        }

        if (firstNonAscii >= 0 && bytesRead > firstNonAscii)
        {
            // At least one non-ASCII sequence decoded cleanly and none failed: UTF-8 from here on.
            _decoder = Utf8Text.GetDecoder();
        }

        _charPos = 0;
        _charLen = charsWritten;
        return bytesRead;
    }
}
