using System.Text;
using System.Text.RegularExpressions;

namespace BackOnTrack.ContractTests.Infra;

/// <summary>A string literal in a Bicep file: where it starts (its opening quote) and its text between the quotes, with
/// interpolations kept as written (<c>${queue}-poison</c>).</summary>
public sealed record BicepString(int Start, string Value)
{
    public bool IsPlain => !Value.Contains("${", StringComparison.Ordinal);
}

/// <summary>A Bicep file read well enough for structural checks (the Bicep CLI cannot run here). <see cref="Code"/> is the
/// text with comments and string contents blanked to spaces, at the same offsets, so braces, keys and identifiers are
/// found without being fooled by a comment or a string; interpolations (<c>${...}</c>) stay in the code.</summary>
public sealed partial class BicepFile
{
    private BicepFile(string path, string text, string code, IReadOnlyList<BicepString> strings)
    {
        Path = path;
        Text = text;
        Code = code;
        Strings = strings;
    }

    public string Path { get; }
    public string Text { get; }
    public string Code { get; }
    public IReadOnlyList<BicepString> Strings { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public static BicepFile Read(string path)
    {
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var scanner = new Scanner(text);
        scanner.ScanCode(stopAtClosingBrace: false);
        return new BicepFile(path, text, scanner.Code.ToString(), scanner.Strings);
    }

    /// <summary>Declared parameters, with whether each has a default value.</summary>
    public IReadOnlyList<(string Name, bool HasDefault, int At)> Parameters() =>
        ParamDeclaration().Matches(Code)
            .Select(m => (m.Groups[1].Value, LineRest(m.Index + m.Length).Contains('=', StringComparison.Ordinal), m.Groups[1].Index))
            .ToList();

    /// <summary><c>param x = …</c> assignments of a .bicepparam file.</summary>
    public IReadOnlyList<string> ParameterAssignments() =>
        ParamDeclaration().Matches(Code).Select(m => m.Groups[1].Value).ToList();

    /// <summary>How often an identifier is used as a value: not where it is declared, not as an object key, not after a dot.</summary>
    public int Uses(string identifier) =>
        Regex.Matches(Code, $@"(?<![\w.$@?]){Regex.Escape(identifier)}(?!\w)")
            .Count(m => !IsDeclaration(m.Index) && !IsObjectKey(m.Index, identifier.Length));

    public IEnumerable<(string Symbol, string Path, int At)> Modules() =>
        ModuleDeclaration().Matches(Code).Select(m => (m.Groups[1].Value, StringAt(m.Index + m.Length - 1).Value, m.Index));

    public IEnumerable<(string Symbol, string Type, int At)> Resources() =>
        ResourceDeclaration().Matches(Code).Select(m => (m.Groups[1].Value, StringAt(m.Index + m.Length - 1).Value, m.Index));

    /// <summary>The <c>using '…'</c> target of a .bicepparam file.</summary>
    public string? UsingTarget()
    {
        var match = UsingDeclaration().Match(Code);
        return match.Success ? StringAt(match.Index + match.Length - 1).Value : null;
    }

    /// <summary>The balanced <c>{…}</c> block that starts at the first brace after <paramref name="from"/>, as an offset range.</summary>
    public (int Start, int End) BlockAfter(int from)
    {
        var start = Code.IndexOf('{', from);
        if (start < 0)
        {
            throw new InvalidOperationException($"{Name}: no block after offset {from}.");
        }

        var depth = 0;
        for (var i = start; i < Code.Length; i++)
        {
            depth += Code[i] switch { '{' or '[' or '(' => 1, '}' or ']' or ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return (start, i + 1);
            }
        }

        throw new InvalidOperationException($"{Name}: the block at offset {start} is not closed.");
    }

    /// <summary>The keys of an object block's own properties (depth 1), each with the raw text after its colon on that line.</summary>
    public IReadOnlyList<(string Key, string Value, int At)> ObjectProperties((int Start, int End) block)
    {
        var properties = new List<(string, string, int)>();
        var depth = 0;
        var lineStart = true;
        for (var i = block.Start; i < block.End; i++)
        {
            var c = Code[i];
            if (depth == 1 && lineStart && !char.IsWhiteSpace(c))
            {
                var key = ObjectKey().Match(Code, i);
                if (key.Success && key.Index == i)
                {
                    var name = key.Groups[1].Value.StartsWith('\'') ? StringAt(i).Value : key.Groups[1].Value;
                    // The value's own text on this line, without a trailing comment (blank in Code).
                    var valueStart = i + key.Length;
                    var valueEnd = valueStart + Code[valueStart..LineEnd(valueStart)].TrimEnd().Length;
                    properties.Add((name, Text[valueStart..valueEnd].Trim(), i));
                }
            }

            if (c == '\n')
            {
                lineStart = true;
                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                lineStart = false;
            }

            depth += c switch { '{' or '[' or '(' => 1, '}' or ']' or ')' => -1, _ => 0 };
        }

        return properties;
    }

    /// <summary>The block that is the value of <paramref name="key"/> among a block's own properties.</summary>
    public (int Start, int End) PropertyBlock((int Start, int End) block, string key)
    {
        var property = ObjectProperties(block).SingleOrDefault(p => p.Key == key);
        if (property.Key is null)
        {
            throw new InvalidOperationException($"{Name}: no property '{key}' in the block at offset {block.Start}.");
        }

        return BlockAfter(property.At);
    }

    /// <summary>The raw text of a variable's expression, from after its <c>=</c> to where the expression ends.</summary>
    public (string Expression, int Start, int End) Variable(string name)
    {
        var declaration = Regex.Match(Code, $@"^var\s+{Regex.Escape(name)}\s*=", RegexOptions.Multiline);
        if (!declaration.Success)
        {
            throw new InvalidOperationException($"{Name}: no variable '{name}'.");
        }

        var start = declaration.Index + declaration.Length;
        var depth = 0;
        var seenValue = false;
        var i = start;
        for (; i < Code.Length; i++)
        {
            var c = Code[i];
            if (c == '\n' && depth == 0 && seenValue)
            {
                break;
            }

            seenValue |= !char.IsWhiteSpace(c);
            depth += c switch { '{' or '[' or '(' => 1, '}' or ']' or ')' => -1, _ => 0 };
        }

        return (Text[start..i].Trim(), start, i);
    }

    /// <summary>The string literals inside a range of the file.</summary>
    public IEnumerable<BicepString> StringsIn(int start, int end) => Strings.Where(s => s.Start >= start && s.Start < end);

    public int LineOf(int offset) => Text.AsSpan(0, offset).Count('\n') + 1;

    public string LineContaining(int offset)
    {
        var start = Text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        return Text[start..LineEnd(offset)];
    }

    private BicepString StringAt(int quote) =>
        Strings.SingleOrDefault(s => s.Start == quote) ?? throw new InvalidOperationException($"{Name}: no string at offset {quote}.");

    private string LineRest(int from) => Code[from..LineEnd(from)];

    private int LineEnd(int from)
    {
        var end = Text.IndexOf('\n', from);
        return end < 0 ? Text.Length : end;
    }

    private bool IsDeclaration(int index) =>
        DeclarationBefore().IsMatch(Code[Math.Max(0, Code.LastIndexOf('\n', Math.Max(0, index - 1)) + 1)..index]);

    private bool IsObjectKey(int index, int length)
    {
        var lineStart = Code.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return string.IsNullOrWhiteSpace(Code[lineStart..index]) && KeyColon().IsMatch(Code[(index + length)..LineEnd(index)]);
    }

    [GeneratedRegex(@"^\s*param\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ParamDeclaration();

    [GeneratedRegex(@"^\s*(?:param|var|resource|module|output|func|type)\s+$")]
    private static partial Regex DeclarationBefore();

    [GeneratedRegex(@"^\s*:")]
    private static partial Regex KeyColon();

    [GeneratedRegex(@"\bmodule\s+(\w+)\s+'")]
    private static partial Regex ModuleDeclaration();

    [GeneratedRegex(@"\bresource\s+(\w+)\s+'")]
    private static partial Regex ResourceDeclaration();

    [GeneratedRegex(@"^\s*using\s+'", RegexOptions.Multiline)]
    private static partial Regex UsingDeclaration();

    [GeneratedRegex(@"(\w+|'[^'\n]*')\s*:")]
    private static partial Regex ObjectKey();

    /// <summary>Walks Bicep text once: comments become spaces, string contents become spaces (interpolations are
    /// scanned as code), newlines are kept so offsets and lines stay those of the file.</summary>
    private sealed class Scanner(string text)
    {
        private int _at;

        public StringBuilder Code { get; } = new(text.Length);
        public List<BicepString> Strings { get; } = [];

        public void ScanCode(bool stopAtClosingBrace)
        {
            var depth = 0;
            while (_at < text.Length)
            {
                var c = text[_at];
                if (c == '/' && Peek(1) == '/')
                {
                    while (_at < text.Length && text[_at] != '\n')
                    {
                        Blank();
                    }
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    while (_at < text.Length && !(text[_at] == '*' && Peek(1) == '/'))
                    {
                        Blank();
                    }

                    Blank();
                    Blank();
                }
                else if (c == '\'' && Peek(1) == '\'' && Peek(2) == '\'')
                {
                    ScanMultilineString();
                }
                else if (c == '\'')
                {
                    ScanString();
                }
                else
                {
                    if (stopAtClosingBrace && c == '}' && depth == 0)
                    {
                        return;
                    }

                    depth += c switch { '{' => 1, '}' => -1, _ => 0 };
                    Keep();
                }
            }
        }

        private void ScanMultilineString()
        {
            var start = _at;
            Keep();
            Blank();
            Blank();
            var contentStart = _at;
            while (_at < text.Length && !(text[_at] == '\'' && Peek(1) == '\'' && Peek(2) == '\''))
            {
                Blank();
            }

            Strings.Add(new BicepString(start, text[contentStart.._at]));
            Blank();
            Blank();
            Keep();
        }

        private void ScanString()
        {
            var start = _at;
            var value = new StringBuilder();
            Keep();
            while (_at < text.Length && text[_at] != '\'')
            {
                if (text[_at] == '\\' && _at + 1 < text.Length)
                {
                    value.Append(text[_at + 1] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var other => other });
                    Blank();
                    Blank();
                }
                else if (text[_at] == '$' && Peek(1) == '{')
                {
                    var interpolation = _at;
                    Keep();
                    Keep();
                    ScanCode(stopAtClosingBrace: true);
                    Keep();
                    value.Append(text, interpolation, _at - interpolation);
                }
                else
                {
                    value.Append(text[_at]);
                    Blank();
                }
            }

            Keep();
            Strings.Add(new BicepString(start, value.ToString()));
        }

        private char Peek(int ahead) => _at + ahead < text.Length ? text[_at + ahead] : '\0';

        private void Keep()
        {
            if (_at < text.Length)
            {
                Code.Append(text[_at]);
                _at++;
            }
        }

        private void Blank()
        {
            if (_at < text.Length)
            {
                Code.Append(text[_at] == '\n' ? '\n' : ' ');
                _at++;
            }
        }
    }
}
