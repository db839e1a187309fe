namespace BackOnTrack.Core.Tabular;

/// <summary>Excel's serial day numbers.</summary>
public static class ExcelDates
{
    private static readonly DateOnly Epoch1900 = new(1899, 12, 31);
    private static readonly DateOnly Epoch1904 = new(1904, 1, 1);

    /// <summary>The largest serial Excel accepts (31 December 9999).</summary>
    public const double MaxSerial = 2_958_465;

    /// <summary>
    /// The date of a serial number's whole part. In the default 1900 system, day 1 is 1 January 1900 and day 60 is
    /// the 29 February 1900 that Excel invents (kept for Lotus 1-2-3 compatibility), so it is refused and later days
    /// are shifted back by one. In the 1904 system (old Mac workbooks), day 0 is 1 January 1904.
    /// </summary>
    public static bool TryToDate(double serial, bool date1904, out DateOnly date)
    {
        date = default;
        if (!double.IsFinite(serial) || serial < (date1904 ? 0 : 1) || serial > MaxSerial)
        {
            return false;
        }

        var day = (int)Math.Floor(serial);
        if (date1904)
        {
            date = Epoch1904.AddDays(day);
            return true;
        }

        if (day == 60)
        {
            return false;
        }

        date = Epoch1900.AddDays(day > 60 ? day - 1 : day);
        return true;
    }
}
