using System.CommandLine;

namespace BackOnTrack.Cli.Operations;

/// <summary>The operations verbs of docs/architecture.md §Functions this project builds, for the root command.</summary>
public static class OperationsCommands
{
    /// <param name="configure">Last-minute registrations for the hub each verb opens, for tests.</param>
    public static IReadOnlyList<Command> All(Action<HostApplicationBuilder>? configure = null) =>
    [
        ReturnsCommand.Build(configure),
        DropsCommand.Build(configure),
        PoisonCommand.Build(configure),
        PupilCommand.Build(configure),
        RekeyCommand.Build(configure),
        BackupCommands.BuildExport(configure),
        BackupCommands.BuildRestore(configure),
        SchoolsCommand.Build(configure),
        BoardPackCommand.Build(configure),
        EarlyWarningCommand.Build(configure),
    ];
}
