using System.Globalization;
using System.Text;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Storage;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>
/// A small school's files about the same two pupils in every pupil table: exclusions, attendance marks (two months),
/// an attendance summary, and the LA's cohort list naming both. Written by the tests, ingested through the hub. The
/// pupils' UPNs are made from the school's LAESTAB, so no other test's school has them.
/// </summary>
public sealed class PupilDrops(string school, string cohort)
{
    public string Erased { get; } = UpnFor(school, 1);
    public string Kept { get; } = UpnFor(school, 2);

    public static string UpnFor(string school, int pupil)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{school}1000{pupil}");
        return Upn.CheckLetterFor(body) + body;
    }

    public async Task UploadAndIngestAsync(TestHub hub)
    {
        var files = new Dictionary<string, string>
        {
            [$"{school}/exclusions.csv"] =
                "UPN,Year Group,Exclusion Type,Start Date,Sessions,Reason Code\n" +
                $"{Erased},Year 8,Suspension,04/11/2024,2,PA\n{Kept},Year 9,Suspension,12/11/2024,4,VP\n{Erased},Year 8,Suspension,03/03/2025,1,PD\n",
            [$"{school}/marks.csv"] = Marks(Erased, Kept),
            [$"{school}/summary.csv"] =
                "UPN,NCYear,PeriodStart,PeriodEnd,PossibleSessions,Present,AuthorisedAbsence,UnauthorisedAbsence\n" +
                $"{Erased},8,01/01/2025,31/03/2025,120,110,6,4\n{Kept},9,01/01/2025,31/03/2025,120,118,2,0\n",
            [$"{DropLocation.LaFolder}/cohort-{school}.csv"] =
                $"UPN,LAESTAB,Cohort,StartDate\n{Erased},{school},{cohort},01/10/2024\n{Kept},{school},{cohort},01/10/2024\n",
        };
        foreach (var (name, content) in files)
        {
            await hub.Storage.UploadAsync(HubStorageNames.Containers.Drops, name, Encoding.UTF8.GetBytes(content));
            await hub.SendBlobCreatedAsync(name);
        }

        var report = await hub.RunOnceAsync(withTimers: false);
        Assert.True(report.AllSucceeded, "A message went to poison or a function failed.");
    }

    private static string Marks(string erased, string kept)
    {
        var text = new StringBuilder("UPN,NCYear,Date,Session,Mark\n");
        foreach (var day in new[] { new DateOnly(2024, 11, 4), new DateOnly(2024, 11, 5), new DateOnly(2024, 12, 2) })
        {
            foreach (var (upn, year) in new[] { (erased, 8), (kept, 9) })
            {
                text.Append(CultureInfo.InvariantCulture, $"{upn},{year},{day:dd/MM/yyyy},AM,/\n{upn},{year},{day:dd/MM/yyyy},PM,\\\n");
            }
        }

        return text.ToString();
    }
}
