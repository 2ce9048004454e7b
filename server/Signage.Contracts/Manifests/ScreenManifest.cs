namespace Signage.Contracts.Manifests;

/// <summary>
/// Everything one screen needs to play without the server: a monotonic version, the hash of the
/// canonical form of <see cref="Body"/>, and the body itself.
/// </summary>
/// <param name="Version">Monotonic per screen; a player keeps the highest version it has seen.</param>
/// <param name="Hash">Lower-case hex SHA-256 of <see cref="ManifestCanonical.Serialize"/> applied to <see cref="Body"/>.</param>
/// <param name="Body">The content of the manifest.</param>
public sealed record ScreenManifest(long Version, string Hash, ManifestBody Body);

/// <summary>The hashed content of a manifest: screen settings and the items it may play.</summary>
/// <param name="ScreenId">The screen this manifest belongs to.</param>
/// <param name="Screen">Display settings of the screen.</param>
/// <param name="Items">Items in play order.</param>
/// <param name="Power">When the display may be on; null means always.</param>
/// <param name="Ticker">Short lines shown in a band under the slides, each with its window; null when there are none.</param>
public sealed record ManifestBody(Guid ScreenId, ScreenSettings Screen, IReadOnlyList<ManifestItem> Items, PowerPlan? Power = null, IReadOnlyList<TickerLine>? Ticker = null);

/// <summary>
/// A short line in the ticker band. Lines are shown one after another, still (no crawling text:
/// moving content nobody can pause must stop within 5 s, RGAA 13.8).
/// </summary>
/// <param name="Id">Stable id of the line.</param>
/// <param name="Text">The text, short enough to read at a glance.</param>
/// <param name="Window">When the line may show; null means always.</param>
public sealed record TickerLine(Guid Id, string Text, PlayWindow? Window = null);

/// <summary>Display settings of a screen.</summary>
/// <param name="Width">Width in device pixels.</param>
/// <param name="Height">Height in device pixels.</param>
/// <param name="TimeZone">IANA time zone of the screen's site, e.g. Europe/Paris; windows' local times are read in it.</param>
/// <param name="Audience">Who reads the screen: a Public screen never receives Staff items.</param>
public sealed record ScreenSettings(int Width, int Height, string TimeZone, Audience Audience = Audience.Public);

/// <summary>One playable item.</summary>
/// <param name="Id">Stable id of the item: the schedule entry that puts the content on this screen.</param>
/// <param name="ContentId">The content shown (an announcement, a media file), shared by all its entries.</param>
/// <param name="Kind">What the asset is.</param>
/// <param name="Asset">The asset to show, addressed by its hash.</param>
/// <param name="DurationSeconds">How long the item stays on screen per slot, at least one second.</param>
/// <param name="AccessibleText">The item's text, for the accessible web version of the screen.</param>
/// <param name="Tier">Priority class: only the highest tier with an active item plays.</param>
/// <param name="Weight">Share of voice among active items of the same tier: slots per cycle, 1 to <see cref="Rotation.MaxWeight"/>.</param>
/// <param name="Audience">Who may see the item.</param>
/// <param name="Window">When the item may play; null means always.</param>
/// <param name="Rule">Human-readable reason the item is on this screen, for "why is this on screen now?".</param>
public sealed record ManifestItem(
    Guid Id,
    Guid ContentId,
    ItemKind Kind,
    AssetRef Asset,
    int DurationSeconds,
    string AccessibleText,
    Tier Tier = Tier.Scheduled,
    int Weight = 1,
    Audience Audience = Audience.Public,
    PlayWindow? Window = null,
    string? Rule = null);

/// <summary>
/// When an item may play: between two instants, on some days of the week, during some local
/// time ranges. Days and times are read on the screen's wall clock, in its site's time zone.
/// </summary>
/// <param name="From">First instant the item may play; null for no start.</param>
/// <param name="Until">Instant the item stops (exclusive); null for no end.</param>
/// <param name="Days">Days of the week it plays; null for every day.</param>
/// <param name="Times">Local time ranges it plays in; null for the whole day.</param>
public sealed record PlayWindow(
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    IReadOnlyList<DayOfWeek>? Days = null,
    IReadOnlyList<TimeRange>? Times = null);

/// <summary>
/// A local time range, start inclusive, end exclusive. An end at or before the start crosses
/// midnight: "22:00–02:00" on Friday plays Friday night until 02:00 on Saturday.
/// </summary>
/// <param name="Start">Local start time.</param>
/// <param name="End">Local end time.</param>
public sealed record TimeRange(TimeOnly Start, TimeOnly End)
{
    /// <summary>True when the range runs past midnight into the next day.</summary>
    public bool CrossesMidnight => End <= Start;
}

/// <summary>Priority classes, strictly ordered: an active Alert shows alone; an Override replaces Scheduled content; Default plays only when nothing else is active.</summary>
public enum Tier
{
    /// <summary>Filler played only when nothing else is active.</summary>
    Default = 0,
    /// <summary>Normal scheduled content.</summary>
    Scheduled = 1,
    /// <summary>Replaces scheduled content on its targets while active.</summary>
    Override = 2,
    /// <summary>Emergency: shows alone.</summary>
    Alert = 3,
}

/// <summary>Who reads a screen or may see an item.</summary>
public enum Audience
{
    /// <summary>Citizens in public areas.</summary>
    Public,
    /// <summary>Agents in staff areas: never on a public screen.</summary>
    Staff,
}

/// <summary>A content-addressed file.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="MediaType">MIME type, e.g. image/png.</param>
public sealed record AssetRef(string Sha256, long Size, string MediaType);

/// <summary>Kinds of playable item.</summary>
public enum ItemKind
{
    /// <summary>An announcement rendered to an image by the server.</summary>
    RenderedAnnouncement,
    /// <summary>An uploaded image.</summary>
    Image,
    /// <summary>An uploaded video.</summary>
    Video,
}
