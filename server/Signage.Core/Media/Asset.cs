namespace Signage.Core.Media;

/// <summary>A stored file, addressed by the SHA-256 of its bytes: stored once, immutable.</summary>
public class Asset
{
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public required string MediaType { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
