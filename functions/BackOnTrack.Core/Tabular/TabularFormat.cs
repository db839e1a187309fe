namespace BackOnTrack.Core.Tabular;

/// <summary>The file formats the hub reads.</summary>
public enum TabularFormat
{
    Csv,
    Xlsx,
}
