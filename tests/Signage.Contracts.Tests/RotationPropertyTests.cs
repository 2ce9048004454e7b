using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

/// <summary>
/// The rotation over many random schedules from fixed seeds, against <see cref="RotationOracle"/>;
/// every failure names its seed and case.
/// </summary>
public class RotationPropertyTests
{
    const int Schedules = 1_000;
    static readonly string[] Zones = ["Europe/Paris", "America/Cayenne", "Indian/Reunion", "Pacific/Noumea"];
    static readonly DateTimeOffset Origin = new(2026, 3, 27, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(20261128)]
    [InlineData(42)]
    [InlineData(7)]
    [InlineData(1789)]
    [InlineData(2026)]
    [InlineData(31337)]
    [InlineData(86400)]
    [InlineData(65537)]
    public void WhatIsShownWhenAndWhatFollowsAreWhatTheRulesSay(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < Schedules; n++)
        {
            var body = RandomBody(random);
            var zone = TimeZones.Find(body.Screen.TimeZone);
            var first = Origin.AddSeconds(random.Next(0, 240 * 24 * 3600));
            // Three instants on one manifest, so the rotation's cache of the stretch around the first one is read again.
            foreach (var instant in new[] { first, first.AddSeconds(random.Next(0, 6 * 3600)), first.AddSeconds(-random.Next(0, 6 * 3600)) })
            {
                var where = $"seed {seed}, case {n}, {body.Screen.TimeZone}, at {instant:O}";
                foreach (var item in body.Items)
                {
                    Assert.True(
                        RotationOracle.IsOpen(item.Window, instant, body.Screen.TimeZone) == Rotation.IsActive(item, instant, zone),
                        $"{where}: item {item.AccessibleText} should be {(RotationOracle.IsOpen(item.Window, instant, body.Screen.TimeZone) ? "active" : "inactive")}");
                }

                var expected = RotationOracle.At(body, instant, RotationOracle.Edges(body, instant, instant));
                SameSlot(expected, Rotation.At(body, instant), where);
            }
        }
    }

    [Theory]
    [InlineData(42)]
    [InlineData(4242)]
    public void RotationHasNoGapWhileSomethingIsActive(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 5_000; n++)
        {
            var body = RandomBody(random);
            var instant = Origin.AddSeconds(random.Next(0, 240 * 24 * 3600));
            var slot = Rotation.At(body, instant);
            if (slot is null)
            {
                continue;
            }

            var where = $"seed {seed}, case {n}, at {instant:O}";
            Assert.True(slot.StartedAt <= instant && instant < slot.NextAt, $"{where}: outside [{slot.StartedAt:O}, {slot.NextAt:O})");
            var following = Rotation.At(body, slot.NextAt);
            Assert.True(following?.Current == slot.Next, $"{where}: announced {slot.Next?.AccessibleText} next, {following?.Current.AccessibleText} followed");
            Assert.True(following is null || following.StartedAt == slot.NextAt, $"{where}: the next slot starts at {following?.StartedAt:O}, not {slot.NextAt:O}");
        }
    }

    /// <summary>Same item, same start, same end, same next item; the message says which differs.</summary>
    internal static void SameSlot(RotationSlot? expected, RotationSlot? actual, string where)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{where}: expected {Describe(expected)}, got {Describe(actual)}");
            return;
        }

        Assert.True(expected.Current == actual.Current, $"{where}: expected {Describe(expected)}, got {Describe(actual)}");
        Assert.True(expected.StartedAt == actual.StartedAt, $"{where}: expected {Describe(expected)}, got {Describe(actual)}");
        Assert.True(expected.NextAt == actual.NextAt, $"{where}: expected {Describe(expected)}, got {Describe(actual)}");
        Assert.True(expected.Next == actual.Next, $"{where}: expected {Describe(expected)}, got {Describe(actual)}");
    }

    static string Describe(RotationSlot? slot) => slot is null
        ? "nothing"
        : $"{slot.Current.AccessibleText} [{slot.StartedAt:O}, {slot.NextAt:O}) then {slot.Next?.AccessibleText ?? "nothing"}";

    [Fact]
    public void SharesOfVoiceOverADayMatchWeightsWithinOneSlot()
    {
        const int seed = 7;
        var random = new Random(seed);
        for (var n = 0; n < 200; n++)
        {
            var items = Enumerable.Range(0, random.Next(1, 6))
                .Select(i => Item(random, Tier.Scheduled, window: null) with { DurationSeconds = 10, Weight = random.Next(1, 6) })
                .ToArray();
            var body = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"), items);
            var counts = items.ToDictionary(i => i.Id, _ => 0);
            var start = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
            var slots = 24 * 360;
            for (var s = 0; s < slots; s++)
            {
                counts[Rotation.At(body, start.AddSeconds((s * 10) + 5))!.Current.Id]++;
            }

            var totalWeight = items.Sum(i => i.Weight);
            foreach (var item in items)
            {
                var expected = (double)slots * item.Weight / totalWeight;
                Assert.True(Math.Abs(counts[item.Id] - expected) <= 1, $"seed {seed}, case {n}: weight {item.Weight} of {totalWeight} got {counts[item.Id]} slots of {slots}, expected {expected:F1}");
            }
        }
    }

    static ManifestBody RandomBody(Random random)
    {
        var items = Enumerable.Range(0, random.Next(0, 7)).Select(k => Item(random, (Tier)random.Next(0, 4), RandomWindow(random)) with { AccessibleText = $"item {k}" }).ToArray();
        return new ManifestBody(NewId(random), new ScreenSettings(1920, 1080, Zones[random.Next(Zones.Length)]), items);
    }

    static ManifestItem Item(Random random, Tier tier, PlayWindow? window) => new(
        NewId(random), NewId(random), ItemKind.RenderedAnnouncement, new AssetRef(new string('a', 64), 1, "image/png"),
        random.Next(1, 30), "item", tier, random.Next(1, 5), Audience.Public, window);

    static PlayWindow? RandomWindow(Random random)
    {
        if (random.Next(4) == 0)
        {
            return null;
        }

        DateTimeOffset? from = random.Next(2) == 0 ? Origin.AddHours(random.Next(0, 240 * 24)) : null;
        DateTimeOffset? until = random.Next(2) == 0 ? (from ?? Origin).AddHours(random.Next(1, 240 * 24)) : null;
        var days = random.Next(2) == 0 ? Enum.GetValues<DayOfWeek>().Where(_ => random.Next(2) == 0).DefaultIfEmpty(DayOfWeek.Monday).ToArray() : null;
        var times = random.Next(2) == 0
            ? Enumerable.Range(0, random.Next(1, 3)).Select(_ => new TimeRange(new TimeOnly(random.Next(24), random.Next(4) * 15), new TimeOnly(random.Next(24), random.Next(4) * 15))).ToArray()
            : null;
        return new PlayWindow(from, until, days, times);
    }

    static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
