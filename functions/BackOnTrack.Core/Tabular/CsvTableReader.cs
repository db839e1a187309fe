using System.Buffers;
using System.Text;
using System.Text.Unicode;

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
/// <para>A NUL byte (binary data, not text) or a quoted field still open at the end of the file makes the file
/// unreadable.</para>
/// </remarks>
internal sealed class CsvTableReader
{
    private const int BlockSize = 64 * 1024;

    private static readonly Encoding Utf8Text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
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

    private CsvTableReader(Stream stream) => _stream = stream;

    /// <summary>Reads every non-blank row. The stream is read lazily and left open.</summary>
    public static IEnumerable<TabularRow> ReadRows(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new CsvTableReader(stream).Rows();
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
        var inQuotes = false;
        var afterClosingQuote = false;
        var recordLine = _line;
        while (true)
        {
            if (_charPos == _charLen && !ReadChars())
            {
                if (inQuotes)
                {
                    throw new UnreadableFileException($"A quoted field that starts on line {recordLine} is never closed.");
                }

                if (quoted || _fieldLength > 0 || _fields.Count > 0)
                {
                    EndField();
                }

                return false;
            }

            var c = _chars[_charPos++];
            if (inQuotes)
            {
                if (c == '"')
                {
                    inQuotes = false;
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
                    inQuotes = true;
                    afterClosingQuote = false;
                    break;
                case '"' when !quoted && IsWhiteSpaceOnly():
                    quoted = true;
                    inQuotes = true;
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
        if (_fieldLength == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }

        _field[_fieldLength++] = c;
    }

    private void EndField()
    {
        _fields.Add(_pool.Get(_field.AsSpan(0, _fieldLength).Trim()));
        _fieldLength = 0;
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
                if (!_streamEnded && _byteCount < 4)
                {
                    continue;
                }
            }

            if (!_started)
            {
                _started = true;
                SkipByteOrderMark();
            }

            if (!_twoByteUnicode && _bytes.AsSpan(0, _byteCount).Contains((byte)0))
            {
                throw new UnreadableFileException("The file holds binary data, not text: it is not a CSV file.");
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

    private void SkipByteOrderMark()
    {
        var start = _bytes.AsSpan(0, _byteCount);
        var (encoding, length) = start switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Utf8Text, 3),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            _ => (null, 0),
        };
        if (encoding is null)
        {
            return;
        }

        _decoder = encoding.GetDecoder();
        _twoByteUnicode = length == 2;
        start[length..].CopyTo(_bytes);
        _byteCount -= length;
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
