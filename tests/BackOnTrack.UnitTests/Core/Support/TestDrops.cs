using System.Text;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;

namespace BackOnTrack.UnitTests.Core.Support;

/// <summary>Builds drops and contexts for ingest tests.</summary>
internal static class TestDrops
{
    /// <summary>The hub's clock in these tests: Monday 10 November 2025, 09:00 UK time.</summary>
    public static readonly DateTimeOffset Now = new(2025, 11, 10, 9, 0, 0, TimeSpan.Zero);

    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static readonly Laestab School = Laestab.Parse("3724001");

    public static DropContext ForSchool(Laestab? school = null) => new(Now, school ?? School, Key);

    public static DropContext LaWide() => new(Now, null, Key);

    /// <summary>A valid permanent UPN made from a serial (check letter computed), e.g. for pupil 1, 2, 3.</summary>
    public static string UpnFor(int serial) => WithCheckLetter("37240012" + serial.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

    public static string WithCheckLetter(string body) => Upn.CheckLetterFor(body) + body;

    public static PupilKey KeyOf(string upn)
    {
        Assert.True(Upn.TryParse(upn, out var parsed, out _));
        using var pseudonymiser = new Pseudonymiser(Key);
        return pseudonymiser.KeyFor(parsed);
    }

    public static DropRead ReadCsv(string csv, DropContext? context = null, string fileName = "drop.csv") =>
        DropReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), fileName, context ?? ForSchool());

    public static List<RowOutcome> Outcomes(string csv, DropContext? context = null)
    {
        using var drop = ReadCsv(csv, context);
        Assert.True(drop.IsReadable, drop.Rejection);
        return drop.Outcomes.ToList();
    }

    public static T SingleAccepted<T>(string csv, DropContext? context = null)
    {
        var outcome = Assert.Single(Outcomes(csv, context));
        Assert.True(outcome.IsAccepted, string.Join(" | ", outcome.Errors.Select(e => $"{e.Column}: {e.Reason}")));
        return Assert.IsType<T>(outcome.Record);
    }

    public static RowError SingleError(string csv, DropContext? context = null)
    {
        var outcome = Assert.Single(Outcomes(csv, context));
        Assert.False(outcome.IsAccepted);
        return Assert.Single(outcome.Errors);
    }
}
