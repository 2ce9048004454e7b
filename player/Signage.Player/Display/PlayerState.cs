using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;

namespace Signage.Player.Display;

/// <summary>An alert this player holds, with the picture for its screen (already in the cache).</summary>
public sealed record HeldAlert(AlertMessage Message, AlertImage Image);

/// <summary>The code a player waiting to be paired shows, and the console's claim page its QR code leads to.</summary>
public sealed record PairingDisplay(string Code, string Display, string ClaimUrl);

/// <summary>What this player holds now: the manifest in force, the alerts it was sent, and whether the server is reachable.</summary>
public sealed class PlayerState(TimeProvider clock) : IDisposable
{
    readonly Lock gate = new();
    readonly Dictionary<Guid, HeldAlert> alerts = [];
    readonly HashSet<Guid> unconfirmed = [];
    readonly HashSet<Guid> cleared = [];
    readonly SemaphoreSlim shown = new(0);
    volatile ScreenManifest? manifest;
    volatile bool connected;
    volatile bool displayOn = true;
    volatile PairingDisplay? pairing;

    public ScreenManifest? Manifest => manifest;

    public bool Connected => connected;

    public void Use(ScreenManifest value) => manifest = value;

    public void SetConnected(bool value) => connected = value;

    /// <summary>The code to show while the screen waits to be paired, else null.</summary>
    public PairingDisplay? Pairing => pairing;

    public void ShowPairing(PairingDisplay? value) => pairing = value;

    /// <summary>False outside opening hours, on closed days and during the street curfew.</summary>
    public bool DisplayOn => displayOn;

    public void SetDisplayOn(bool value) => displayOn = value;

    /// <summary>This screen's resolution, from its manifest (1920×1080 before the first one).</summary>
    public (int Width, int Height) ScreenSize => manifest?.Body.Screen is { } s ? (s.Width, s.Height) : (1920, 1080);

    public RotationSlot? Now() => manifest is { } m ? Rotation.At(m.Body, clock.GetUtcNow()) : null;

    public TickerLine? TickerNow() => manifest is { } m ? Ticker.At(m.Body, clock.GetUtcNow()) : null;

    /// <summary>
    /// Holds an alert until its end or <see cref="ClearAlert"/>; a repeat of the same alert, or an alert
    /// already ended early, changes nothing.
    /// </summary>
    public void HoldAlert(HeldAlert alert)
    {
        lock (gate)
        {
            if (!cleared.Contains(alert.Message.AlertId))
            {
                alerts.TryAdd(alert.Message.AlertId, alert);
            }
        }
    }

    /// <summary>
    /// Holds the alerts in force that the manifest carries: a screen whose alert message was lost (it connected
    /// to a node while another node raised it, or a backplane was down) still shows and confirms it.
    /// </summary>
    public void HoldAlertsOf(ScreenManifest value)
    {
        var now = clock.GetUtcNow();
        var (width, height) = (value.Body.Screen.Width, value.Body.Screen.Height);
        foreach (var item in value.Body.Items.Where(i => i.Tier == Tier.Alert && i.Window?.Until > now))
        {
            var image = new AlertImage(width, height, item.Asset);
            HoldAlert(new HeldAlert(new AlertMessage(item.ContentId, item.AccessibleText, item.Window!.From ?? now, item.Window.Until!.Value, [image]), image));
        }
    }

    public void ClearAlert(Guid alertId)
    {
        lock (gate)
        {
            alerts.Remove(alertId);
            unconfirmed.Remove(alertId);
            cleared.Add(alertId);
        }
    }

    /// <summary>
    /// The alert on screen now: the most recently raised one in force, whatever the rotation, the
    /// opening hours or the connection say. An expired alert is dropped here, so a player that lost
    /// the server ends it by itself.
    /// </summary>
    public HeldAlert? AlertNow()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            foreach (var expired in alerts.Values.Where(a => a.Message.Until <= now).ToList())
            {
                alerts.Remove(expired.Message.AlertId);
                unconfirmed.Remove(expired.Message.AlertId);
            }

            return alerts.Values.Where(a => a.Message.IsActive(now)).MaxBy(a => a.Message.RaisedAt);
        }
    }

    /// <summary>The display page drew the alert: it is to be confirmed to the server. False for an alert this player does not hold.</summary>
    public bool MarkShown(Guid alertId)
    {
        lock (gate)
        {
            if (!alerts.ContainsKey(alertId))
            {
                return false;
            }

            unconfirmed.Add(alertId);
        }

        shown.Release();
        return true;
    }

    /// <summary>Alerts the display showed that the server has not been told about yet.</summary>
    public IReadOnlyList<Guid> Unconfirmed()
    {
        lock (gate)
        {
            return [.. unconfirmed];
        }
    }

    public void Confirmed(Guid alertId)
    {
        lock (gate)
        {
            unconfirmed.Remove(alertId);
        }
    }

    /// <summary>Waits until the display shows an alert, or <see cref="WakeConfirmations"/> is called.</summary>
    public Task WaitForShownAsync(CancellationToken ct) => shown.WaitAsync(ct);

    /// <summary>Wakes the confirmation loop (after a reconnection, to send what waited).</summary>
    public void WakeConfirmations() => shown.Release();

    /// <summary>Media type of a file the manifest or a held alert references, or null.</summary>
    public string? MediaTypeOf(string sha256)
    {
        if (manifest?.Body.Items.FirstOrDefault(i => i.Asset.Sha256 == sha256) is { } item)
        {
            return item.Asset.MediaType;
        }

        lock (gate)
        {
            return alerts.Values.FirstOrDefault(a => a.Image.Asset.Sha256 == sha256)?.Image.Asset.MediaType;
        }
    }

    /// <summary>The files held alerts need, which a new manifest must not prune.</summary>
    public IReadOnlyList<string> AlertFiles()
    {
        lock (gate)
        {
            return [.. alerts.Values.Select(a => a.Image.Asset.Sha256)];
        }
    }

    public void Dispose() => shown.Dispose();
}
