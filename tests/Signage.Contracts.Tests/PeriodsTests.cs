using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

public class PeriodsTests
{
    [Fact]
    public void ADayOfAParisScreenSplitsAtEachWindowEdge()
    {
        var filler = TiersAndWindowsTests.Item("filler", Tier.Default);
        var office = TiersAndWindowsTests.Item("bureau") with { Window = new PlayWindow(Times: [new TimeRange(new TimeOnly(8, 30), new TimeOnly(12, 0)), new TimeRange(new TimeOnly(13, 30), new TimeOnly(17, 0))]) };
        var body = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"), [filler, office]);
        var midnight = new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);

        var periods = Rotation.Periods(body, midnight, midnight.AddDays(1));

        Assert.Equal(
            [("00:00", "filler"), ("08:30", "bureau"), ("12:00", "filler"), ("13:30", "bureau"), ("17:00", "filler")],
            periods.Select(p => (p.Start.ToOffset(TimeSpan.FromHours(1)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), string.Join('+', p.Rotating.Select(i => i.AccessibleText)))));
        Assert.Equal(midnight.AddDays(1), periods[^1].End);
    }

    [Fact]
    public void PeriodsCoverTheWholeRangeWithoutHoles()
    {
        var item = TiersAndWindowsTests.Item("soir") with { Window = new PlayWindow(Days: [DayOfWeek.Friday], Times: [new TimeRange(new TimeOnly(22, 0), new TimeOnly(2, 0))]) };
        var body = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Indian/Reunion"), [item]);
        var from = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        var periods = Rotation.Periods(body, from, from.AddDays(7));

        Assert.Equal(from, periods[0].Start);
        Assert.Equal(from.AddDays(7), periods[^1].End);
        for (var i = 1; i < periods.Count; i++)
        {
            Assert.Equal(periods[i - 1].End, periods[i].Start);
        }

        Assert.Single(periods, p => p.Rotating.Count > 0);
        Assert.Equal(TimeSpan.FromHours(4), periods.Single(p => p.Rotating.Count > 0).End - periods.Single(p => p.Rotating.Count > 0).Start);
    }
}
