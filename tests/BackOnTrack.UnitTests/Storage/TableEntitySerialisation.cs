using System.Text;
using System.Text.Json;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.UnitTests.Storage;

public class TableEntitySerialisation
{
    [Fact]
    public void AnnotatesEveryTypeJsonCannotCarry()
    {
        var entity = new TableEntity("p", "r")
        {
            ["Count"] = 42,
            ["Big"] = 9007199254740993L,
            ["Whole"] = 2.0,
            ["When"] = new DateTime(2025, 10, 14, 10, 0, 0, DateTimeKind.Utc),
            ["Id"] = Guid.Parse("c9da6455-213d-42c9-9a79-3e9149a57833"),
            ["Bytes"] = new byte[] { 1, 2, 3 },
            ["Ok"] = true,
        };

        using var json = JsonDocument.Parse(TableEntityJson.Serialize(entity));
        var root = json.RootElement;

        Assert.Equal(JsonValueKind.Number, root.GetProperty("Count").ValueKind);
        Assert.False(root.TryGetProperty("Count@odata.type", out _));
        Assert.Equal("9007199254740993", root.GetProperty("Big").GetString());
        Assert.Equal("Edm.Int64", root.GetProperty("Big@odata.type").GetString());
        Assert.Equal("Edm.Double", root.GetProperty("Whole@odata.type").GetString());
        Assert.Equal("2025-10-14T10:00:00.0000000Z", root.GetProperty("When").GetString());
        Assert.Equal("Edm.DateTime", root.GetProperty("When@odata.type").GetString());
        Assert.Equal("Edm.Guid", root.GetProperty("Id@odata.type").GetString());
        Assert.Equal("AQID", root.GetProperty("Bytes").GetString());
        Assert.Equal("Edm.Binary", root.GetProperty("Bytes@odata.type").GetString());
    }

    [Fact]
    public void WritesOneLineOfJsonSoBatchBodiesStayOnOneLine()
    {
        var entity = new TableEntity("p", "r") { ["Note"] = "line one\nline two" };

        Assert.DoesNotContain('\n', Encoding.UTF8.GetString(TableEntityJson.Serialize(entity)));
    }

    [Fact]
    public void ReadsMinimalMetadataBackIntoTypedValues()
    {
        const string json = """
            {"odata.etag":"W/\"datetime'2025-10-14T10%3A00%3A00.097Z'\"","PartitionKey":"p","RowKey":"r",
             "Timestamp":"2025-10-14T10:00:00.097Z","Timestamp@odata.type":"Edm.DateTime",
             "Count":42,"Ratio":0.25,"Big@odata.type":"Edm.Int64","Big":"9007199254740993",
             "Whole@odata.type":"Edm.Double","Whole":2,"Nan@odata.type":"Edm.Double","Nan":"NaN","Ok":false}
            """;
        using var document = JsonDocument.Parse(json);

        var entity = TableEntityJson.Read(document.RootElement);

        Assert.Equal("W/\"datetime'2025-10-14T10%3A00%3A00.097Z'\"", entity.ETag.ToString());
        Assert.Equal(42, entity["Count"]);
        Assert.Equal(0.25, entity["Ratio"]);
        Assert.Equal(9007199254740993L, entity["Big"]);
        Assert.Equal(2.0, Assert.IsType<double>(entity["Whole"]));
        Assert.True(double.IsNaN(entity.GetDouble("Nan")!.Value));
        Assert.Equal(false, entity["Ok"]);
        Assert.False(entity.ContainsKey("Timestamp"));
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 10, 0, 0, 97, TimeSpan.Zero), entity.Timestamp);
    }

    [Fact]
    public void RefusesAPropertyTypeTablesCannotHold()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["Bad"] = new object());
    }
}
