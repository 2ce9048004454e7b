using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

public class TiersAndWindowsTests
{
    static readonly DateTimeOffset Noon = new(2026, 11, 28, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ActiveAlertShowsAloneOverEverythingElse()
    {
        var alert = Item("alerte", Tier.Alert);
        var body = Body(Item("a", Tier.Scheduled), alert, Item("o", Tier.Override), Item("d", Tier.Default));

        for (var s = 0; s < 120; s += 5)
        {
            Assert.Equal(alert, Rotation.At(body, Noon.AddSeconds(s))!.Current);
        }
    }

    [Fact]
    public void OverrideReplacesScheduledContentOnlyWhileItsWindowIsOpen()
    {
        var scheduled = Item("scheduled", Tier.Scheduled);
        var overriding = Item("override", Tier.Override) with { Window = new PlayWindow(From: Noon, Until: Noon.AddHours(1)) };
        var body = Body(scheduled, overriding);

        Assert.Equal(scheduled, Rotation.At(body, Noon.AddSeconds(-1))!.Current);
        Assert.Equal(overriding, Rotation.At(body, Noon)!.Current);
        Assert.Equal(scheduled, Rotation.At(body, Noon.AddHours(1))!.Current);
    }

    [Fact]
    public void DefaultContentPlaysOnlyWhenNothingElseIsActive()
    {
        var filler = Item("filler", Tier.Default);
        var evening = Item("evening", Tier.Scheduled) with { Window = new PlayWindow(Times: [new TimeRange(new TimeOnly(18, 0), new TimeOnly(22, 0))]) };
        var body = Body(filler, evening);

        Assert.Equal(filler, Rotation.At(body, At("2026-11-28T17:59:59", "Europe/Paris"))!.Current);
        Assert.Equal(evening, Rotation.At(body, At("2026-11-28T18:00:00", "Europe/Paris"))!.Current);
    }

    [Fact]
    public void WeightsSetTheShareOfVoiceAndSpreadTheSlots()
    {
        var three = Item("three", weight: 3);
        var one = Item("one", weight: 1);
        var body = Body(three, one);
        var cycleStart = DateTimeOffset.FromUnixTimeSeconds(40 * 1_000_000);

        var shown = Enumerable.Range(0, 8).Select(i => Rotation.At(body, cycleStart.AddSeconds(10 * i))!.Current.AccessibleText).ToList();

        Assert.Equal(6, shown.Count(s => s == "three"));
        Assert.Equal(2, shown.Count(s => s == "one"));
        // Spread within a cycle: the lighter item is not pushed after all slots of the heavier one.
        Assert.DoesNotContain("three,three,three", string.Join(',', shown.Take(4)), StringComparison.Ordinal);
    }

    [Fact]
    public void DaysOfWeekAreReadOnTheSitesWallClock()
    {
        var saturday = Item("samedi") with { Window = new PlayWindow(Days: [DayOfWeek.Saturday]) };
        var body = Body(saturday, "Indian/Reunion");

        // Friday 20:30 UTC is already Saturday 00:30 in Réunion (UTC+4).
        Assert.Null(Rotation.At(body, new DateTimeOffset(2026, 11, 27, 19, 59, 0, TimeSpan.Zero)));
        Assert.Equal(saturday, Rotation.At(body, new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero))!.Current);
    }

    [Fact]
    public void RangeCrossingMidnightBelongsToTheDayItStarts()
    {
        var fridayNight = Item("nuit") with { Window = new PlayWindow(Days: [DayOfWeek.Friday], Times: [new TimeRange(new TimeOnly(22, 0), new TimeOnly(2, 0))]) };
        var body = Body(fridayNight);

        Assert.NotNull(Rotation.At(body, At("2026-11-27T23:00:00", "Europe/Paris")));
        Assert.NotNull(Rotation.At(body, At("2026-11-28T01:59:00", "Europe/Paris")));
        Assert.Null(Rotation.At(body, At("2026-11-28T02:00:00", "Europe/Paris")));
        Assert.Null(Rotation.At(body, At("2026-11-28T23:00:00", "Europe/Paris")));
    }

    [Theory]
    [InlineData("America/Cayenne", "2026-11-28T11:00:00Z", "2026-11-28T21:00:00Z")]
    [InlineData("Indian/Reunion", "2026-11-28T04:00:00Z", "2026-11-28T14:00:00Z")]
    [InlineData("Europe/Paris", "2026-11-28T07:00:00Z", "2026-11-28T17:00:00Z")]
    public void OfficeHoursFollowTheSitesTimeZone(string zone, string opens, string closes)
    {
        var hours = Item("horaires") with { Window = new PlayWindow(Times: [new TimeRange(new TimeOnly(8, 0), new TimeOnly(18, 0))]) };
        var body = Body(hours, zone);
        var open = DateTimeOffset.Parse(opens, System.Globalization.CultureInfo.InvariantCulture);
        var close = DateTimeOffset.Parse(closes, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Null(Rotation.At(body, open.AddSeconds(-1)));
        Assert.NotNull(Rotation.At(body, open));
        Assert.NotNull(Rotation.At(body, close.AddSeconds(-1)));
        Assert.Null(Rotation.At(body, close));
        Assert.Equal(close, Windows.NextEdge(hours.Window, open, TimeZones.Find(zone)));
    }

    [Fact]
    public void SpringForwardGapOpensAWindowWhenTheClockJumpsPastItsStart()
    {
        // 29 March 2026 in Paris: 02:00 CET jumps to 03:00 CEST (01:00 UTC); 02:30 never happens.
        var paris = TimeZones.Find("Europe/Paris");
        var item = Item("gap") with { Window = new PlayWindow(Times: [new TimeRange(new TimeOnly(2, 30), new TimeOnly(3, 30))]) };
        var body = Body(item);
        var jump = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero);

        Assert.Null(Rotation.At(body, jump.AddSeconds(-1)));
        Assert.Equal(item, Rotation.At(body, jump)!.Current);
        Assert.Null(Rotation.At(body, jump.AddMinutes(30)));
        Assert.Equal(jump, Windows.NextEdge(item.Window, jump.AddHours(-2), paris));
        Assert.Equal(jump, Assert.Single(Windows.Instants(new DateTime(2026, 3, 29, 2, 30, 0), paris)));
    }

    [Fact]
    public void FallBackRepeatedHourPlaysAtBothOccurrences()
    {
        // 25 October 2026 in Paris: 03:00 CEST falls back to 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC.
        var paris = TimeZones.Find("Europe/Paris");
        var item = Item("twice") with { Window = new PlayWindow(Times: [new TimeRange(new TimeOnly(2, 30), new TimeOnly(2, 45))]) };
        var body = Body(item);
        var first = new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero);
        var second = new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero);

        Assert.Equal([first, second], Windows.Instants(new DateTime(2026, 10, 25, 2, 30, 0), paris));
        Assert.NotNull(Rotation.At(body, first));
        Assert.Null(Rotation.At(body, first.AddMinutes(20)));
        Assert.NotNull(Rotation.At(body, second));
        Assert.Equal(second, Windows.NextEdge(item.Window, first.AddMinutes(20), paris));
    }

    [Fact]
    public void FallingBackClosesARangeOpenedInTheRepeatedHourUntilItsStartComesAgain()
    {
        // 25 October 2026 in Paris: at 01:00 UTC the clock goes from 03:00 CEST back to 02:00 CET, before 02:30 again.
        var paris = TimeZones.Find("Europe/Paris");
        var filler = Item("filler", Tier.Default);
        var night = Item("nuit") with { Window = new PlayWindow(Times: [new TimeRange(new TimeOnly(2, 30), new TimeOnly(4, 0))]) };
        var body = Body(filler, night);
        var back = new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero);

        Assert.Equal(back, Windows.NextEdge(night.Window, back.AddMinutes(-15), paris));
        Assert.Equal(back, Windows.LastEdge(night.Window, back.AddMinutes(15), paris));
        Assert.Equal(night, Rotation.At(body, back.AddMinutes(-15))!.Current);
        Assert.Equal(filler, Rotation.At(body, back.AddMinutes(15))!.Current);
        Assert.Equal(night, Rotation.At(body, back.AddMinutes(30))!.Current);
        Assert.Equal(
            [(back.AddMinutes(-60), "filler"), (back.AddMinutes(-30), "nuit"), (back, "filler"), (back.AddMinutes(30), "nuit")],
            Rotation.Periods(body, back.AddHours(-1), back.AddHours(1)).Select(p => (p.Start, string.Join('+', p.Rotating.Select(i => i.AccessibleText)))));
    }

    [Fact]
    public void TheDaysEdgesEndAStretchEvenWhenFromAndUntilAreFurtherAway()
    {
        // From and Until a week away used to stop the search for the day's edges: the 09:00 opening was missed.
        var paris = TimeZones.Find("Europe/Paris");
        var filler = Item("filler", Tier.Default);
        var office = Item("bureau") with { Window = new PlayWindow(From: Noon.AddDays(-7), Until: Noon.AddDays(7), Times: [new TimeRange(new TimeOnly(9, 0), new TimeOnly(17, 0))]) };
        var body = Body(filler, office);
        var nine = At("2026-11-28T09:00:00", "Europe/Paris");

        Assert.Equal(nine, Windows.NextEdge(office.Window, nine.AddHours(-1), paris));
        Assert.Equal(nine, Windows.LastEdge(office.Window, nine.AddHours(1), paris));
        Assert.Equal(filler, Rotation.At(body, nine.AddHours(-1))!.Current);
        Assert.Equal(office, Rotation.At(body, nine.AddHours(1))!.Current);
    }

    [Fact]
    public void SlotEndsAtTheNextWindowEdgeAndNamesWhatComesThen()
    {
        var scheduled = Item("scheduled");
        var overriding = Item("override", Tier.Override) with { Window = new PlayWindow(From: Noon.AddSeconds(3)) };
        var body = Body(scheduled, overriding);
        var cycleStart = DateTimeOffset.FromUnixTimeSeconds(Noon.ToUnixTimeSeconds() - (Noon.ToUnixTimeSeconds() % 10));

        var slot = Rotation.At(body, cycleStart)!;

        Assert.Equal(scheduled, slot.Current);
        Assert.Equal(Noon.AddSeconds(3), slot.NextAt);
        Assert.Equal(overriding, slot.Next);
        Assert.Equal(Noon.AddSeconds(3), Rotation.At(body, Noon.AddSeconds(4))!.StartedAt);
    }

    [Fact]
    public void NothingIsNextWhenTheLastWindowCloses()
    {
        var item = Item("last") with { Window = new PlayWindow(Until: Noon.AddSeconds(5)) };
        var slot = Rotation.At(Body(item), Noon)!;
        Assert.Equal(Noon.AddSeconds(5), slot.NextAt);
        Assert.Null(slot.Next);
    }

    internal static ManifestItem Item(string text, Tier tier = Tier.Scheduled, int weight = 1, int seconds = 10) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ItemKind.RenderedAnnouncement, new AssetRef(new string('a', 64), 1, "image/png"), seconds, text, tier, weight);

    static ManifestBody Body(ManifestItem item, string zone) =>
        new(Guid.NewGuid(), new ScreenSettings(1920, 1080, zone), [item]);

    static ManifestBody Body(params ManifestItem[] items) =>
        new(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"), items);

    static DateTimeOffset At(string local, string zone) =>
        Windows.Instants(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), TimeZones.Find(zone)).First();
}
