using System.Globalization;
using Signage.Core.Text;

namespace Signage.Core.Tests.Text;

public class FrenchDatesTests
{
    static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2026, 11, 28, "samedi 28\u00A0novembre 2026")]
    [InlineData(2026, 12, 1, "mardi 1er\u00A0décembre 2026")]
    [InlineData(2027, 1, 2, "samedi 2\u00A0janvier 2027")]
    [InlineData(2026, 8, 15, "samedi 15\u00A0août 2026")]
    public void Date_writes_weekday_day_month_and_year_in_lower_case(int year, int month, int day, string expected) =>
        Assert.Equal(expected, FrenchDates.Date(new DateOnly(year, month, day)));

    [Theory]
    [InlineData(2026, 12, 1, "1er\u00A0décembre")]
    [InlineData(2026, 11, 28, "28\u00A0novembre")]
    [InlineData(2026, 2, 2, "2\u00A0février")]
    public void DayMonth_writes_first_of_month_as_1er_and_other_days_as_numbers(int year, int month, int day, string expected) =>
        Assert.Equal(expected, FrenchDates.DayMonth(new DateOnly(year, month, day)));

    [Theory]
    [InlineData(14, 30, 0, "14\u00A0h\u00A030")]
    [InlineData(9, 0, 0, "9\u00A0h")]
    [InlineData(9, 5, 0, "9\u00A0h\u00A005")]
    [InlineData(0, 15, 0, "0\u00A0h\u00A015")]
    [InlineData(0, 0, 0, "0\u00A0h")]
    [InlineData(23, 59, 59, "23\u00A0h\u00A059")]
    public void Time_writes_hours_and_minutes_only_when_there_are_minutes(int hour, int minute, int second, string expected) =>
        Assert.Equal(expected, FrenchDates.Time(new TimeOnly(hour, minute, second)));

    [Fact]
    public void Instant_reads_the_wall_clock_of_the_zone() =>
        Assert.Equal("samedi 28\u00A0novembre 2026 à 14\u00A0h\u00A030", FrenchDates.Instant(At("2026-11-28T13:30:00Z"), Paris));

    [Fact]
    public void Instant_at_local_midnight_is_0_h_on_the_first_of_the_month() =>
        Assert.Equal("mardi 1er\u00A0décembre 2026 à 0\u00A0h", FrenchDates.Instant(At("2026-11-30T23:00:00Z"), Paris));

    [Theory]
    [InlineData("2026-03-29T00:59:59Z", "1\u00A0h\u00A059")]
    [InlineData("2026-03-29T01:00:00Z", "3\u00A0h")]
    public void Paris_skips_from_2_h_to_3_h_on_29_March_2026(string instant, string expected) =>
        Assert.Equal(expected, FrenchDates.Time(At(instant), Paris));

    [Theory]
    [InlineData("2026-10-25T00:30:00Z")]
    [InlineData("2026-10-25T01:30:00Z")]
    public void Paris_reads_2_h_30_twice_on_25_October_2026(string instant) =>
        Assert.Equal("dimanche 25\u00A0octobre 2026 à 2\u00A0h\u00A030", FrenchDates.Instant(At(instant), Paris));

    [Fact]
    public void Cayenne_is_three_hours_behind_utc_so_the_date_can_be_the_day_before() =>
        Assert.Equal(
            "lundi 30\u00A0novembre 2026 à 23\u00A0h\u00A030",
            FrenchDates.Instant(At("2026-12-01T02:30:00Z"), TimeZoneInfo.FindSystemTimeZoneById("America/Cayenne")));

    [Fact]
    public void Reunion_is_four_hours_ahead_of_utc_so_the_date_can_be_the_day_after() =>
        Assert.Equal(
            "mardi 1er\u00A0décembre 2026 à 0\u00A0h",
            FrenchDates.Instant(At("2026-11-30T20:00:00Z"), TimeZoneInfo.FindSystemTimeZoneById("Indian/Reunion")));

    [Fact]
    public void Time_of_an_instant_does_not_depend_on_the_offset_it_was_written_with() =>
        Assert.Equal("14\u00A0h\u00A030", FrenchDates.Time(At("2026-11-28T09:30:00-04:00"), Paris));
}
