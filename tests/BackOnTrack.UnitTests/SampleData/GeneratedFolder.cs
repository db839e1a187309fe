using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Cli.SampleData;

namespace BackOnTrack.UnitTests.SampleData;

/// <summary>A sample dataset generated into a temporary folder, read back the way IngestDrop reads uploads.</summary>
public sealed class GeneratedFolder : IDisposable
{
    /// <summary>The as-of date the README's local run uses.</summary>
    public static readonly DateOnly DefaultAsOf = new(2025, 9, 1);

    private static readonly byte[] Key = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    public GeneratedFolder()
        : this(DefaultAsOf)
    {
    }

    private GeneratedFolder(DateOnly asOf)
    {
        Folder = Path.Combine(Path.GetTempPath(), "backontrack-sample-" + Guid.NewGuid().ToString("N"));
        Dataset = SampleDatasetGenerator.Generate(Folder, asOf);
    }

    public string Folder { get; }

    public GeneratedDataset Dataset { get; }

    /// <summary>A dataset for another as-of date (a class fixture may have only one public constructor).</summary>
    public static GeneratedFolder For(DateOnly asOf) => new(asOf);

    /// <summary>Reads a generated file as IngestDrop would: the hub's clock at the as-of date, the school from the blob path.</summary>
    public DropRead Read(GeneratedFile file)
    {
        var location = DropLocation.Parse(file.RelativePath, out var misplaced);
        Assert.True(location is not null, misplaced);
        Assert.Equal(file.School, location.School?.Value);
        var now = new DateTimeOffset(Dataset.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var content = new MemoryStream(File.ReadAllBytes(PathOf(file)));
        return DropReader.Read(content, location.FileName, new DropContext(now, location.School, Key));
    }

    /// <summary>Every outcome of an accepted file, asserting it is readable.</summary>
    public (DropRead Read, List<RowOutcome> Outcomes) ReadAll(GeneratedFile file)
    {
        var read = Read(file);
        Assert.True(read.IsReadable, $"{file.RelativePath}: {read.Rejection}");
        return (read, read.Outcomes.ToList());
    }

    public string PathOf(GeneratedFile file) => Path.Combine(Folder, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
