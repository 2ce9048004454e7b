namespace Signage.Core.Media;

/// <summary>A file of the media library: validated by content, metadata stripped, stored once by hash.</summary>
public class MediaItem
{
    public const int MaxNameLength = 255;

    public Guid Id { get; set; }

    /// <summary>The name the uploader gave, for display only: never used to decide what the file is.</summary>
    public required string Name { get; set; }
    public required string Sha256 { get; set; }
    public MediaKind Kind { get; set; }
    public required string MediaType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public double? DurationSeconds { get; set; }
    public long Size { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
