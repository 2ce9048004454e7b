using System.Globalization;
using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

/// <summary>
/// Brute force over both 2026 clock changes in Paris: every minute of 29 March (23 hours: 02:00–02:59
/// never reads) and of 25 October (25 hours: 02:00–02:59 reads twice), windows and rotation against
/// <see cref="RotationOracle"/>, and the minutes each window is open against counts made by hand.
/// </summary>
public class DstWalkTests
{
    const string Paris = "Europe/Paris";
    const int Seed = 20261025;
    const int RandomManifests = 10;

    /// <summary>Windows around the changes, with the minutes they are open on 29 March and on 25 October, counted by hand.</summary>
    static readonly (string Name, PlayWindow Window, int March, int October)[] NightWindows =
    [
        // The hour that is missing in March and repeated in October.
        ("02:00–03:00", Daily(2, 0, 3, 0), 0, 120),
        // 01:30–02:00 and 03:00–03:30 in March; 01:30, the two 02:00–03:00 hours and 03:00–03:30 in October.
        ("01:30–03:30", Daily(1, 30, 3, 30), 60, 180),
        // Starts in the gap, so it opens when the clock jumps to 03:00; in October 02:30–03:00 twice, then 03:00–04:00.
        ("02:30–04:00", Daily(2, 30, 4, 0), 60, 120),
        // Saturday night into Sunday: 00:00–02:00 then the jump in March; 00:00–02:30 and the second 02:00–02:30 in October.
        ("samedi 22:00–02:30", new PlayWindow(Days: [DayOfWeek.Saturday], Times: [new TimeRange(new TimeOnly(22, 0), new TimeOnly(2, 30))]), 120, 180),
        // The whole Sunday: 23 hours, then 25.
        ("dimanche", new PlayWindow(Days: [DayOfWeek.Sunday]), 23 * 60, 25 * 60),
        ("03:00–03:15", Daily(3, 0, 3, 15), 15, 15),
        // Ends in the gap: closes at the jump, 01:00 UTC, like 03:00; in October 01:00–02:30, then the second 02:00–02:30.
        ("01:00–02:30", Daily(1, 0, 2, 30), 60, 120),
        ("dimanche 23:30–00:30", new PlayWindow(Days: [DayOfWeek.Sunday], Times: [new TimeRange(new TimeOnly(23, 30), new TimeOnly(0, 30))]), 30, 30),
    ];

    [Theory]
    [InlineData("2026-03-29")]
    [InlineData("2026-10-25")]
    public void EachWallClockMinuteOfTheDayIsReadAtTheInstantsTheRulesSay(string date)
    {
        var day = DateTime.Parse(date, CultureInfo.InvariantCulture);
        var zone = TimeZones.Find(Paris);
        var readTwice = 0;
        var skipped = 0;
        for (var local = day; local < day.AddDays(1); local = local.AddMinutes(1))
        {
            var expected = RotationOracle.Instants(Paris, local);
            var actual = Windows.Instants(local, zone).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{date}, wall clock {local:HH:mm}: expected {string.Join(", ", expected.Select(i => i.ToString("O")))}, got {string.Join(", ", actual.Select(i => i.ToString("O")))}");
            readTwice += expected.Count == 2 ? 1 : 0;
            skipped += RotationOracle.WallClock(Paris, expected[0]) != local ? 1 : 0;
        }

        Assert.Equal(day.Month == 10 ? 60 : 0, readTwice);
        Assert.Equal(day.Month == 3 ? 60 : 0, skipped);
    }

    [Theory]
    [InlineData("2026-03-29")]
    [InlineData("2026-10-25")]
    public void WindowsAreOpenForTheMinutesTheWallClockReads(string date)
    {
        var (start, end) = LocalDay(date);
        var zone = TimeZones.Find(Paris);
        foreach (var (name, window, march, october) in NightWindows)
        {
            var minutesOpen = 0;
            for (var instant = start; instant < end; instant = instant.AddMinutes(1))
            {
                var where = $"{date}, {name}, at {instant:O} (wall clock {RotationOracle.WallClock(Paris, instant):HH:mm})";
                Assert.True(RotationOracle.WallClock(Paris, instant) == TimeZoneInfo.ConvertTime(instant, zone).DateTime, $"{where}: the oracle's clock is wrong");
                var open = RotationOracle.IsOpen(window, instant, Paris);
                Assert.True(open == Windows.IsOpen(window, instant, zone), $"{where}: should be {(open ? "open" : "closed")}");
                Assert.True(open == Windows.IsOpen(window, instant.AddSeconds(59.999), zone), $"{where} + 59.999 s: should be {(open ? "open" : "closed")}");
                minutesOpen += open ? 1 : 0;
            }

            Assert.True(minutesOpen == (start.Month == 10 ? october : march), $"{date}, {name}: open {minutesOpen} minutes, counted by hand {(start.Month == 10 ? october : march)}");
        }
    }

    [Theory]
    [InlineData("2026-03-29")]
    [InlineData("2026-10-25")]
    public void RotationMinuteByMinuteIsWhatTheRulesSay(string date)
    {
        var (start, end) = LocalDay(date);
        var random = new Random(Seed + start.DayOfYear);
        var manifests = new List<ManifestBody> { Fixed(start) };
        manifests.AddRange(Enumerable.Range(0, RandomManifests).Select(_ => RandomBody(random, start, end)));
        for (var k = 0; k < manifests.Count; k++)
        {
            var body = manifests[k];
            var edges = RotationOracle.Edges(body, start, end);
            var timeline = new List<(DateTimeOffset Start, DateTimeOffset End, string Rotating)>();
            for (var minute = start; minute < end; minute = minute.AddMinutes(1))
            {
                foreach (var instant in new[] { minute, minute.AddMilliseconds(random.Next(1, 60_000)) })
                {
                    var where = $"seed {Seed + start.DayOfYear}, {date}, manifest {k}, at {instant:O} (wall clock {RotationOracle.WallClock(Paris, instant):HH:mm:ss})";
                    RotationPropertyTests.SameSlot(RotationOracle.At(body, instant, edges), Rotation.At(body, instant), where);
                }

                var rotating = Names(RotationOracle.Rotating(body, minute));
                if (timeline.Count > 0 && timeline[^1].Rotating == rotating)
                {
                    timeline[^1] = timeline[^1] with { End = minute.AddMinutes(1) };
                }
                else
                {
                    timeline.Add((minute, minute.AddMinutes(1), rotating));
                }
            }

            var periods = Rotation.Periods(body, start, end).Select(p => (p.Start, p.End, Names(p.Rotating))).ToList();
            Assert.True(
                timeline.SequenceEqual(periods),
                $"seed {Seed + start.DayOfYear}, {date}, manifest {k}: periods\nexpected {string.Join("\n         ", timeline)}\nactual   {string.Join("\n         ", periods)}");
        }
    }

    /// <summary>The windows above on one screen, with tiers, weights and durations that do not divide a minute.</summary>
    static ManifestBody Fixed(DateTimeOffset dayStart)
    {
        var change = RotationOracle.SummerStarts(dayStart.Year) > dayStart ? RotationOracle.SummerStarts(dayStart.Year) : RotationOracle.SummerEnds(dayStart.Year);
        var items = new List<ManifestItem> { Item("toujours", Tier.Default, null, 1, 10) };
        var tiers = new[] { Tier.Scheduled, Tier.Override, Tier.Scheduled, Tier.Scheduled, Tier.Scheduled, Tier.Alert, Tier.Override, Tier.Scheduled };
        for (var i = 0; i < NightWindows.Length; i++)
        {
            items.Add(Item(NightWindows[i].Name, tiers[i], NightWindows[i].Window, 1 + (i % 3), 7 + (5 * i)));
        }

        items.Add(Item("autour du changement", Tier.Override, new PlayWindow(change.AddMinutes(-30), change.AddMinutes(90)), 2, 13));
        return new ManifestBody(Guid.Empty, new ScreenSettings(1920, 1080, Paris), items);
    }

    static ManifestBody RandomBody(Random random, DateTimeOffset start, DateTimeOffset end)
    {
        // Mostly the night hours around the change, on whole quarters, so every edge falls on a minute.
        int[] hours = [0, 1, 2, 2, 3, 3, 4, 21, 22, 23];
        TimeOnly Quarter() => new(hours[random.Next(hours.Length)], random.Next(4) * 15);
        DateTimeOffset Minute() => start.AddMinutes(random.Next(-120, (int)(end - start).TotalMinutes + 120));
        var items = Enumerable.Range(0, random.Next(1, 7)).Select(k => Item(
            $"item {k}",
            (Tier)random.Next(4),
            random.Next(5) == 0 ? null : new PlayWindow(
                random.Next(3) == 0 ? Minute() : null,
                random.Next(3) == 0 ? Minute() : null,
                random.Next(2) == 0 ? [.. Enum.GetValues<DayOfWeek>().Where(_ => random.Next(2) == 0)] : null,
                random.Next(4) == 0 ? null : [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => new TimeRange(Quarter(), Quarter()))]),
            random.Next(1, 6),
            random.Next(3, 41))).ToList();
        return new ManifestBody(Guid.Empty, new ScreenSettings(1920, 1080, Paris), items);
    }

    static ManifestItem Item(string name, Tier tier, PlayWindow? window, int weight, int seconds) => new(
        Guid.Empty, Guid.Empty, ItemKind.RenderedAnnouncement, new AssetRef(new string('a', 64), 1, "image/png"), seconds, name, tier, weight, Audience.Public, window);

    static PlayWindow Daily(int startHour, int startMinute, int endHour, int endMinute) =>
        new(Times: [new TimeRange(new TimeOnly(startHour, startMinute), new TimeOnly(endHour, endMinute))]);

    /// <summary>From the instant the wall clock reads 00:00 on that day to the one it reads 00:00 the next.</summary>
    static (DateTimeOffset Start, DateTimeOffset End) LocalDay(string date)
    {
        var day = DateTime.Parse(date, CultureInfo.InvariantCulture);
        return (RotationOracle.Instants(Paris, day).Single(), RotationOracle.Instants(Paris, day.AddDays(1)).Single());
    }

    static string Names(IEnumerable<ManifestItem> items) => string.Join(" + ", items.Select(i => i.AccessibleText));
}
