using BackOnTrack.BoardPack.Html;
using BackOnTrack.BoardPack.Pdf;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.TestSamples;

namespace BackOnTrack.BoardPack.Tests;

/// <summary>The sample pack rendered once per test run, and written beside the tests for people to look at.</summary>
public static class SampleRender
{
    private static readonly Lazy<(BoardPackModel Model, byte[] Pdf, string Html)> Rendered = new(() =>
    {
        var model = BoardPackBuilder.Build(SampleBoardPack.Input());
        var pdf = PdfPackRenderer.Render(model);
        var html = HtmlPackRenderer.Render(model);
        var folder = Path.Combine(AppContext.BaseDirectory, "board-pack-sample");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "board-pack.pdf"), pdf);
        File.WriteAllText(Path.Combine(folder, "board-pack.html"), html);
        return (model, pdf, html);
    });

    public static BoardPackModel Model => Rendered.Value.Model;

    public static byte[] Pdf => Rendered.Value.Pdf;

    public static string Html => Rendered.Value.Html;
}
