namespace Signage.Core.Content;

/// <summary>
/// The slide of an announcement at one resolution. <see cref="RenderKey"/> is the SHA-256 of the
/// template version, every input (text, category, image, link, theme) and the size: equal keys
/// mean equal pixels, so a key already rendered is reused instead of drawn again.
/// </summary>
public class AnnouncementRendition
{
    public Guid AnnouncementId { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string RenderKey { get; set; }
    public required string AssetSha256 { get; set; }

    /// <summary>Seconds the slide needs on screen, raised from the requested duration for its word count.</summary>
    public int MinimumSeconds { get; set; }
}
