using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Player.Display;
using Signage.Player.Journal;
using Signage.Player.Sync;

namespace Signage.Player.Tests;

public sealed class OfflinePlaysTests : IDisposable
{
    // Aligned on the rotation's 30-second slots, which start on the Unix epoch.
    static readonly DateTimeOffset Start = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Offline = TimeSpan.FromHours(72);
    readonly string folder = Directory.CreateTempSubdirectory("signage-offline-plays-").FullName;

    PlayJournal Open() => new(Options.Create(new PlayerOptions { CacheDir = folder }), NullLogger<PlayJournal>.Instance);

    [Fact]
    public async Task SeventyTwoHoursOfflineThenReconnectedEveryPlayArrivesOnceEvenWithABatchSentTwice()
    {
        var clock = new FakeTimeProvider(Start);
        using var state = new PlayerState(clock);
        var screenId = Guid.NewGuid();
        ManifestItem[] items = [.. Enumerable.Range(0, 3).Select(i => new ManifestItem(Guid.NewGuid(), Guid.NewGuid(), ItemKind.Image,
            new AssetRef(new string((char)('a' + i), 64), 10, "image/png"), 30, $"Annonce {i}"))];
        var body = new ManifestBody(screenId, new ScreenSettings(1920, 1080, "Europe/Paris"), items);
        state.Use(new ScreenManifest(7, ManifestCanonical.Hash(body), body));

        var journal = Open();
        var recorder = new PlayRecorder(state, journal, clock);
        var uploader = new PlayUploader(journal, NullLogger<PlayUploader>.Instance);
        var failedAttempts = 0;
        // The display reports what it shows every second for 72 hours; the server is unreachable all along, and the
        // player tries every hour. Halfway, at a change of slot, the agent is restarted.
        for (var second = 0; second < Offline.TotalSeconds; second++)
        {
            if (second == Offline.TotalSeconds / 2)
            {
                recorder.Stop();
                journal.Dispose();
                journal = Open();
                recorder = new PlayRecorder(state, journal, clock);
                uploader = new PlayUploader(journal, NullLogger<PlayUploader>.Instance);
            }

            recorder.Shown(state.Now()?.Current.Id);
            if (second % 3600 == 0)
            {
                failedAttempts += await FailedAsync(uploader);
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Closed hours: the display goes dark at the end of the 72 hours.
        recorder.Shown(null);

        // Back online. The server keeps plays by id, as its unique key does; the answer to the third batch is lost, so
        // the player sends that batch again.
        var stored = new Dictionary<Guid, PlayRecord>();
        var batches = new List<int>();
        var duplicates = 0;
        var answers = 0;
        await Assert.ThrowsAsync<IOException>(() => uploader.UploadAsync(async batch =>
        {
            await Task.Yield();
            batches.Add(batch.Count);
            duplicates += batch.Count(p => !stored.TryAdd(p.Id, p));
            if (++answers == 3)
            {
                throw new IOException("answer lost");
            }
        }, CancellationToken.None));
        var caughtUp = await uploader.UploadAsync(batch =>
        {
            batches.Add(batch.Count);
            duplicates += batch.Count(p => !stored.TryAdd(p.Id, p));
            return Task.CompletedTask;
        }, CancellationToken.None);

        // The oracle, from the rules: 3 items of equal weight share 30-second slots, so 72 h hold 8,640 slots, 2,880 per
        // item, each 30 s on screen, one after the other without a gap or an overlap.
        var slots = (int)(Offline.TotalSeconds / 30);
        Assert.Equal(72, failedAttempts + 1); // at the first second nothing was journalled yet
        Assert.Equal(slots, stored.Count);
        Assert.All(items, item => Assert.Equal(slots / 3, stored.Values.Count(p => p.ItemId == item.Id && p.ContentId == item.ContentId)));
        Assert.All(stored.Values, p => Assert.Equal(TimeSpan.FromSeconds(30), p.EndedAt - p.StartedAt));
        var ordered = stored.Values.OrderBy(p => p.StartedAt).ToList();
        Assert.Equal(Start, ordered[0].StartedAt);
        Assert.Equal(Start + Offline, ordered[^1].EndedAt);
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.Equal(pair.First.EndedAt, pair.Second.StartedAt));
        Assert.All(stored.Values, p => Assert.Equal((screenId, 7L), (p.ScreenId, p.ManifestVersion)));
        // Bounded batches; the one whose answer was lost was sent twice and counted once.
        Assert.All(batches, b => Assert.InRange(b, 1, PlayRecord.MaxBatch));
        Assert.Equal(PlayRecord.MaxBatch, duplicates);
        Assert.Equal(slots - (2 * PlayRecord.MaxBatch), caughtUp);
        Assert.Null(journal.NextBatch(PlayRecord.MaxBatch));
        journal.Dispose();
    }

    /// <summary>1 when the uploader tried to send and the network refused, 0 when it had nothing to send.</summary>
    static async Task<int> FailedAsync(PlayUploader uploader)
    {
        try
        {
            await uploader.UploadAsync(_ => throw new IOException("no route to host"), CancellationToken.None);
            return 0;
        }
        catch (IOException)
        {
            return 1;
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
