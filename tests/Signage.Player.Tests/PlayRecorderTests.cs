using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Player.Display;
using Signage.Player.Journal;
using Signage.Player.Sync;

namespace Signage.Player.Tests;

public sealed class PlayRecorderTests : IDisposable
{
    static readonly DateTimeOffset Start = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);
    readonly string folder = Directory.CreateTempSubdirectory("signage-recorder-").FullName;
    readonly FakeTimeProvider clock = new(Start);
    readonly PlayerState state;
    readonly PlayJournal journal;
    readonly PlayRecorder recorder;
    readonly ManifestItem[] items;

    public PlayRecorderTests()
    {
        state = new PlayerState(clock);
        items = [.. Enumerable.Range(0, 2).Select(i => new ManifestItem(Guid.NewGuid(), Guid.NewGuid(), ItemKind.Image,
            new AssetRef(new string((char)('a' + i), 64), 10, "image/png"), 60, $"Annonce {i}"))];
        var body = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"), items);
        state.Use(new ScreenManifest(2, ManifestCanonical.Hash(body), body));
        journal = new PlayJournal(Options.Create(new PlayerOptions { CacheDir = folder }), NullLogger<PlayJournal>.Instance);
        recorder = new PlayRecorder(state, journal, clock);
    }

    List<PlayRecord> Journalled() => [.. journal.NextBatch(int.MaxValue)?.Plays ?? []];

    void ShowFor(Guid? itemId, int seconds)
    {
        for (var s = 0; s < seconds; s++)
        {
            recorder.Shown(itemId);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void ADisplayThatFallsSilentEndsItsPlayAtItsLastReport()
    {
        var current = state.Now()!.Current;
        ShowFor(current.Id, 20);
        // The browser died: nothing for 30 s, then it is back and shows the slot's item again.
        clock.Advance(TimeSpan.FromSeconds(30));
        recorder.Shown(current.Id);

        var play = Assert.Single(Journalled());
        Assert.Equal((current.Id, current.ContentId, 2L, Start, Start.AddSeconds(19)), (play.ItemId, play.ContentId, play.ManifestVersion, play.StartedAt, play.EndedAt));
    }

    [Fact]
    public void AnAlertOverTheSlotEndsItsPlayAndAFrameLeftFromAnotherSlotIsNoPlay()
    {
        var current = state.Now()!.Current;
        var other = items.Single(i => i.Id != current.Id);
        ShowFor(current.Id, 10);
        ShowFor(null, 5);
        // The page still shows the other item's picture while this slot's decodes: not what the rotation plays now.
        ShowFor(other.Id, 5);
        recorder.Stop();

        var play = Assert.Single(Journalled());
        Assert.Equal((current.Id, Start, Start.AddSeconds(10)), (play.ItemId, play.StartedAt, play.EndedAt));
    }

    public void Dispose()
    {
        journal.Dispose();
        state.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
