using Azure.Data.Tables;
using BackOnTrack.Storage;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>
/// The stores read figures by meaning, whatever numeric Edm type they came back as (the SDK's own getters throw when
/// the stored type differs), and build key-range filters with every value a quoted literal.
/// </summary>
public sealed class SdkTableEntityReads
{
    private static readonly TableEntity Row = new("p", "r")
    {
        ["Int"] = 7,
        ["Long"] = 9_000_000_000L,
        ["SmallLong"] = 12L,
        ["Whole"] = 3,
        ["Rate"] = 12.5,
        ["Text"] = "x",
        ["Nothing"] = null,
    };

    [Fact]
    public void NumbersAreReadWhateverIntegerOrDoubleTypeTheyHold()
    {
        Assert.Equal(7, Row.ReadInt32("Int"));
        Assert.Equal(12, Row.ReadInt32("SmallLong"));
        Assert.Equal(9_000_000_000L, Row.ReadInt64("Long"));
        Assert.Equal(7L, Row.ReadInt64("Int"));
        Assert.Equal(3.0, Row.ReadDouble("Whole"));
        Assert.Equal(12.5, Row.ReadDouble("Rate"));
        Assert.Equal(9_000_000_000.0, Row.ReadDouble("Long"));
    }

    [Fact]
    public void AnAbsentOrNullPropertyIsNull()
    {
        Assert.Null(Row.ReadInt32("Missing"));
        Assert.Null(Row.ReadInt32("Nothing"));
        Assert.Null(Row.ReadDouble("Nothing"));
        Assert.Null(Row.ReadInt64("Missing"));
    }

    [Fact]
    public void AValueOfAnotherKindIsRefusedNotGuessed()
    {
        Assert.Throws<InvalidCastException>(() => Row.ReadInt32("Text"));
        Assert.Throws<InvalidCastException>(() => Row.ReadInt32("Long"));
        Assert.Throws<InvalidCastException>(() => Row.ReadInt32("Rate"));
        Assert.Throws<InvalidCastException>(() => Row.ReadDouble("Text"));
    }

    [Fact]
    public void AKeyPrefixIsARangeOfQuotedLiterals()
    {
        Assert.Equal(
            "PartitionKey eq 'o''brien' and RowKey ge '2024-25_' and RowKey lt '2024-25_\uffff'",
            TableQueries.PartitionAndRowKeyPrefix("o'brien", "2024-25_"));
    }
}
