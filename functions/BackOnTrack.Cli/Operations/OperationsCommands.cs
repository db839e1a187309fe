using System.CommandLine;

namespace BackOnTrack.Cli.Operations;

/// <summary>The operations verbs of docs/architecture.md §Functions this project builds, for the root command.</summary>
public static class OperationsCommands
{
    public static IReadOnlyList<Command> All() =>
    [
        ReturnsCommand.Build(),
        DropsCommand.Build(),
        PoisonCommand.Build(),
        PupilCommand.Build(),
        RekeyCommand.Build(),
        BackupCommands.BuildExport(),
        BackupCommands.BuildRestore(),
        SchoolsCommand.Build(),
        BoardPackCommand.Build(),
        EarlyWarningCommand.Build(),
    ];
}
