using System.Reflection;
using PdfSharp.Fonts;
using SkiaSharp;

namespace BackOnTrack.BoardPack;

/// <summary>
/// The pack's one typeface, Liberation Sans (regular and bold), shipped inside this assembly. PDFsharp on Linux finds
/// no fonts by itself, and a server may have none installed, so both PDFsharp and ScottPlot are given these bytes.
/// </summary>
public static class PackFonts
{
    /// <summary>The family name charts and PDF text ask for.</summary>
    public const string Family = "Liberation Sans";

    private static readonly Lazy<byte[]> RegularBytes = new(() => Read("Regular"));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Read("Bold"));
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static byte[] Regular => RegularBytes.Value;

    public static byte[] Bold => BoldBytes.Value;

    /// <summary>Gives both libraries the fonts; safe to call any number of times, from any thread.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            // PDFsharp's resolver is process-wide and can be set only before its first use.
            GlobalFontSettings.FontResolver ??= new PdfFontResolver();
            ScottPlot.Fonts.FontResolvers.Insert(0, new ChartFontResolver());
            _registered = true;
        }
    }

    private static byte[] Read(string face)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"BackOnTrack.BoardPack.Fonts.{face}.ttf")
                           ?? throw new InvalidOperationException($"The {face} font is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class PdfFontResolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            // Every family resolves to Liberation Sans: the pack asks for no other, and PDFsharp's own defaults must not fail.
            new(bold ? "LiberationSans-Bold" : "LiberationSans-Regular");

        public byte[]? GetFont(string faceName) => faceName == "LiberationSans-Bold" ? Bold : Regular;
    }

    private sealed class ChartFontResolver : ScottPlot.IFontResolver
    {
        private readonly Lazy<SKTypeface> _regular = new(() => SKTypeface.FromData(SKData.CreateCopy(Regular)));
        private readonly Lazy<SKTypeface> _bold = new(() => SKTypeface.FromData(SKData.CreateCopy(Bold)));

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => bold ? _bold.Value : _regular.Value;

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            weight >= ScottPlot.FontWeight.SemiBold ? _bold.Value : _regular.Value;
    }
}
