using System.Text.Json;
using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

public class RotationTests
{
    static readonly DateTimeOffset Monday = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    static readonly ManifestItem A = Item("a", 10);
    static readonly ManifestItem B = Item("b", 20);
    static readonly ManifestItem C = Item("c", 5);
    static readonly ManifestBody ThreeItems = Body(A, B, C);

    [Fact]
    public void NothingIsShownWhenTheManifestHasNoItems() =>
        Assert.Null(Rotation.At(Body(), Monday));

    [Fact]
    public void ItemsFollowEachOtherForTheirDurationFromTheEpoch()
    {
        // Cycle = 35 s, aligned on 1970-01-01T00:00:00Z.
        var cycleStart = DateTimeOffset.FromUnixTimeSeconds(35 * 1_000_000);

        Assert.Equal(A, Rotation.At(ThreeItems, cycleStart)!.Current);
        Assert.Equal(A, Rotation.At(ThreeItems, cycleStart.AddSeconds(9.999))!.Current);
        Assert.Equal(B, Rotation.At(ThreeItems, cycleStart.AddSeconds(10))!.Current);
        Assert.Equal(C, Rotation.At(ThreeItems, cycleStart.AddSeconds(34))!.Current);
        Assert.Equal(A, Rotation.At(ThreeItems, cycleStart.AddSeconds(35))!.Current);
    }

    [Fact]
    public void SlotTellsWhenTheItemStartedAndWhatComesNext()
    {
        var cycleStart = DateTimeOffset.FromUnixTimeSeconds(35 * 1_000_000);

        var slot = Rotation.At(ThreeItems, cycleStart.AddSeconds(17))!;

        Assert.Equal(B, slot.Current);
        Assert.Equal(cycleStart.AddSeconds(10), slot.StartedAt);
        Assert.Equal(cycleStart.AddSeconds(30), slot.NextAt);
        Assert.Equal(C, slot.Next);
        Assert.Equal(A, Rotation.At(ThreeItems, cycleStart.AddSeconds(31))!.Next);
    }

    [Fact]
    public void ScreensWithTheSameManifestShowTheSameItemAtTheSameInstant()
    {
        // Each player holds its own copy, deserialized from what the server sent.
        var copy = JsonSerializer.Deserialize<ManifestBody>(JsonSerializer.Serialize(ThreeItems, ManifestCanonical.Options), ManifestCanonical.Options)!;
        var start = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        for (var ms = 0; ms < 120_000; ms += 250)
        {
            var instant = start.AddMilliseconds(ms);
            Assert.Equal(Rotation.At(ThreeItems, instant)!.Current.Id, Rotation.At(copy, instant)!.Current.Id);
        }
    }

    [Fact]
    public void ThereIsNoGapBetweenConsecutiveSlots()
    {
        var instant = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        for (var i = 0; i < 100; i++)
        {
            var slot = Rotation.At(ThreeItems, instant)!;
            var following = Rotation.At(ThreeItems, slot.NextAt)!;
            Assert.Equal(slot.Next, following.Current);
            Assert.Equal(slot.NextAt, following.StartedAt);
            instant = slot.NextAt;
        }
    }

    [Fact]
    public void ASingleItemStaysOnScreenAndIsItsOwnNext()
    {
        var slot = Rotation.At(Body(A), Monday)!;
        Assert.Equal(A, slot.Current);
        Assert.Equal(A, slot.Next);
    }

    static ManifestItem Item(string name, int seconds) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ItemKind.RenderedAnnouncement, new AssetRef(new string(name[0], 64), 100, "image/png"), seconds, name);

    static ManifestBody Body(params ManifestItem[] items) =>
        new(Guid.Parse("6a1e0c1e-0000-4000-8000-000000000001"), new ScreenSettings(1920, 1080, "Europe/Paris"), items);
}
