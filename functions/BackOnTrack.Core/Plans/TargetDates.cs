using System.Globalization;
using System.Text.RegularExpressions;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;

namespace BackOnTrack.Core.Plans;

/// <summary>
/// Reads a plan's free-text target ("December 2019", "Phased approach September 2019 – September 2021",
/// "November 2019 &amp; refreshed July 2020") into a due date and milestones.
/// </summary>
/// <remarks>
/// <para>Each date the text names stands for the last day of what it names, since a target is met by the end of it:
/// a month (<c>July 2020</c>, <c>Jul-20</c> as Excel shows a month) its last day; a term (<c>Autumn 2019</c>,
/// <c>Spring term 2020</c>) the last day of that census term, the hub's one definition of terms (autumn ends
/// 31 December, spring on Easter Sunday, summer on 31 July); an academic year (<c>2019/20</c>) 31 July; a bare year
/// 31 December; a day (<c>31/10/2019</c>, <c>2019-10-31</c>, <c>31 October 2019</c>, an Excel serial) itself. A month
/// without a year takes the year of the date it is joined to ("September – December 2019"; "November – February
/// 2020" starts in 2019).</para>
/// <para>Dates joined by a dash, "to", "until" or "through" make a range, due at its end; other dates make a list,
/// due at the first (the first thing promised). Every other date the text names is a milestone: a range's start (when
/// the first phase lands) and a list's later dates ("refreshed July 2020").</para>
/// <para>Words around the dates ("Phased approach", "refreshed", "by the end of") are allowed and ignored. Text with
/// no date ("Ongoing", "Termly", "TBC") gives no due date and a note for the report: a due date is never made up.</para>
/// </remarks>
public static partial class TargetDates
{
    private const string Months =
        "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    /// <summary>Reads one target text.</summary>
    public static TargetDate Parse(string? targetText)
    {
        var text = CellText.OneLine(targetText);
        if (text.Length == 0)
        {
            return new TargetDate(null, [], "There is no target date, so the action has no due date.");
        }

        if (DropDates.TryParse(text, out var day))
        {
            return new TargetDate(day, [], null);
        }

        var mentions = Mentions(text);
        GiveYearsToBareMonths(text, mentions);
        mentions.RemoveAll(m => m.Date is null);
        if (mentions.Count == 0)
        {
            return new TargetDate(null, [], $"The target '{text}' names no date, so the action has no due date.");
        }

        // The first item is the first date, or the first range (a run of dates joined by range words): due at its end.
        var firstItemEnd = 0;
        while (firstItemEnd + 1 < mentions.Count && IsRange(text, mentions[firstItemEnd], mentions[firstItemEnd + 1]))
        {
            firstItemEnd++;
        }

        var due = mentions[firstItemEnd].Date!.Value;
        var milestones = mentions.Where((_, i) => i != firstItemEnd).Select(m => m.Date!.Value)
            .Where(d => d != due).Distinct().Order().ToList();
        var note = firstItemEnd > 0 && mentions[0].Date > due
            ? $"The range in the target '{text}' ends before it starts; its end is taken as the due date."
            : null;
        return new TargetDate(due, milestones, note);
    }

    /// <summary>The dates named in the text, left to right; a month without a year has no date yet.</summary>
    private static List<Mention> Mentions(string text)
    {
        var mentions = new List<Mention>();
        foreach (Match match in DatePattern().Matches(text))
        {
            var groups = match.Groups;
            var (start, end) = (match.Index, match.Index + match.Length);
            if (groups["day"].Success)
            {
                AddDate(mentions, start, end, DropDates.TryParse(groups["day"].Value, out var day) ? day : null);
            }
            else if (groups["dayName"].Success)
            {
                var dayNumber = int.Parse(groups["dayNumber"].Value, CultureInfo.InvariantCulture);
                AddDate(mentions, start, end, ExactDay(Year(groups["dayYear"].Value), MonthNumber(groups["dayMonth"].Value), dayNumber));
            }
            else if (groups["month"].Success)
            {
                AddDate(mentions, start, end, EndOfMonth(Year(groups["monthYear"].Value), MonthNumber(groups["month"].Value)));
            }
            else if (groups["numericMonth"].Success)
            {
                var month = int.Parse(groups["numericMonth"].Value, CultureInfo.InvariantCulture);
                AddDate(mentions, start, end, month is >= 1 and <= 12 ? EndOfMonth(Year(groups["numericMonthYear"].Value), month) : null);
            }
            else if (groups["term"].Success)
            {
                AddDate(mentions, start, end, EndOfTerm(groups["term"].Value, Year(groups["termYear"].Value)));
            }
            else if (groups["academic"].Success)
            {
                AddYears(mentions, groups["academicStart"], groups["academicEnd"]);
            }
            else if (groups["year"].Success)
            {
                AddDate(mentions, start, end, EndOfYear(Year(groups["year"].Value)));
            }
            else
            {
                mentions.Add(new Mention(start, end, null, MonthNumber(groups["bareMonth"].Value)));
            }
        }

        return mentions;
    }

    private static void AddDate(List<Mention> mentions, int start, int end, DateOnly? date)
    {
        if (date is not null)
        {
            mentions.Add(new Mention(start, end, date, 0));
        }
    }

    // "2019/20" and "2019-2020" are academic years (due 31 July); two years that do not follow each other
    // ("2019-2021") are a range of calendar years.
    private static void AddYears(List<Mention> mentions, Group startYear, Group endYear)
    {
        var first = Year(startYear.Value);
        var second = int.Parse(endYear.Value, CultureInfo.InvariantCulture);
        if (endYear.Length == 2)
        {
            // "2019/20": the century of the first year, or the next one ("1999/00").
            second += first - (first % 100);
            second += second < first ? 100 : 0;
        }

        if (second == first + 1)
        {
            AddDate(mentions, startYear.Index, endYear.Index + endYear.Length, AcademicYear.StartingIn(first).End);
            return;
        }

        AddDate(mentions, startYear.Index, startYear.Index + startYear.Length, EndOfYear(first));
        AddDate(mentions, endYear.Index, endYear.Index + endYear.Length, EndOfYear(second));
    }

    // "September – December 2019", "November & December 2019": a month without a year borrows the year of the date it
    // is directly joined to, going back a year when it would otherwise come after that date. Right to left, so a chain
    // of bare months passes the year along. A bare month joined to nothing ("may" in a sentence) is not a date.
    private static void GiveYearsToBareMonths(string text, List<Mention> mentions)
    {
        for (var i = mentions.Count - 2; i >= 0; i--)
        {
            var (mention, next) = (mentions[i], mentions[i + 1]);
            if (mention.BareMonth == 0 || next.Date is not { } nextDate || !IsDirectlyJoined(text, mention, next))
            {
                continue;
            }

            var year = mention.BareMonth > nextDate.Month ? nextDate.Year - 1 : nextDate.Year;
            mentions[i] = mention with { Date = EndOfMonth(year, mention.BareMonth) };
        }
    }

    private static bool IsRange(string text, Mention first, Mention second) =>
        RangeJoin().IsMatch(text.AsSpan(first.End, second.Start - first.End));

    private static bool IsDirectlyJoined(string text, Mention first, Mention second) =>
        IsRange(text, first, second) || ListJoin().IsMatch(text.AsSpan(first.End, second.Start - first.End));

    private static DateOnly? ExactDay(int year, int month, int day) =>
        day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static DateOnly EndOfMonth(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    private static DateOnly EndOfYear(int year) => new(year, 12, 31);

    private static DateOnly EndOfTerm(string term, int calendarYear)
    {
        // The autumn term falls in the academic year that starts in its calendar year; spring and summer in the one before.
        var (period, startYear) = term.ToUpperInvariant() switch
        {
            "AUTUMN" => (Period.Autumn, calendarYear),
            "SPRING" => (Period.Spring, calendarYear - 1),
            _ => (Period.Summer, calendarYear - 1),
        };
        return AcademicCalendar.DatesOf(AcademicYear.StartingIn(startYear), period).End;
    }

    // Two-digit years ("Jul-20", as Excel shows a month) are this century's.
    private static int Year(string digits)
    {
        var year = int.Parse(digits, CultureInfo.InvariantCulture);
        return digits.Length == 2 ? 2000 + year : year;
    }

    private static int MonthNumber(string name) => name[..3].ToUpperInvariant() switch
    {
        "JAN" => 1,
        "FEB" => 2,
        "MAR" => 3,
        "APR" => 4,
        "MAY" => 5,
        "JUN" => 6,
        "JUL" => 7,
        "AUG" => 8,
        "SEP" => 9,
        "OCT" => 10,
        "NOV" => 11,
        _ => 12,
    };

    // Alternatives in order of precedence at each position: a whole day before a month and year, a month and year before
    // a bare month, an academic year before a bare year. Years are 19xx or 20xx, so other numbers are not read as years.
    [GeneratedRegex(
        $$"""
        (?<day>\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b)
        |\b(?<dayName>(?<dayNumber>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<dayMonth>{{Months}})\.?,?\s+(?<dayYear>(?:19|20)\d{2}))\b
        |\b(?<month>{{Months}})\.?(?:,?\s+(?<monthYear>(?:19|20)\d{2})|\s*[-'’]\s*(?<monthYear>(?:19|20)\d{2}|\d{2}))\b
        |\b(?<numericMonth>\d{1,2})/(?<numericMonthYear>(?:19|20)\d{2})\b
        |\b(?<term>autumn|spring|summer)(?:\s+term)?\s+(?<termYear>(?:19|20)\d{2})\b
        |\b(?<academic>(?<academicStart>(?:19|20)\d{2})\s*[-/]\s*(?<academicEnd>(?:19|20)\d{2}|\d{2}))\b
        |\b(?<year>(?:19|20)\d{2})\b
        |\b(?<bareMonth>{{Months}})\b
        """,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\s*(?:-|–|—|(?:up\s+)?to|until|till|through|thru)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangeJoin();

    [GeneratedRegex(@"^\s*(?:&|\+|and|,|/|or)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListJoin();

    private readonly record struct Mention(int Start, int End, DateOnly? Date, int BareMonth);
}

/// <summary>What a target text gives.</summary>
/// <param name="DueDate">When the action is due; null when the text names no date.</param>
/// <param name="Milestones">The other dates the text names, in date order.</param>
/// <param name="Note">Why there is no due date, or what reads oddly; null when the text read cleanly.</param>
public sealed record TargetDate(DateOnly? DueDate, IReadOnlyList<DateOnly> Milestones, string? Note);
