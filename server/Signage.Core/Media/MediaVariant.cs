namespace Signage.Core.Media;

/// <summary>
/// A library image scaled down by <see cref="MediaCopiesJob"/> to the smallest size that covers one render size, stored
/// as its own asset: slides decode it instead of the original. Images at most as large as a render size have no variant for it.
/// </summary>
public class MediaVariant
{
    public Guid MediaItemId { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string AssetSha256 { get; set; }
}
