using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BackOnTrack.Storage.Backup;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>The export's lines: the service's JSON with Edm annotations, so an export restores with the types it was taken with.</summary>
public class ExportLineFormat
{
    private static TableEntity EveryType() => new("p", "r")
    {
        ["Count"] = 42,
        ["Big"] = 9007199254740993L,
        ["Whole"] = 2.0,
        ["When"] = new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567),
        ["Id"] = Guid.Parse("c9da6455-213d-42c9-9a79-3e9149a57833"),
        ["Bytes"] = new byte[] { 1, 2, 3 },
        ["Ok"] = true,
        ["Note"] = "it's \"quoted\" / \\ ü",
    };

    [Fact]
    public void AnnotatesEveryTypeJsonCannotCarry()
    {
        using var json = JsonDocument.Parse(TableEntityLines.ToLine(EveryType()));
        var root = json.RootElement;

        Assert.Equal(JsonValueKind.Number, root.GetProperty("Count").ValueKind);
        Assert.False(root.TryGetProperty("Count@odata.type", out _));
        Assert.Equal("9007199254740993", root.GetProperty("Big").GetString());
        Assert.Equal("Edm.Int64", root.GetProperty("Big@odata.type").GetString());
        Assert.Equal("Edm.Double", root.GetProperty("Whole@odata.type").GetString());
        Assert.Equal("2025-10-14T10:00:00.1234567Z", root.GetProperty("When").GetString());
        Assert.Equal("Edm.DateTime", root.GetProperty("When@odata.type").GetString());
        Assert.Equal("Edm.Guid", root.GetProperty("Id@odata.type").GetString());
        Assert.Equal("AQID", root.GetProperty("Bytes").GetString());
        Assert.Equal("Edm.Binary", root.GetProperty("Bytes@odata.type").GetString());
    }

    [Fact]
    public void WritesTheLineExportsHaveAlwaysHad()
    {
        Assert.Equal(PinnedLine, Encoding.UTF8.GetString(TableEntityLines.ToLine(EveryType())));
    }

    [Fact]
    public void ReadingALineAndWritingItAgainGivesTheSameBytes()
    {
        var line = Encoding.UTF8.GetBytes(PinnedLine);

        Assert.Equal(line, TableEntityLines.ToLine(TableEntityLines.FromLine(line)));
    }

    [Fact]
    public void LeavesOutTheServiceManagedTimestampAndETag()
    {
        var entity = EveryType();
        entity.ETag = new ETag("W/\"datetime'2025-10-14T10%3A00%3A00.097Z'\"");
        entity.Timestamp = new DateTimeOffset(2025, 10, 14, 10, 0, 0, 97, TimeSpan.Zero);

        Assert.Equal(PinnedLine, Encoding.UTF8.GetString(TableEntityLines.ToLine(entity)));
    }

    [Fact]
    public void WritesOneLineOfJsonSoEachEntityIsOneLine()
    {
        var entity = new TableEntity("p", "r") { ["Note"] = "line one\nline two" };

        Assert.DoesNotContain('\n', Encoding.UTF8.GetString(TableEntityLines.ToLine(entity)));
    }

    [Fact]
    public void ReadsAnnotatedJsonBackIntoTypedValues()
    {
        const string json = """
            {"odata.etag":"W/\"datetime'2025-10-14T10%3A00%3A00.097Z'\"","PartitionKey":"p","RowKey":"r",
             "Timestamp":"2025-10-14T10:00:00.097Z","Timestamp@odata.type":"Edm.DateTime",
             "Count":42,"Ratio":0.25,"Big@odata.type":"Edm.Int64","Big":"9007199254740993",
             "Whole@odata.type":"Edm.Double","Whole":2,"Nan@odata.type":"Edm.Double","Nan":"NaN","Ok":false}
            """;

        var entity = TableEntityLines.FromLine(Encoding.UTF8.GetBytes(json.ReplaceLineEndings("")));

        Assert.Equal(42, entity["Count"]);
        Assert.Equal(0.25, entity["Ratio"]);
        Assert.Equal(9007199254740993L, entity["Big"]);
        Assert.Equal(2.0, Assert.IsType<double>(entity["Whole"]));
        Assert.True(double.IsNaN(entity.GetDouble("Nan")!.Value));
        Assert.Equal(false, entity["Ok"]);
        Assert.False(entity.ContainsKey("Timestamp"));
        Assert.False(entity.ContainsKey("odata.etag"));
    }

    [Fact]
    public void RefusesAPropertyTypeTablesCannotHold()
    {
        var entity = new TableEntity("p", "r") { ["Bad"] = new object() };

        Assert.Throws<InvalidOperationException>(() => TableEntityLines.ToLine(entity));
    }

    // What the export wrote before it moved to the SDK's entity (the hand-written client's writer), byte for byte:
    // older exports must restore, and a new export must read like an old one.
    private const string PinnedLine = """
        {"PartitionKey":"p","RowKey":"r","Count":42,"Big":"9007199254740993","Big@odata.type":"Edm.Int64","Whole":2,"Whole@odata.type":"Edm.Double","When":"2025-10-14T10:00:00.1234567Z","When@odata.type":"Edm.DateTime","Id":"c9da6455-213d-42c9-9a79-3e9149a57833","Id@odata.type":"Edm.Guid","Bytes":"AQID","Bytes@odata.type":"Edm.Binary","Ok":true,"Note":"it\u0027s \u0022quoted\u0022 / \\ \u00FC"}
        """;
}
