using Signage.Contracts.Manifests;

namespace Signage.Player.Display;

/// <summary>What this player holds now: the manifest in force and whether the server is reachable.</summary>
public sealed class PlayerState(TimeProvider clock)
{
    volatile ScreenManifest? manifest;
    volatile bool connected;
    volatile bool displayOn = true;

    public ScreenManifest? Manifest => manifest;

    public bool Connected => connected;

    public void Use(ScreenManifest value) => manifest = value;

    public void SetConnected(bool value) => connected = value;

    /// <summary>False outside opening hours, on closed days and during the street curfew.</summary>
    public bool DisplayOn => displayOn;

    public void SetDisplayOn(bool value) => displayOn = value;

    public RotationSlot? Now() => manifest is { } m ? Rotation.At(m.Body, clock.GetUtcNow()) : null;

    public TickerLine? TickerNow() => manifest is { } m ? Ticker.At(m.Body, clock.GetUtcNow()) : null;

    public bool References(string sha256) => manifest?.Body.Items.Any(i => i.Asset.Sha256 == sha256) == true;
}
