using BackOnTrack.Tests.Storage;
using System.Globalization;
using Azure.Data.Tables;
using BackOnTrack.Application.Operations;
using BackOnTrack.Cli.Operations;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Tests.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Operations;

/// <summary><c>export</c> on one Azurite and <c>restore</c> into another, empty one.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ExportAndRestoreOnAzurite : IDisposable
{
    private readonly FreshAzurite _source = SecondAzurite.Start();
    private readonly FreshAzurite _target = SecondAzurite.Start();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task ARoundTripLeavesIdenticalTablesWithEveryPropertyType()
    {
        await using (var hub = await TestHub.StartAsync(_source.ConnectionString, new DateOnly(2025, 7, 31)))
        {
            await new PupilDrops("3751234", "Nurture-Group").UploadAndIngestAsync(hub);
            await hub.Tables().GetTableClient(HubStorageNames.Tables.OperationsAudit).UpsertEntityAsync(new TableEntity("TypeCheck", "every-type")
            {
                ["Text"] = "it's \"quoted\" / \\ # ? ü",
                ["Int32"] = 42,
                ["Int64"] = 9_000_000_000L,
                ["WholeDouble"] = 2.0,
                ["Double"] = 0.1 + 0.2,
                ["Boolean"] = false,
                ["DateTime"] = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567),
                ["Guid"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
                ["Binary"] = new byte[] { 0, 1, 2, 254, 255 },
            }, TableUpdateMode.Replace);
        }

        using var exported = new StringWriter();
        Assert.Equal(0, await BackupCommands.ExportAsync("backups", "2025-07-31-before-move", exported, null, OperationsSettings.Configure(_source.ConnectionString), CancellationToken.None));
        var source = TestStorage.For(_source.ConnectionString);
        var target = TestStorage.For(_target.ConnectionString);
        await CopyBackupsAsync(source, target);

        using var restored = new StringWriter();
        Assert.Equal(0, await BackupCommands.RestoreAsync("2025-07-31-before-move", "backups", force: false, restored, null, OperationsSettings.Configure(_target.ConnectionString), CancellationToken.None));

        var expected = await AccountSnapshot.OfAsync(_source.Tables());
        Assert.Contains(expected, l => l.Contains("Int64:Int64=9000000000; Text:String=", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.StartsWith("Attendance/", StringComparison.Ordinal));
        Assert.Equal(expected, await AccountSnapshot.OfAsync(_target.Tables()));
        Assert.Contains("Restored", restored.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToRestoreOverTablesThatHoldRowsUnlessForced()
    {
        var settings = OperationsSettings.Configure(_source.ConnectionString);
        using var output = new StringWriter();
        await BackupCommands.ExportAsync("backups", "empty", output, null, settings, CancellationToken.None);
        await _source.Tables().GetTableClient(HubStorageNames.Tables.Schools).UpsertEntityAsync(new TableEntity("2024-25", "3751234") { ["Name"] = "Oak Academy" }, TableUpdateMode.Replace);

        Assert.Equal(1, await BackupCommands.RestoreAsync("empty", "backups", force: false, output, null, settings, CancellationToken.None));
        Assert.Equal(0, await BackupCommands.RestoreAsync("empty", "backups", force: true, output, null, settings, CancellationToken.None));
        Assert.Equal(1, await BackupCommands.RestoreAsync("no-such-export", "backups", force: true, output, null, settings, CancellationToken.None));

        Assert.Contains("Refused: Schools already hold rows", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("No complete export at backups/no-such-export/", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAndRestoreReportTheRowsOfEachTableEveryThousandRowsAndTheRunsTotal()
    {
        const int Bulk = 2500;
        var source = TestStorage.For(_source.ConnectionString);
        var target = TestStorage.For(_target.ConnectionString);
        var exported = new List<TableCopyProgress>();
        var restored = new List<TableCopyProgress>();
        await using (var hub = await TestHub.StartAsync(_source.ConnectionString, new DateOnly(2025, 7, 31)))
        {
            foreach (var chunk in Enumerable.Range(0, Bulk).Chunk(100))
            {
                await hub.Tables().GetTableClient(HubStorageNames.Tables.OperationsAudit).SubmitCheckedAsync(
                    [.. chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("Bulk", i.ToString("D5", CultureInfo.InvariantCulture)) { ["N"] = i }))]);
            }

            await hub.Services.GetRequiredService<ExportTablesUseCase>().ExportAsync("backups", "bulk", new Recording(exported), CancellationToken.None);
        }

        await CopyBackupsAsync(source, target);
        await using (var hub = await TestHub.StartAsync(_target.ConnectionString, new DateOnly(2025, 7, 31)))
        {
            await hub.Services.GetRequiredService<RestoreTablesUseCase>().RestoreAsync("backups", "bulk", force: true, new Recording(restored), CancellationToken.None);
        }

        var tables = HubStorageNames.Tables.All.Count;
        // Every table's end is reported, in order, and the audit table's 2,500 rows also at 1,000 and 2,000.
        Assert.Equal(Enumerable.Range(1, tables), exported.Select(p => p.TableNumber).Distinct());
        Assert.Equal([1000, 2000, Bulk], exported.Where(p => p.Table == HubStorageNames.Tables.OperationsAudit).Select(p => p.TableRows));
        Assert.Equal(Enumerable.Range(1, tables), exported.Where(p => p.TableDone).Select(p => p.TableNumber));
        Assert.All(exported, p => Assert.Equal((tables, (long?)null), (p.Tables, p.TotalRows)));
        var total = exported[^1].RunRows;
        Assert.True(total >= Bulk);
        Assert.Equal(exported.Where(p => p.TableDone).Sum(p => p.TableRows), total);

        Assert.Equal([1000, 2000, Bulk], restored.Where(p => p.Table == HubStorageNames.Tables.OperationsAudit).Select(p => p.TableRows));
        Assert.All(restored, p => Assert.Equal(total, p.TotalRows));
        Assert.Equal(total, restored[^1].RunRows);
        Assert.Equal(restored.Select(p => p.RunRows).Order(), restored.Select(p => p.RunRows));
    }

    /// <summary>Records each report as it is made (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
    private sealed class Recording(List<TableCopyProgress> reports) : IProgress<TableCopyProgress>
    {
        public void Report(TableCopyProgress value) => reports.Add(value);
    }

    /// <summary>What an operator does with azcopy: the export folder into the new account's backups container.</summary>
    private static async Task CopyBackupsAsync(TestStorage source, TestStorage target)
    {
        await target.BlobService.GetBlobContainerClient("backups").CreateIfNotExistsAsync();
        foreach (var name in await source.ListNamesAsync("backups"))
        {
            await using var download = await source.OpenReadAsync("backups", name);
            await target.UploadAsync("backups", name, download);
        }
    }
}
