using System.Text.Json;
using Azure.Data.Tables;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Sweep;
using BackOnTrack.Tests.Ports;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.UnitTests.Application.Operations;

public sealed class PupilDataRetentionThroughItsPorts
{
    private static readonly DateTimeOffset Autumn2017 = new(2017, 10, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Autumn2019 = new(2019, 10, 7, 0, 0, 0, TimeSpan.Zero);

    private readonly InMemoryPupilRows _rows = new();
    private readonly SdkClientMocks _sdk = new();

    /// <summary>A Processed drop of table DataDrops that wrote to the given "Table|PartitionKey"s.</summary>
    private static TableEntity Drop(string dropId, params string[] partitions) => new("3751234", dropId)
    {
        ["BlobName"] = $"3751234/{dropId}.csv",
        ["Status"] = "Processed",
        ["ReceivedAt"] = Autumn2017,
        ["Partitions"] = JsonSerializer.Serialize(partitions),
        ["SchoolYears"] = "[]",
    };

    // Seven years kept: on 1 August 2025, 2017-18 (ended 31 July 2018) is past, 2018-19 is not.
    private async Task<RetentionResult> ApplyAsync(params TableEntity[] drops) =>
        await new PupilDataRetention(
            new BackOnTrack.Storage.Repositories.DataDropStore(_sdk.Table(drops)),
            _rows,
            Options.Create(new RetentionOptions { PupilDataYears = 7 }),
            new FakeClock(new DateTimeOffset(2025, 8, 1, 2, 0, 0, TimeSpan.Zero)),
            NullLogger<PupilDataRetention>.Instance).ApplyAsync(CancellationToken.None);

    [Fact]
    public async Task DeletesExpiredPartitionsAndCohortMembersAndExpiresTheDropThatWroteThem()
    {
        _rows.Rows.AddRange(
        [
            new("Exclusions", "3751234_2017-18", "a_20171002_FIXD"),
            new("Exclusions", "3751234_2017-18", "b_20171002_FIXD"),
            new("Exclusions", "3751234_2018-19", "c_20181001_FIXD"),
            new("Cohorts", "Nurture", "a", StartDate: Autumn2017, SourceDropId: "old"),
            new("Cohorts", "Nurture", "b", StartDate: Autumn2017, SourceDropId: "other"),
        ]);

        var result = await ApplyAsync(Drop("old", "Exclusions|3751234_2017-18", "Cohorts|Nurture", "Metrics|3751234_2017-18"));

        Assert.Equal((2, 0, 1), (result.RowsDeleted["Exclusions"], result.RowsDeleted["Attendance"], result.RowsDeleted["Cohorts"]));
        Assert.Equal(["c_20181001_FIXD", "b"], _rows.Rows.Select(r => r.RowKey));
        Assert.Equal(1, result.DropsExpired);
        var saved = Assert.Single(_sdk.Written);
        Assert.Equal(("old", "Expired"), (saved.RowKey, saved.GetString("Status")));
    }

    [Fact]
    public async Task KeepsADropWhileAnyOfItsPupilRowsIsWithinRetention()
    {
        _rows.Rows.AddRange(
        [
            new("Exclusions", "3751234_2017-18", "a_20171002_FIXD"),
            new("Exclusions", "3751234_2018-19", "a_20181001_FIXD"),
            new("Cohorts", "Nurture", "a", StartDate: Autumn2017, SourceDropId: "old"),
            new("Cohorts", "Nurture", "b", StartDate: Autumn2019, SourceDropId: "old"),
        ]);

        var result = await ApplyAsync(Drop("old", "Exclusions|3751234_2017-18", "Exclusions|3751234_2018-19", "Cohorts|Nurture"));

        Assert.Equal(2, result.TotalRows);
        Assert.Equal(["a_20181001_FIXD", "b"], _rows.Rows.Select(r => r.RowKey));
        Assert.Equal(0, result.DropsExpired);
        Assert.Empty(_sdk.Written);
    }

    [Fact]
    public async Task ClearsAPartitionTwoDropsWroteOnlyOnce()
    {
        _rows.Rows.Add(new("Attendance", "3751234_2017-18", "M_a_201710"));

        var result = await ApplyAsync(Drop("first", "Attendance|3751234_2017-18"), Drop("second", "Attendance|3751234_2017-18"));

        Assert.Equal(1, result.RowsDeleted["Attendance"]);
        Assert.Equal(2, result.DropsExpired);
    }
}
