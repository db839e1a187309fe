using System.Diagnostics.CodeAnalysis;

namespace BackOnTrack.Core.Drops;

/// <summary>
/// The name a school gives a file it is about to upload: a plain file name (no folders, no <c>..</c>, no control or
/// URL-special characters) of a kind the hub reads (<c>.csv</c>, <c>.xlsx</c>), so the blob it may write is exactly
/// <c>drops/{laestab}/{name}</c> and nothing else.
/// </summary>
public sealed record UploadFileName
{
    public const int MaxLength = 120;
    private static readonly string[] Extensions = [".csv", ".xlsx"];

    private UploadFileName(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out UploadFileName? name, [NotNullWhen(false)] out string? problem)
    {
        name = null;
        problem = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = "Give the file's name.";
        }
        else if (trimmed.Length > MaxLength)
        {
            problem = $"A file name has at most {MaxLength} characters.";
        }
        else if (!trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' or '(' or ')') || trimmed.StartsWith('.') || trimmed.Contains("..", StringComparison.Ordinal))
        {
            problem = "A file name is letters, digits, spaces, '-', '_', '(', ')' and one extension; no folders.";
        }
        else if (!Extensions.Any(e => trimmed.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            problem = "The hub reads .csv and .xlsx files.";
        }
        else
        {
            name = new UploadFileName(trimmed);
        }

        return name is not null;
    }

    /// <summary>The blob (in <c>drops</c>) a school uploads this file to.</summary>
    public string BlobNameFor(Identifiers.Laestab school)
    {
        ArgumentNullException.ThrowIfNull(school);
        return $"{school.Value}/{Value}";
    }

    public override string ToString() => Value;
}
