using BackOnTrack.Core.Ingest;

namespace BackOnTrack.Cli.SampleData;

/// <summary>A generated file: what it is, and its bytes.</summary>
internal sealed record SampleFile(GeneratedFile Description, byte[] Content)
{
    /// <summary>A file the hub reads and stores, apart from the rows planted bad in it.</summary>
    public static SampleFile Accepted(string relativePath, string? school, DropKind kind, DropLayout layout, SampleTable table, byte[] content) =>
        new(
            new GeneratedFile(relativePath, school, kind, layout, ExpectedOutcome.Accepted, table.Rows.Count, table.BadRows, table.PersonalColumns),
            content);
}
