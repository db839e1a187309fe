using UglyToad.PdfPig;

namespace BackOnTrack.BoardPack.Tests;

public class PdfRendering
{
    [Fact]
    public void TheSamplePackRendersToA4Pages()
    {
        using var pdf = PdfDocument.Open(SampleRender.Pdf);
        Assert.True(pdf.NumberOfPages >= 3);
        foreach (var page in pdf.GetPages())
        {
            Assert.Equal(595, page.Width, 0);
            Assert.Equal(842, page.Height, 0);
        }
    }
}
