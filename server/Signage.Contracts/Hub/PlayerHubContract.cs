using Signage.Contracts.Manifests;

namespace Signage.Contracts.Hub;

/// <summary>Calls the server makes on a connected player.</summary>
public interface IPlayerClient
{
    /// <summary>A newer manifest for this screen.</summary>
    Task ManifestChanged(ScreenManifest manifest);

    /// <summary>
    /// An emergency alert for this screen, sent the moment it is raised (and again at every
    /// connection while it is active): the screen shows it at once, over everything else, until
    /// <see cref="AlertMessage.Until"/> or <see cref="AlertCleared"/>.
    /// </summary>
    Task AlertRaised(AlertMessage alert);

    /// <summary>The alert ended early: the screen goes back to its rotation.</summary>
    Task AlertCleared(Guid alertId);
}

/// <summary>An emergency alert as sent to every targeted screen at once: one message, one picture per size.</summary>
/// <param name="AlertId">Id of the alert (its content id in manifests).</param>
/// <param name="AccessibleText">The alert's text, for the accessible version of the screen.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="Until">When it ends by itself, even on a screen that lost the server (exclusive).</param>
/// <param name="Images">The alert's slide at each standard size; each screen picks its own with <see cref="ImageFor"/>.</param>
public sealed record AlertMessage(Guid AlertId, string AccessibleText, DateTimeOffset RaisedAt, DateTimeOffset Until, IReadOnlyList<AlertImage> Images)
{
    /// <summary>True while the alert is in force at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => RaisedAt <= now && now < Until;

    /// <summary>
    /// The picture for a screen of this size: a portrait screen takes the portrait picture; a
    /// landscape screen the smallest landscape picture at least as wide as it is, else the widest.
    /// </summary>
    public AlertImage? ImageFor(int width, int height)
    {
        var portrait = height > width;
        var fitting = Images.Where(i => i.Height > i.Width == portrait).OrderBy(i => i.Width).ToList();
        return fitting.Find(i => i.Width >= width) ?? (fitting.Count > 0 ? fitting[^1] : null) ?? (Images.Count > 0 ? Images[0] : null);
    }
}

/// <summary>The alert's slide at one size.</summary>
public sealed record AlertImage(int Width, int Height, AssetRef Asset);

/// <summary>Names and paths shared by the server's PlayerHub and the player.</summary>
public static class PlayerHubContract
{
    /// <summary>Path of the SignalR hub.</summary>
    public const string Path = "/hubs/player";

    /// <summary>
    /// Hub method: the player says which manifest version it holds and gets the current manifest
    /// back when the server has a newer one, or null.
    /// </summary>
    public const string Sync = "Sync";

    /// <summary>
    /// Hub method: the player says that the alert is on its display now (the display page confirmed
    /// it drew the picture, not merely that the message arrived). Idempotent.
    /// </summary>
    public const string AckAlert = "AckAlert";

    /// <summary>
    /// Hub method: the server's clock now (UTC), for the player to measure its own clock's offset from a round trip
    /// (NTP-style: the server's answer against the midpoint of sending and receiving).
    /// </summary>
    public const string Time = "Time";

    /// <summary>Hub method: the player's <see cref="PlayerReport"/>, sent every 30 s; the latest one per screen is kept.</summary>
    public const string Report = "Report";

    /// <summary>
    /// Hub method: a batch of at most <see cref="PlayRecord.MaxBatch"/> plays from the player's journal; answers how many
    /// were new. Idempotent by <see cref="PlayRecord.Id"/>: a batch sent twice counts once. A batch with any invalid play
    /// (another screen's, ending before it starts, a null) is refused whole.
    /// </summary>
    public const string ReportPlays = "ReportPlays";

    /// <summary>Path of an asset, by SHA-256, readable with the screen's device token.</summary>
    public static string AssetPath(string sha256) => $"/api/assets/{sha256}";
}

/// <summary>What a player reports about itself, every 30 s, for the console's fleet page.</summary>
/// <param name="ShowingItemId">The manifest item on the display now (null: nothing, display off, or an alert over it).</param>
/// <param name="ManifestVersion">The manifest version it plays (null before the first one).</param>
/// <param name="CacheBytes">Bytes its offline cache holds.</param>
/// <param name="FreeDiskBytes">Bytes free on the cache's disk.</param>
/// <param name="AgentVersion">The player agent's version.</param>
/// <param name="UptimeSeconds">Seconds since the agent started.</param>
/// <param name="DisplayOn">False while it keeps the display off (closed hours).</param>
/// <param name="ClockOffsetSeconds">Its clock minus the server's, measured by a round trip to <see cref="PlayerHubContract.Time"/>.</param>
public sealed record PlayerReport(
    Guid? ShowingItemId,
    long? ManifestVersion,
    long CacheBytes,
    long FreeDiskBytes,
    string AgentVersion,
    double UptimeSeconds,
    bool DisplayOn,
    double ClockOffsetSeconds)
{
    /// <summary>The longest agent version kept.</summary>
    public const int MaxAgentVersionLength = 64;
}

/// <summary>One item the display put on screen, as journalled by the player (proof of play).</summary>
/// <param name="Id">Made by the player when it journalled the play: the key that makes uploads idempotent.</param>
/// <param name="ScreenId">The screen that showed it (from its manifest); must be the reporting device's own.</param>
/// <param name="ItemId">The manifest item.</param>
/// <param name="ContentId">The announcement it shows.</param>
/// <param name="ManifestVersion">The manifest version in force.</param>
/// <param name="StartedAt">When the display showed it.</param>
/// <param name="EndedAt">When the display showed something else, or nothing (after <paramref name="StartedAt"/>).</param>
public sealed record PlayRecord(Guid Id, Guid ScreenId, Guid ItemId, Guid ContentId, long ManifestVersion, DateTimeOffset StartedAt, DateTimeOffset EndedAt)
{
    /// <summary>The most plays one <see cref="PlayerHubContract.ReportPlays"/> call carries.</summary>
    public const int MaxBatch = 500;

    /// <summary>The longest play accepted: a display shows an item for a slot, not for days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);
}
