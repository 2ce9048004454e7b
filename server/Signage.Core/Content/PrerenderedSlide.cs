namespace Signage.Core.Content;

/// <summary>
/// A slide drawn ahead of need (the alert templates), found by its render key: raising such an
/// alert stores its renditions without drawing anything.
/// </summary>
public class PrerenderedSlide
{
    public const int KeyLength = 64;

    public required string RenderKey { get; set; }
    public required string AssetSha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
