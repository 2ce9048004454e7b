using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

public class PowerPlanTests
{
    static readonly TimeZoneInfo Paris = TimeZones.Find("Europe/Paris");
    static readonly PowerPlan TownHall = new(
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningHours(d, new TimeOnly(8, 30), new TimeOnly(17, 30)))],
        [new DateOnly(2026, 12, 25)],
        null);

    [Theory]
    [InlineData("2026-11-30T08:29:00", false)]
    [InlineData("2026-11-30T08:30:00", true)]
    [InlineData("2026-11-30T17:29:00", true)]
    [InlineData("2026-11-30T17:30:00", false)]
    [InlineData("2026-11-28T10:00:00", false)]
    [InlineData("2026-12-25T10:00:00", false)]
    public void DisplayFollowsOpeningHoursAndClosedDays(string local, bool on) =>
        Assert.Equal(on, TownHall.IsOn(At(local), Paris));

    [Fact]
    public void StreetVisibleScreenIsOffAtNightEvenWhenOpen()
    {
        var library = new PowerPlan([], [], PowerPlan.StreetCurfew);
        Assert.True(library.IsOn(At("2026-11-28T00:59:00"), Paris));
        Assert.False(library.IsOn(At("2026-11-28T01:00:00"), Paris));
        Assert.False(library.IsOn(At("2026-11-28T05:59:00"), Paris));
        Assert.True(library.IsOn(At("2026-11-28T06:00:00"), Paris));
    }

    [Fact]
    public void OpeningHoursHoldOnTheDaysTheClockChanges()
    {
        var sundayMarket = new PowerPlan([new OpeningHours(DayOfWeek.Sunday, new TimeOnly(8, 0), new TimeOnly(13, 0))], [], null);
        // 29 March 2026: 08:00 CEST is 06:00 UTC; 25 October 2026: 08:00 CET is 07:00 UTC.
        Assert.False(sundayMarket.IsOn(new DateTimeOffset(2026, 3, 29, 5, 59, 0, TimeSpan.Zero), Paris));
        Assert.True(sundayMarket.IsOn(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero), Paris));
        Assert.False(sundayMarket.IsOn(new DateTimeOffset(2026, 10, 25, 6, 59, 0, TimeSpan.Zero), Paris));
        Assert.True(sundayMarket.IsOn(new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero), Paris));
    }

    static DateTimeOffset At(string local) => Windows.Instants(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), Paris).First();
}
