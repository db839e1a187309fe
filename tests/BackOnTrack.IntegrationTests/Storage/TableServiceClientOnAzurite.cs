using Azure;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.IntegrationTests.Storage;

[Collection(AzuriteGroup.Name)]
public class TableServiceClientOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TableServiceClient _tables = azurite.Account.Tables;
    private readonly string _table = AzuriteFixture.UniqueName("Exclusions");

    public async Task InitializeAsync() => await _tables.CreateTableIfNotExistsAsync(_table);

    public Task DisposeAsync() => _tables.DeleteTableAsync(_table);

    private static TableEntity Exclusion(string partition, string row, int sessions = 2) => new(partition, row)
    {
        ["Category"] = "FIXD",
        ["Sessions"] = sessions,
    };

    [Fact]
    public async Task CreatesATableOnceAndReportsItExistedAfterwards()
    {
        var table = AzuriteFixture.UniqueName("Metrics");

        Assert.True(await _tables.CreateTableIfNotExistsAsync(table));
        Assert.False(await _tables.CreateTableIfNotExistsAsync(table));
        Assert.True(await _tables.DeleteTableAsync(table));
    }

    [Fact]
    public async Task RoundTripsEveryTypedPropertyExactly()
    {
        var when = new DateTimeOffset(2015, 11, 3, 0, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        var entity = new TableEntity("1234567_2015-16", "k1")
        {
            ["Int32"] = int.MinValue,
            ["Int64"] = 9007199254740993L,
            ["Double"] = 12.345678901234567,
            ["WholeDouble"] = 2.0,
            ["When"] = when,
            ["Flag"] = true,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 254, 255 },
            ["Text"] = "Rotherham \"quoted\" & 'single'\nline two",
        };

        await _tables.AddEntityAsync(_table, entity);
        var read = await _tables.GetEntityAsync(_table, "1234567_2015-16", "k1");

        Assert.NotNull(read);
        Assert.Equal(int.MinValue, Assert.IsType<int>(read["Int32"]));
        Assert.Equal(9007199254740993L, Assert.IsType<long>(read["Int64"]));
        Assert.Equal(12.345678901234567, Assert.IsType<double>(read["Double"]));
        Assert.Equal(2.0, Assert.IsType<double>(read["WholeDouble"]));
        Assert.Equal(when, Assert.IsType<DateTimeOffset>(read["When"]));
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(id, Assert.IsType<Guid>(read["Id"]));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, Assert.IsType<byte[]>(read["Bytes"]));
        Assert.Equal("Rotherham \"quoted\" & 'single'\nline two", read["Text"]);
        Assert.NotNull(read.Timestamp);
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task RefusesToInsertAnEntityThatExistsWith409()
    {
        await _tables.AddEntityAsync(_table, Exclusion("p", "r"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _tables.AddEntityAsync(_table, Exclusion("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task UpsertReplaceDropsPropertiesTheNewEntityLacks()
    {
        await _tables.UpsertEntityAsync(_table, Exclusion("p", "r"));

        await _tables.UpsertEntityAsync(_table, new TableEntity("p", "r") { ["Category"] = "PERM" }, TableUpdateMode.Replace);
        var read = await _tables.GetEntityAsync(_table, "p", "r");

        Assert.Equal("PERM", read!["Category"]);
        Assert.False(read.ContainsKey("Sessions"));
    }

    [Fact]
    public async Task UpsertMergeKeepsPropertiesTheNewEntityLacks()
    {
        await _tables.UpsertEntityAsync(_table, Exclusion("p", "r"));

        await _tables.UpsertEntityAsync(_table, new TableEntity("p", "r") { ["Withdrawn"] = true }, TableUpdateMode.Merge);
        var read = await _tables.GetEntityAsync(_table, "p", "r");

        Assert.Equal(2, read!["Sessions"]);
        Assert.Equal(true, read["Withdrawn"]);
    }

    [Fact]
    public async Task ReturnsNullForAMissingEntity()
    {
        Assert.Null(await _tables.GetEntityAsync(_table, "p", "missing"));
    }

    [Fact]
    public async Task UpdatesOnlyWhileTheETagStillMatches()
    {
        var first = await _tables.AddEntityAsync(_table, Exclusion("LA", "2015-16_YEAR_All", 1));
        var second = await _tables.UpdateEntityAsync(_table, Exclusion("LA", "2015-16_YEAR_All", 2), first, TableUpdateMode.Merge);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            _tables.UpdateEntityAsync(_table, Exclusion("LA", "2015-16_YEAR_All", 3), first));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.NotEqual(first, second);
        Assert.Equal(2, (await _tables.GetEntityAsync(_table, "LA", "2015-16_YEAR_All"))!["Sessions"]);
    }

    [Fact]
    public async Task RefusesToUpdateAnEntityThatDoesNotExistWith404()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            _tables.UpdateEntityAsync(_table, Exclusion("p", "gone"), ETag.All));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task QueriesAcrossSeveralContinuationPages()
    {
        for (var batch = 0; batch < 3; batch++)
        {
            var actions = Enumerable.Range(batch * 10, 10)
                .Select(i => TableTransactionAction.UpsertReplace(Exclusion("1234567_2015-16", $"pupil{i:D2}", i)))
                .ToList();
            await _tables.SubmitTransactionAsync(_table, actions);
        }

        await _tables.AddEntityAsync(_table, Exclusion("7654321_2015-16", "pupil00"));

        var filter = TableFilter.Of($"PartitionKey eq {"1234567_2015-16"} and Sessions ge {5}");
        var firstPage = await _tables.QueryPageAsync(_table, filter, ["Sessions"], pageSize: 10);
        var all = new List<TableEntity>();
        await foreach (var entity in _tables.QueryAsync(_table, filter, ["Sessions"], pageSize: 10))
        {
            all.Add(entity);
        }

        Assert.NotNull(firstPage.Continuation);
        Assert.Equal(Enumerable.Range(5, 25).Select(i => $"pupil{i:D2}"), all.Select(e => e.RowKey));
        Assert.All(all, e => Assert.False(e.ContainsKey("Category")));
    }

    [Fact]
    public async Task EscapesAQuoteInAFilterValue()
    {
        await _tables.AddEntityAsync(_table, new TableEntity("role", "Head of Inclusion") { ["Name"] = "O'Brien" });
        await _tables.AddEntityAsync(_table, new TableEntity("role", "Other") { ["Name"] = "OBrien" });

        var matches = new List<string>();
        await foreach (var entity in _tables.QueryAsync(_table, TableFilter.Of($"Name eq {"O'Brien"}")))
        {
            matches.Add(entity.RowKey);
        }

        Assert.Equal(["Head of Inclusion"], matches);
    }

    [Fact]
    public async Task HandlesKeysWithQuotesSpacesAndAccents()
    {
        const string rowKey = "Head's office – Ñ & co";
        await _tables.AddEntityAsync(_table, new TableEntity("p'1", rowKey) { ["V"] = 1 });

        var read = await _tables.GetEntityAsync(_table, "p'1", rowKey);

        Assert.Equal(1, read!["V"]);
        Assert.True(await _tables.DeleteEntityAsync(_table, "p'1", rowKey));
    }

    [Fact]
    public async Task DeletesAnEntityAndReportsWhenThereWasNone()
    {
        await _tables.AddEntityAsync(_table, Exclusion("p", "r"));

        Assert.True(await _tables.DeleteEntityAsync(_table, "p", "r"));
        Assert.False(await _tables.DeleteEntityAsync(_table, "p", "r"));
    }

    [Fact]
    public async Task RefusesToDeleteAChangedEntityWith412()
    {
        var stale = await _tables.AddEntityAsync(_table, Exclusion("p", "r"));
        await _tables.UpsertEntityAsync(_table, Exclusion("p", "r", 4));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _tables.DeleteEntityAsync(_table, "p", "r", stale));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task AppliesEveryOperationOfASuccessfulTransaction()
    {
        await _tables.AddEntityAsync(_table, Exclusion("p", "old"));
        await _tables.AddEntityAsync(_table, Exclusion("p", "merge"));

        await _tables.SubmitTransactionAsync(_table,
        [
            TableTransactionAction.Add(Exclusion("p", "new")),
            TableTransactionAction.UpsertReplace(Exclusion("p", "replace", 9)),
            TableTransactionAction.UpsertMerge(new TableEntity("p", "merge") { ["Withdrawn"] = true }),
            TableTransactionAction.Delete("p", "old"),
        ]);

        Assert.NotNull(await _tables.GetEntityAsync(_table, "p", "new"));
        Assert.Equal(9, (await _tables.GetEntityAsync(_table, "p", "replace"))!["Sessions"]);
        var merged = await _tables.GetEntityAsync(_table, "p", "merge");
        Assert.Equal(2, merged!["Sessions"]);
        Assert.Equal(true, merged["Withdrawn"]);
        Assert.Null(await _tables.GetEntityAsync(_table, "p", "old"));
    }

    [Fact]
    public async Task AFailingTransactionAppliesNothingAndNamesTheFailingOperation()
    {
        await _tables.AddEntityAsync(_table, Exclusion("p", "exists"));

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _tables.SubmitTransactionAsync(_table,
        [
            TableTransactionAction.Add(Exclusion("p", "first")),
            TableTransactionAction.Add(Exclusion("p", "exists")),
            TableTransactionAction.Add(Exclusion("p", "third")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, error.FailedIndex);
        Assert.Equal("exists", error.FailedAction!.Entity.RowKey);
        Assert.Contains("operation 1 (Add of RowKey 'exists')", error.Message, StringComparison.Ordinal);
        Assert.Null(await _tables.GetEntityAsync(_table, "p", "first"));
        Assert.Null(await _tables.GetEntityAsync(_table, "p", "third"));
    }

    [Fact]
    public async Task RefusesMixedPartitionKeysWithoutWritingAnything()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _tables.SubmitTransactionAsync(_table,
        [
            TableTransactionAction.Add(Exclusion("a", "r")),
            TableTransactionAction.Add(Exclusion("b", "r")),
        ]));

        Assert.Null(await _tables.GetEntityAsync(_table, "a", "r"));
    }

    [Fact]
    public async Task AppliesAFullHundredOperationTransaction()
    {
        var actions = Enumerable.Range(0, 100).Select(i => TableTransactionAction.UpsertReplace(Exclusion("p", $"r{i:D3}"))).ToList();

        await _tables.SubmitTransactionAsync(_table, actions);

        var count = 0;
        await foreach (var _ in _tables.QueryAsync(_table, TableFilter.Of($"PartitionKey eq {"p"}")))
        {
            count++;
        }

        Assert.Equal(100, count);
    }
}
