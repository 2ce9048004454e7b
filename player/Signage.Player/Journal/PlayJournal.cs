using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Signage.Contracts.Hub;
using Signage.Player.Sync;

namespace Signage.Player.Journal;

/// <summary>Plays read from the journal, and the byte range they came from (confirmed as a whole).</summary>
public sealed record PlayBatch(IReadOnlyList<PlayRecord> Plays, long Start, long End);

/// <summary>
/// The proof-of-play journal: <c>plays.log</c> in the cache folder, one JSON line per play, appended and fsync'd
/// before <see cref="Append"/> returns, so a power cut loses no play that was journalled. <c>plays.sent</c> holds the
/// byte offset up to which the server confirmed; it is written atomically (temporary file, fsync, rename). Once every
/// line is confirmed the journal is emptied, the offset first, so a crash in between only makes the player send again
/// what the server already holds (uploads are idempotent). A line torn by a crash is cut off when the journal opens;
/// a line that does not read (garbage left by a power cut) is skipped, never the lines around it.
/// </summary>
public sealed class PlayJournal : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly string path;
    readonly string cursorPath;
    readonly ILogger<PlayJournal> logger;
    readonly Lock gate = new();
    readonly SemaphoreSlim appended = new(0);
    readonly FileStream file;
    long sent;

    public PlayJournal(IOptions<PlayerOptions> options, ILogger<PlayJournal> logger)
    {
        var root = Path.GetFullPath(options.Value.CacheDir);
        Directory.CreateDirectory(root);
        path = Path.Combine(root, "plays.log");
        cursorPath = Path.Combine(root, "plays.sent");
        this.logger = logger;
        file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        CutTornTail();
        sent = ReadCursor();
        if (sent > file.Length)
        {
            sent = 0;
        }
    }

    /// <summary>Writes the play and forces it to the disk.</summary>
    public void Append(PlayRecord play)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(play, Json);
        lock (gate)
        {
            file.Seek(0, SeekOrigin.End);
            file.Write(line);
            file.WriteByte((byte)'\n');
            file.Flush(flushToDisk: true);
        }

        appended.Release();
    }

    /// <summary>The oldest unconfirmed plays, at most <paramref name="max"/>; null when everything is confirmed.</summary>
    public PlayBatch? NextBatch(int max)
    {
        lock (gate)
        {
            if (sent >= file.Length)
            {
                return null;
            }

            var plays = new List<PlayRecord>();
            using var line = new MemoryStream();
            var end = sent;
            file.Seek(sent, SeekOrigin.Begin);
            var buffer = new byte[64 * 1024];
            int read;
            while (plays.Count < max && (read = file.Read(buffer)) > 0)
            {
                for (var i = 0; i < read && plays.Count < max; i++)
                {
                    if (buffer[i] != '\n')
                    {
                        line.WriteByte(buffer[i]);
                        continue;
                    }

                    end += line.Length + 1;
                    if (Read(line.ToArray()) is { } play)
                    {
                        plays.Add(play);
                    }

                    line.SetLength(0);
                }
            }

            return new PlayBatch(plays, sent, end);
        }
    }

    /// <summary>The server holds the batch: the journal advances past it, and is emptied once everything is confirmed.</summary>
    public void Confirm(PlayBatch batch)
    {
        lock (gate)
        {
            if (batch.Start != sent)
            {
                return;
            }

            if (batch.End >= file.Length)
            {
                File.Delete(cursorPath);
                file.SetLength(0);
                file.Flush(flushToDisk: true);
                sent = 0;
                return;
            }

            WriteCursor(batch.End);
            sent = batch.End;
        }
    }

    /// <summary>Waits until a play is journalled or <see cref="Wake"/> is called; wake-ups that piled up count as one.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        await appended.WaitAsync(ct);
        while (appended.Wait(0, CancellationToken.None))
        {
            // Drained: one upload round sends everything journalled so far.
        }
    }

    /// <summary>Wakes the uploader (after a reconnection, to send what waited).</summary>
    public void Wake() => appended.Release();

    public void Dispose()
    {
        file.Dispose();
        appended.Dispose();
    }

    PlayRecord? Read(byte[] line)
    {
        try
        {
            if (JsonSerializer.Deserialize<PlayRecord>(line, Json) is { } play && play.Id != Guid.Empty && play.EndedAt > play.StartedAt)
            {
                return play;
            }
        }
        catch (JsonException)
        {
            // Logged below.
        }

        logger.LogWarning("Skipped an unreadable line of the play journal: {Line}", Encoding.UTF8.GetString(line));
        return null;
    }

    /// <summary>A crash in the middle of an append leaves a last line without its end: it is cut, the lines before it kept.</summary>
    void CutTornTail()
    {
        var length = file.Length;
        if (length == 0)
        {
            return;
        }

        var keep = length;
        var one = new byte[1];
        while (keep > 0)
        {
            file.Seek(keep - 1, SeekOrigin.Begin);
            file.ReadExactly(one);
            if (one[0] == '\n')
            {
                break;
            }

            keep--;
        }

        if (keep < length)
        {
            logger.LogWarning("The play journal ended with a torn line ({Bytes} bytes), left by a crash: cut off.", length - keep);
            file.SetLength(keep);
            file.Flush(flushToDisk: true);
        }
    }

    long ReadCursor()
    {
        try
        {
            return File.Exists(cursorPath) && long.TryParse(File.ReadAllText(cursorPath), out var offset) && offset >= 0 ? offset : 0;
        }
        catch (IOException e)
        {
            // Sending everything again is harmless: the server counts each play once.
            logger.LogWarning("Cannot read the play journal's sent offset ({Message}); sending it all again.", e.Message);
            return 0;
        }
    }

    void WriteCursor(long offset)
    {
        var temp = $"{cursorPath}.tmp";
        using (var cursor = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            cursor.Write(Encoding.ASCII.GetBytes(offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            cursor.Flush(flushToDisk: true);
        }

        File.Move(temp, cursorPath, overwrite: true);
    }
}
