using BackOnTrack.Core.Tabular;

namespace BackOnTrack.UnitTests.Core.Tabular;

public class ExcelDateSerials
{
    [Theory]
    [InlineData(1, 1900, 1, 1)]
    [InlineData(59, 1900, 2, 28)]
    [InlineData(61, 1900, 3, 1)]
    [InlineData(45658, 2025, 1, 1)]
    [InlineData(45964, 2025, 11, 3)]
    [InlineData(45964.75, 2025, 11, 3)]
    public void ConvertsThe1900SystemIncludingItsPhantomLeapDay(double serial, int y, int m, int d)
    {
        Assert.True(ExcelDates.TryToDate(serial, date1904: false, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)] // 29 February 1900, which did not exist
    [InlineData(-5)]
    [InlineData(3_000_000)]
    [InlineData(double.NaN)]
    public void RejectsSerialsThatAreNotRealDates(double serial)
    {
        Assert.False(ExcelDates.TryToDate(serial, date1904: false, out _));
    }

    [Fact]
    public void ConvertsThe1904System()
    {
        Assert.True(ExcelDates.TryToDate(0, date1904: true, out var epoch));
        Assert.Equal(new DateOnly(1904, 1, 1), epoch);
        Assert.True(ExcelDates.TryToDate(44502, date1904: true, out var date));
        Assert.Equal(new DateOnly(2025, 11, 3), date);
    }
}
