using BackOnTrack.Core.Attendance;

namespace BackOnTrack.Core.Ingest.Headers;

/// <summary>
/// A wide attendance layout's session column heading: a date and the session, e.g. <c>03/11/2025 AM</c>,
/// <c>Mon 03/11/2025 PM</c>, <c>2025-11-03 (AM)</c>, <c>AM 03/11/2025</c>.
/// </summary>
internal static class SessionHeading
{
    public static bool TryParse(string heading, out DateOnly date, out Session session)
    {
        date = default;
        session = default;
        var text = heading.AsSpan().Trim().TrimEnd(')').TrimEnd();
        if (text.Length < 8)
        {
            return false;
        }

        // The session is the last or the first word.
        var lastSpace = text.LastIndexOfAny(' ', '(', '_');
        if (lastSpace > 0 && Sessions.TryParse(text[(lastSpace + 1)..], out session))
        {
            return DropDates.TryParse(text[..lastSpace].TrimEnd(" -_("), out date);
        }

        var firstSpace = text.IndexOfAny(' ', '_');
        return firstSpace > 0
            && Sessions.TryParse(text[..firstSpace], out session)
            && DropDates.TryParse(text[(firstSpace + 1)..].TrimStart(" -_"), out date);
    }
}
