using BackOnTrack.Core.Ingest;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class DropDateParsing
{
    [Theory]
    [InlineData("03/11/2025")]
    [InlineData("3/11/2025")]
    [InlineData(" 03/11/2025 ")]
    [InlineData("03/11/2025 00:00")]
    [InlineData("03/11/2025 00:00:00")]
    [InlineData("2025-11-03")]
    [InlineData("2025-11-03T00:00:00")]
    [InlineData("2025-11-03T00:00:00Z")]
    [InlineData("3 Nov 2025")]
    [InlineData("03 nov 2025")]
    [InlineData("3 November 2025")]
    [InlineData("3-Nov-2025")]
    [InlineData("Mon 3 Nov 2025")]
    [InlineData("Monday, 3 November 2025")]
    [InlineData("45964")]
    [InlineData("45964.0")]
    public void ReadsEveryAcceptedFormOfThirdNovember2025(string text)
    {
        Assert.True(DropDates.TryParse(text, out var date));
        Assert.Equal(new DateOnly(2025, 11, 3), date);
    }

    [Fact]
    public void ReadsSeptAsSeptember()
    {
        Assert.True(DropDates.TryParse("4 Sept 2025", out var date));
        Assert.Equal(new DateOnly(2025, 9, 4), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("31/02/2025")] // not a real date
    [InlineData("29/02/2025")]
    [InlineData("11/30/2025")] // US order is not accepted
    [InlineData("2025-13-01")]
    [InlineData("03/11/25")]
    [InlineData("03/11/2025 09:30")] // a time other than midnight
    [InlineData("2025")] // a year, not a serial
    [InlineData("7")]
    [InlineData("next Monday")]
    [InlineData("3 Novembre 2025")]
    public void RejectsWhatIsNotARealDateInAnAcceptedForm(string text)
    {
        Assert.False(DropDates.TryParse(text, out _));
    }

    [Fact]
    public void AcceptsTheLeapDayOfALeapYear()
    {
        Assert.True(DropDates.TryParse("29/02/2024", out var date));
        Assert.Equal(new DateOnly(2024, 2, 29), date);
    }
}
