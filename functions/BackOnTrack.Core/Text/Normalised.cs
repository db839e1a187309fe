namespace BackOnTrack.Core.Text;

/// <summary>
/// The comparison form used for headers, aliases and worded values (docs/architecture.md §Inputs): ASCII letters and digits only,
/// lower-case, so case, spaces, underscores and punctuation are ignored ("Date of Birth", "date_of_birth" and
/// "DateOfBirth" all become "dateofbirth").
/// </summary>
internal static class Normalised
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return string.Create(CountKept(text), text, static (destination, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    destination[i++] = char.ToLowerInvariant(c);
                }
            }
        });
    }

    private static int CountKept(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                count++;
            }
        }

        return count;
    }
}
