using BackOnTrack.Core.Drops;
using System.Globalization;
using System.Text;

namespace BackOnTrack.Cli.Operations.Output;

/// <summary><c>drops list</c>: one line per drop, oldest first, with the short id the other drops verbs accept.</summary>
public static class DropsTable
{
    /// <summary>How many leading characters of a drop id are printed (and the fewest a verb accepts).</summary>
    public const int ShortId = 12;

    public static string Format(string scope, IReadOnlyList<DataDrop> drops)
    {
        ArgumentNullException.ThrowIfNull(drops);
        if (drops.Count == 0)
        {
            return $"No drops from {scope}.";
        }

        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"Drops from {scope} ({drops.Count}):")
            .AppendLine(CultureInfo.InvariantCulture, $"{"drop",-12} {"received (UTC)",-16} {"processed (UTC)",-16} {"kind",-18} {"status",-10} {"read",7} {"stored",7} {"rejected",8}  file");
        foreach (var drop in drops)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{drop.DropId[..ShortId],-12} {drop.ReceivedAt:yyyy-MM-dd HH:mm} {(drop.ProcessedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-"),-16} {drop.Kind ?? "-",-18} {drop.Status,-10} {drop.RowsRead,7} {drop.RowsAccepted,7} {drop.RowsRejected,8}  {drop.BlobName}");
        }

        return text.ToString().TrimEnd();
    }
}
