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
public sealed record ManifestBody(Guid ScreenId, ScreenSettings Screen, IReadOnlyList<ManifestItem> Items);

/// <summary>Display settings of a screen.</summary>
/// <param name="Width">Width in device pixels.</param>
/// <param name="Height">Height in device pixels.</param>
/// <param name="TimeZone">IANA time zone of the screen's site, e.g. Europe/Paris.</param>
public sealed record ScreenSettings(int Width, int Height, string TimeZone);

/// <summary>One playable item.</summary>
/// <param name="Id">Stable id of the content the item comes from.</param>
/// <param name="Kind">What the asset is.</param>
/// <param name="Asset">The asset to show, addressed by its hash.</param>
/// <param name="DurationSeconds">How long the item stays on screen in one rotation, at least one second.</param>
/// <param name="AccessibleText">The item's text, for the accessible web version of the screen.</param>
public sealed record ManifestItem(Guid Id, ItemKind Kind, AssetRef Asset, int DurationSeconds, string AccessibleText);

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
