using BackOnTrack.Application.Operations;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Cli.Operations;
using Microsoft.Extensions.Time.Testing;

namespace BackOnTrack.UnitTests.Cli;

/// <summary>The long verbs' progress where stderr is not a terminal (CI logs, tests): plain lines, a few, never a live bar.</summary>
public sealed class ProgressWhenRedirected
{
    [Fact]
    public void AShortRunPrintsNoProgressAndALongOneALineAtMostEveryInterval()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter();
        var progress = ProgressDisplay.Plain("export", error, clock);

        progress.Report(new ProgressStep("Audit (table 1 of 3), 0 rows", 0, 3));
        clock.Advance(TimeSpan.FromSeconds(4));
        progress.Report(new ProgressStep("Audit (table 1 of 3), 1,000 rows", 0, 3));
        Assert.Empty(error.ToString());

        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report(new ProgressStep("Exclusions (table 2 of 3), 2,000 rows", 1, 3));
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report(new ProgressStep("Exclusions (table 2 of 3), 3,000 rows", 1, 3));
        clock.Advance(ProgressDisplay.PlainInterval);
        progress.Report(new ProgressStep("Metrics, 4,000 rows re-keyed", 4000, null));

        Assert.Equal(
            "export: Exclusions (table 2 of 3), 2,000 rows, 33% done" + Environment.NewLine +
            "export: Metrics, 4,000 rows re-keyed" + Environment.NewLine,
            error.ToString());
    }

    [Fact]
    public async Task ADisplayOnAWriterThatIsNotTheConsoleIsPlainAndPassesTheWorksResultOn()
    {
        using var error = new StringWriter();

        using var output = new StringWriter();

        var result = await ProgressDisplay.RunAsync("conformance", output, error, async (stdout, progress) =>
        {
            progress.Report(new ProgressStep("a.csv (file 1 of 1)", 0, 1));
            await stdout.WriteLineAsync("All 1 file(s) loaded.");
            return 7;
        });

        Assert.Equal((7, "All 1 file(s) loaded." + Environment.NewLine, ""), (result, output.ToString(), error.ToString()));
    }

    [Fact]
    public void ARestoreShowsRowsOfTheManifestsTotalAndAnExportTablesDone()
    {
        Assert.Equal(
            new ProgressStep("Exclusions (table 2 of 5), 1,500 rows", 1500, 4000),
            BackupCommands.Step(new TableCopyProgress("Exclusions", 2, 5, 1000, 1500, 4000, TableDone: false)));
        Assert.Equal(
            new ProgressStep("Exclusions (table 2 of 5), 1,500 rows", 1, 5),
            BackupCommands.Step(new TableCopyProgress("Exclusions", 2, 5, 1000, 1500, null, TableDone: false)));
        Assert.Equal(
            new ProgressStep("Exclusions (table 2 of 5), 1,500 rows", 2, 5),
            BackupCommands.Step(new TableCopyProgress("Exclusions", 2, 5, 1000, 1500, null, TableDone: true)));
    }
}
