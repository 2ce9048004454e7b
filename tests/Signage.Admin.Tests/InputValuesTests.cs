namespace Signage.Admin.Tests;

public class InputValuesTests
{
    [Theory]
    [InlineData("08:00", 8, 0)]
    [InlineData("08:00:00", 8, 0)]
    [InlineData("20:15:59", 20, 15)]
    [InlineData("23:59:00.000", 23, 59)]
    public void TimesAreReadWithOrWithoutSecondsToTheMinute(string value, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), InputValues.ParseTime(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("8h")]
    [InlineData("25:00")]
    public void AnEmptyOrWrongTimeIsNoTime(string? value) => Assert.Null(InputValues.ParseTime(value));

    [Theory]
    [InlineData("2026-06-05T08:00")]
    [InlineData("2026-06-05T08:00:00")]
    [InlineData("2026-06-05T08:00:42.5")]
    public void DatesAndTimesAreReadWithOrWithoutSeconds(string value) =>
        Assert.Equal(new DateTime(2026, 6, 5, 8, 0, 0, DateTimeKind.Unspecified), InputValues.ParseDateTime(value));

    [Fact]
    public void ValuesAreWrittenBackWithoutSeconds()
    {
        Assert.Equal("08:05", InputValues.Time(new TimeOnly(8, 5, 30)));
        Assert.Equal("2026-06-05T20:00", InputValues.DateTime(new DateTime(2026, 6, 5, 20, 0, 30, DateTimeKind.Unspecified)));
        Assert.Equal("", InputValues.Time(null));
        Assert.Equal("", InputValues.DateTime(null));
    }
}
