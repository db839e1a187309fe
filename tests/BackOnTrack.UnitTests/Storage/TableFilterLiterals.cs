using BackOnTrack.Storage.Tables;

namespace BackOnTrack.UnitTests.Storage;

public class TableFilterLiterals
{
    [Fact]
    public void DoublesQuotesInStringValues()
    {
        const string name = "O'Brien' or RowKey ne '";

        Assert.Equal("Name eq 'O''Brien'' or RowKey ne '''", TableFilter.Of($"Name eq {name}"));
    }

    [Fact]
    public void WritesEachTypeAsItsODataLiteral()
    {
        var when = new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.FromHours(1));
        var id = Guid.Parse("c9da6455-213d-42c9-9a79-3e9149a57833");

        var filter = TableFilter.Of($"A eq {42} and B eq {9007199254740993L} and C eq {2.0} and D eq {true} and E ge {when} and F eq {id} and G eq {new byte[] { 10, 27 }}");

        Assert.Equal(
            "A eq 42 and B eq 9007199254740993L and C eq 2.0 and D eq true and E ge datetime'2025-10-14T09:00:00.0000000Z' " +
            "and F eq guid'c9da6455-213d-42c9-9a79-3e9149a57833' and G eq X'0a1b'",
            filter);
    }

    [Fact]
    public void RefusesNullBecauseTablesHaveNoNullValues()
    {
        string? missing = null;

        Assert.Throws<ArgumentNullException>(() => TableFilter.Of($"Name eq {missing}"));
    }

    [Fact]
    public void BuildsAPrefixRangeOnRowKeys()
    {
        Assert.Equal(
            "PartitionKey eq '1234567_2015-16' and RowKey ge 'abc_' and RowKey lt 'abc_\uffff'",
            TableFilter.PartitionAndRowKeyPrefix("1234567_2015-16", "abc_"));
    }
}
