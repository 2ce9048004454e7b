using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Signage.Contracts.Hub;
using Signage.Player.Journal;
using Signage.Player.Sync;

namespace Signage.Player.Tests;

public sealed class PlayJournalTests : IDisposable
{
    static readonly DateTimeOffset Start = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);
    readonly string folder = Directory.CreateTempSubdirectory("signage-plays-").FullName;
    readonly Guid screen = Guid.NewGuid();

    string JournalPath => Path.Combine(folder, "plays.log");

    PlayJournal Open() => new(Options.Create(new PlayerOptions { CacheDir = folder }), NullLogger<PlayJournal>.Instance);

    PlayRecord Play(int n) => new(Guid.NewGuid(), screen, Guid.NewGuid(), Guid.NewGuid(), 3, Start.AddSeconds(n * 10), Start.AddSeconds((n * 10) + 10));

    static List<PlayRecord> Unsent(PlayJournal journal) => [.. journal.NextBatch(int.MaxValue)?.Plays ?? []];

    [Fact]
    public void ATornLastLineIsSkippedAndNoEarlierPlayIsLost()
    {
        var plays = Enumerable.Range(0, 3).Select(Play).ToList();
        using (var journal = Open())
        {
            plays.ForEach(journal.Append);
        }

        // Power cut in the middle of the fourth append: half a line, no end of line.
        File.AppendAllText(JournalPath, """{"id":"6f1c1d4e-""");

        using var reopened = Open();
        Assert.Equal(plays, Unsent(reopened));
        var fourth = Play(3);
        reopened.Append(fourth);
        Assert.Equal([.. plays, fourth], Unsent(reopened));
    }

    [Fact]
    public void AnUnreadableLineIsSkippedAndTheLinesAroundItKept()
    {
        using var journal = Open();
        var before = Play(0);
        journal.Append(before);
        File.AppendAllText(JournalPath, "\0\0\0\0\n");
        var after = Play(1);
        journal.Append(after);

        Assert.Equal([before, after], Unsent(journal));
    }

    [Fact]
    public void ARestartKeepsThePlaysTheServerHasNotConfirmed()
    {
        var plays = Enumerable.Range(0, 5).Select(Play).ToList();
        using (var journal = Open())
        {
            plays.ForEach(journal.Append);
            var first = journal.NextBatch(2)!;
            Assert.Equal(plays[..2], first.Plays);
            journal.Confirm(first);
            // Read but never confirmed (the connection dropped): still owed after the restart.
            Assert.Equal(plays[2..4], journal.NextBatch(2)!.Plays);
        }

        using var restarted = Open();
        Assert.Equal(plays[2..], Unsent(restarted));
    }

    [Fact]
    public async Task AConfirmedBatchIsNotSentAgainAndAnUnconfirmedOneIs()
    {
        using var journal = Open();
        var uploader = new PlayUploader(journal, NullLogger<PlayUploader>.Instance);
        var sent = new List<IReadOnlyList<PlayRecord>>();
        var plays = Enumerable.Range(0, 4).Select(Play).ToList();
        plays[..3].ForEach(journal.Append);

        await Assert.ThrowsAsync<IOException>(() => uploader.UploadAsync(_ => throw new IOException("connection lost"), CancellationToken.None));
        Assert.Equal(3, await uploader.UploadAsync(b => Record(sent, b), CancellationToken.None));
        journal.Append(plays[3]);
        Assert.Equal(1, await uploader.UploadAsync(b => Record(sent, b), CancellationToken.None));
        Assert.Equal(0, await uploader.UploadAsync(b => Record(sent, b), CancellationToken.None));

        Assert.Equal([plays[..3], [plays[3]]], sent);
        // Everything confirmed: the journal is emptied, so it never grows on a screen that is online.
        Assert.Equal(0, new FileInfo(JournalPath).Length);
        using var restarted = Open();
        Assert.Null(restarted.NextBatch(10));
    }

    static Task Record(List<IReadOnlyList<PlayRecord>> sent, IReadOnlyList<PlayRecord> batch)
    {
        sent.Add([.. batch]);
        return Task.CompletedTask;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
