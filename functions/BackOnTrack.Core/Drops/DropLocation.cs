using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Drops;

/// <summary>
/// Whose file a blob in <c>drops</c> is, from its path: <c>drops/{laestab}/…</c> is a school's, <c>drops/la/…</c> the
/// LA's. The path decides, because a school can write only under its own prefix.
/// </summary>
public sealed record DropLocation
{
    /// <summary>The folder of LA-wide files (schools register, cohort lists) and their partition in DataDrops.</summary>
    public const string LaFolder = "la";

    /// <summary>The LA-wide scope, as every table writes it.</summary>
    public const string LaScope = "LA";

    private DropLocation(Laestab? school, string blobName)
    {
        School = school;
        BlobName = blobName;
    }

    /// <summary>The uploading school, or null for an LA-wide file.</summary>
    public Laestab? School { get; }

    public string BlobName { get; }

    /// <summary>The file's own name, without its folders.</summary>
    public string FileName => BlobName[(BlobName.LastIndexOf('/') + 1)..];

    /// <summary>The DataDrops partition and the reports folder: the school's LAESTAB, or <c>LA</c>.</summary>
    public string Scope => School?.Value ?? LaScope;

    /// <summary>The reports/quarantine folder: the school's LAESTAB, or <c>la</c>.</summary>
    public string Folder => School?.Value ?? LaFolder;

    /// <summary>Reads a blob name under container <c>drops</c>; null with a reason when it is in no school's folder.</summary>
    public static DropLocation? Parse(string blobName, out string? reason)
    {
        reason = null;
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == blobName.Length - 1)
        {
            reason = "The file is not in a school's folder (drops/{laestab}/…) or the LA's (drops/la/…).";
            return null;
        }

        var folder = blobName[..slash];
        if (string.Equals(folder, LaFolder, StringComparison.OrdinalIgnoreCase))
        {
            return new DropLocation(null, blobName);
        }

        if (!Laestab.TryParse(folder, out var school, out _))
        {
            reason = "The file's folder is not a school's LAESTAB (7 digits) or 'la'.";
            return null;
        }

        return new DropLocation(school, blobName);
    }
}
