using System.Globalization;

namespace BackOnTrack.Core.Drops;

/// <summary>Whether a readable file is stored or rejected whole, by the share of its rows that were rejected.</summary>
public static class DropVerdict
{
    /// <summary>The reason a file is rejected, or null when it is stored.</summary>
    /// <param name="rejectThresholdPercent">Rejected whole when more than this share of its rows (0–100) were rejected.</param>
    public static string? Judge(int rowsRead, int rowsRejected, double rejectThresholdPercent)
    {
        if (rowsRead == 0)
        {
            return "The file has a header but no data rows.";
        }

        var share = 100.0 * rowsRejected / rowsRead;
        return share > rejectThresholdPercent
            ? string.Create(CultureInfo.InvariantCulture, $"{rowsRejected} of {rowsRead} rows ({share:0.#}%) were rejected, more than the {rejectThresholdPercent:0.#}% allowed: the file looks wrong as a whole, so nothing from it was stored.")
            : null;
    }
}
