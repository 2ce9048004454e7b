using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

/// <summary>Invariants of the rotation over many random schedules from a fixed seed (reproducible).</summary>
public class RotationPropertyTests
{
    const int Schedules = 10_000;
    static readonly string[] Zones = ["Europe/Paris", "America/Cayenne", "Indian/Reunion", "Pacific/Noumea"];
    static readonly DateTimeOffset Origin = new(2026, 3, 27, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WhateverIsShownIsActiveAndOfTheHighestActiveTier()
    {
        var random = new Random(20261128);
        for (var n = 0; n < Schedules; n++)
        {
            var body = RandomBody(random);
            var zone = TimeZones.Find(body.Screen.TimeZone);
            var instant = Origin.AddSeconds(random.Next(0, 240 * 24 * 3600));
            var active = body.Items.Where(i => Rotation.IsActive(i, instant, zone)).ToList();

            var slot = Rotation.At(body, instant);

            if (active.Count == 0)
            {
                Assert.Null(slot);
                continue;
            }

            Assert.NotNull(slot);
            Assert.Contains(slot.Current, active);
            Assert.Equal(active.Max(i => i.Tier), slot.Current.Tier);
            if (active.Any(i => i.Tier == Tier.Alert))
            {
                Assert.Equal(Tier.Alert, slot.Current.Tier);
            }
        }
    }

    [Fact]
    public void RotationHasNoGapWhileSomethingIsActive()
    {
        var random = new Random(42);
        for (var n = 0; n < Schedules; n++)
        {
            var body = RandomBody(random);
            var instant = Origin.AddSeconds(random.Next(0, 240 * 24 * 3600));
            var slot = Rotation.At(body, instant);
            if (slot is null)
            {
                continue;
            }

            Assert.True(slot.StartedAt <= instant && instant < slot.NextAt, $"schedule {n}: {instant} outside [{slot.StartedAt}, {slot.NextAt})");
            var following = Rotation.At(body, slot.NextAt);
            Assert.Equal(following?.Current, slot.Next);
            if (following is not null)
            {
                Assert.Equal(slot.NextAt, following.StartedAt);
            }
        }
    }

    [Fact]
    public void SharesOfVoiceOverADayMatchWeightsWithinOneSlot()
    {
        var random = new Random(7);
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
                Assert.InRange(counts[item.Id], expected - 1, expected + 1);
            }
        }
    }

    static ManifestBody RandomBody(Random random)
    {
        var items = Enumerable.Range(0, random.Next(0, 7)).Select(_ => Item(random, (Tier)random.Next(0, 4), RandomWindow(random))).ToArray();
        return new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, Zones[random.Next(Zones.Length)]), items);
    }

    static ManifestItem Item(Random random, Tier tier, PlayWindow? window) => new(
        Guid.NewGuid(), Guid.NewGuid(), ItemKind.RenderedAnnouncement, new AssetRef(new string('a', 64), 1, "image/png"),
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
}
