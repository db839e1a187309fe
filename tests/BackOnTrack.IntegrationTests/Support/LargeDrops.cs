using System.Globalization;
using System.Text;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>Big, valid drops built in code, for tests that need a file which takes a while to ingest.</summary>
public static class LargeDrops
{
    /// <summary>A suspensions file: <paramref name="pupils"/> pupils, each suspended on <paramref name="daysEach"/> school days of 2024-25.</summary>
    public static byte[] Suspensions(int pupils, int daysEach)
    {
        var csv = new StringBuilder("UPN,NCYear,Category,StartDate,Sessions,Reason1\r\n");
        var schoolDays = SchoolDays(new DateOnly(2024, 9, 2), daysEach);
        for (var pupil = 1; pupil <= pupils; pupil++)
        {
            var upn = Upn(pupil);
            foreach (var day in schoolDays)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{upn},{7 + (pupil % 5)},FIXD,{day:yyyy-MM-dd},{1 + (day.DayNumber % 4)},PD\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>A valid permanent UPN: LA 372, school 4021, allocated in 2019.</summary>
    public static string Upn(int serial)
    {
        // LA 372, establishment 40xx (thousands of the serial in xx), allocated 2019, serial's last three digits.
        var body = string.Create(CultureInfo.InvariantCulture, $"37240{serial / 1000 % 100:D2}19{serial % 1000:D3}");
        return Core.Identifiers.Upn.CheckLetterFor(body) + body;
    }

    private static List<DateOnly> SchoolDays(DateOnly from, int count)
    {
        var days = new List<DateOnly>(count);
        for (var day = from; days.Count < count; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(day);
            }
        }

        return days;
    }
}
