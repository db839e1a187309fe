using System.Globalization;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// Allocates distinct UPNs the way schools do (docs/domain.md §UPN): the LA code, the allocating school's establishment
/// number, the year of allocation's last two digits and a serial; the check letter comes from <see cref="Upn"/>.
/// </summary>
internal sealed class UpnAllocator(string laCode)
{
    // The 23 letters of the UPN letter table; a temporary UPN ends in one.
    private const string Letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private readonly Dictionary<string, int> _nextSerial = new(StringComparer.Ordinal);
    private int _temporaryCount;

    /// <summary>A permanent UPN: 12 digits after the check letter. Serials start at a random point, as real ones do.</summary>
    public string Permanent(string allocatingEstab, int allocatedInYear, SampleRandom random)
    {
        var prefix = laCode + allocatingEstab + TwoDigits(allocatedInYear);
        if (!_nextSerial.TryGetValue(prefix, out var serial))
        {
            serial = random.Next(1, 600);
        }

        _nextSerial[prefix] = serial + 1;
        return WithCheckLetter(prefix + serial.ToString("D3", CultureInfo.InvariantCulture));
    }

    /// <summary>A temporary UPN, allocated while a pupil's permanent one is unknown: 11 digits and then a letter.</summary>
    public string Temporary(string allocatingEstab, int allocatedInYear)
    {
        var count = _temporaryCount++;
        var body = laCode + allocatingEstab + TwoDigits(allocatedInYear)
            + (1 + (count / Letters.Length)).ToString("D2", CultureInfo.InvariantCulture) + Letters[count % Letters.Length];
        return WithCheckLetter(body);
    }

    /// <summary>The UPN with its check letter replaced by another letter: a typing error the census check rejects (error 1510).</summary>
    public static string WithWrongCheckLetter(string upn)
    {
        var wrong = Letters[(Letters.IndexOf(upn[0], StringComparison.Ordinal) + 1) % Letters.Length];
        return wrong + upn[1..];
    }

    private static string WithCheckLetter(string body) => Upn.CheckLetterFor(body) + body;

    private static string TwoDigits(int year) => (year % 100).ToString("D2", CultureInfo.InvariantCulture);
}
