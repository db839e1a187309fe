using System.Text;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Tabular;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class DropReaderStreaming
{
    [Fact]
    public void ReadsOnlyTheHeaderBeforeReturningAndTheRestAsOutcomesAreEnumerated()
    {
        var stream = new CountingStream(MarksFile(pupils: 500, days: 20));
        using var drop = DropReader.Read(stream, "marks.csv", TestDrops.ForSchool());
        var afterHeader = stream.BytesRead;

        var first = drop.Outcomes.Take(10).ToList();

        Assert.True(afterHeader < stream.Length, "the whole file was read before any outcome was asked for");
        Assert.True(stream.BytesRead < stream.Length, "the whole file was read for ten outcomes");
        Assert.All(first, o => Assert.True(o.IsAccepted));
    }

    [Fact]
    public void ReadsEveryRowOfALargeFileAndCountsThem()
    {
        using var drop = DropReader.Read(new MemoryStream(MarksFile(pupils: 1_000, days: 20)), "marks.csv", TestDrops.ForSchool());

        var accepted = 0;
        foreach (var outcome in drop.Outcomes)
        {
            Assert.True(outcome.IsAccepted);
            accepted++;
        }

        Assert.Equal(40_000, accepted);
        Assert.Equal(40_000, drop.RowsRead);
    }

    [Fact]
    public void HashesEachPupilOnceAndGivesEveryRowOfThePupilTheSameKey()
    {
        using var drop = DropReader.Read(new MemoryStream(MarksFile(pupils: 3, days: 5)), "marks.csv", TestDrops.ForSchool());

        var keys = drop.Outcomes.Select(o => ((AttendanceMarkRecord)o.Record!).PupilKey).ToList();

        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal(TestDrops.KeyOf(TestDrops.UpnFor(0)), keys[0]);
    }

    [Fact]
    public void LetsOutcomesBeEnumeratedOnlyOnce()
    {
        using var drop = TestDrops.ReadCsv("UPN,NCYear,Date,Session,Mark\n");
        _ = drop.Outcomes.ToList();

        Assert.Throws<InvalidOperationException>(() => drop.Outcomes);
    }

    [Fact]
    public void ThrowsUnreadableFileWhenTheFileBreaksAfterTheHeader()
    {
        var csv = "UPN,NCYear,Date,Session,Mark\n" + string.Concat(Enumerable.Repeat($"{TestDrops.UpnFor(1)},7,03/11/2025,AM,/\n", 40)) + "\"never closed\n";
        using var drop = TestDrops.ReadCsv(csv);

        Assert.True(drop.IsReadable);
        Assert.Throws<UnreadableFileException>(() => drop.Outcomes.ToList());
    }

    [Fact]
    public void ReadsAWindows1252ExclusionsFileWithAccentsInIgnoredColumns()
    {
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var csv = "UPN,Forename,NCYear,Category,StartDate,Sessions,Reason,Notes\n" + $"{TestDrops.UpnFor(1)},Zoë,8,FIXD,03/11/2025,2,PD,Damage £40\n";

        using var drop = DropReader.Read(new MemoryStream(windows1252.GetBytes(csv)), "excl.csv", TestDrops.ForSchool());

        Assert.True(Assert.Single(drop.Outcomes).IsAccepted);
        Assert.Equal(["Forename"], drop.PersonalColumns);
        Assert.Equal(["Notes"], drop.IgnoredColumns);
    }

    private static byte[] MarksFile(int pupils, int days)
    {
        var text = new StringBuilder("UPN,NCYear,Date,Session,Mark\n");
        var start = new DateOnly(2025, 9, 1);
        for (var p = 0; p < pupils; p++)
        {
            var upn = TestDrops.UpnFor(p);
            for (var d = 0; d < days; d++)
            {
                var date = start.AddDays(d).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
                text.Append(upn).Append(",7,").Append(date).Append(",AM,/\n");
                text.Append(upn).Append(",7,").Append(date).Append(",PM,\\\n");
            }
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = base.Read(buffer);
            BytesRead += read;
            return read;
        }
    }
}
