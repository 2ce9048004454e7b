using Signage.Contracts.Hub;
using Signage.Player.Display;

namespace Signage.Player.Journal;

/// <summary>
/// Turns what the display page says it shows (it tells the player after every frame it checks, twice a second) into
/// plays: one per rotation slot the display really showed, from the first report of it to the report of something
/// else. A display that stops reporting (the browser died) ends its play at its last report.
/// </summary>
public sealed class PlayRecorder(PlayerState state, PlayJournal journal, TimeProvider clock)
{
    /// <summary>A display silent for longer than this is taken as gone since its last report.</summary>
    public static readonly TimeSpan DisplaySilence = TimeSpan.FromSeconds(5);

    readonly Lock gate = new();
    Showing? open;

    /// <summary>The display shows this manifest item now, or nothing (null: an alert, the display off, an empty rotation).</summary>
    public void Shown(Guid? itemId)
    {
        var now = clock.GetUtcNow();
        var manifest = state.Manifest;
        // Only the rotation's item on screen now counts: a frame left from the previous slot while the next one decodes is not a play.
        var slot = itemId is { } id && manifest is not null && state.Now() is { } s && s.Current.Id == id ? s : null;
        lock (gate)
        {
            if (open is { } o)
            {
                var silent = now - o.LastSeen > DisplaySilence;
                if (silent || slot is null || slot.Current.Id != o.ItemId || slot.StartedAt != o.SlotStart)
                {
                    Close(o, silent ? o.LastSeen : now);
                    open = null;
                }
            }

            if (slot is not null)
            {
                open = open is { } still
                    ? still with { LastSeen = now }
                    : new Showing(Guid.NewGuid(), manifest!.Body.ScreenId, slot.Current.Id, slot.Current.ContentId, manifest.Version, slot.StartedAt, now, now);
            }
        }
    }

    /// <summary>The agent stops: the play on screen ends now, or at the display's last report if it had fallen silent.</summary>
    public void Stop()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (open is { } o)
            {
                Close(o, now - o.LastSeen > DisplaySilence ? o.LastSeen : now);
                open = null;
            }
        }
    }

    void Close(Showing play, DateTimeOffset end)
    {
        if (end > play.StartedAt)
        {
            journal.Append(new PlayRecord(play.Id, play.ScreenId, play.ItemId, play.ContentId, play.ManifestVersion, play.StartedAt, end));
        }
    }

    sealed record Showing(Guid Id, Guid ScreenId, Guid ItemId, Guid ContentId, long ManifestVersion, DateTimeOffset SlotStart, DateTimeOffset StartedAt, DateTimeOffset LastSeen);
}
