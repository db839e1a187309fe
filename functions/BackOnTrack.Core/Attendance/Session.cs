namespace BackOnTrack.Core.Attendance;

/// <summary>One of the two registration sessions of a school day (docs/domain.md §Sessions).</summary>
public enum Session
{
    /// <summary>The morning session.</summary>
    AM,

    /// <summary>The afternoon session.</summary>
    PM,
}

/// <summary>Parsing of session labels.</summary>
public static class Sessions
{
    /// <summary>Parses <c>AM</c>/<c>PM</c> in any case, with or without dots, or <c>Morning</c>/<c>Afternoon</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Session session)
    {
        Span<char> letters = stackalloc char[9];
        var length = 0;
        foreach (var c in text)
        {
            if (c is '.' or ' ')
            {
                continue;
            }

            if (length == letters.Length)
            {
                session = default;
                return false;
            }

            letters[length++] = char.ToUpperInvariant(c);
        }

        switch (letters[..length])
        {
            case "AM" or "MORNING":
                session = Session.AM;
                return true;
            case "PM" or "AFTERNOON":
                session = Session.PM;
                return true;
            default:
                session = default;
                return false;
        }
    }
}
