namespace Signage.Core.Media;

/// <summary>What an upload may weigh and measure; bound from the configuration section <see cref="Section"/>.</summary>
public sealed class MediaLimits
{
    public const string Section = "Media";

    /// <summary>Largest file of any kind, in bytes. Default 200 MB (200 × 1024 × 1024 bytes).</summary>
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Largest image file, in bytes. Default 30 MB (30 × 1024 × 1024 bytes).</summary>
    public long MaxImageBytes { get; set; } = 30L * 1024 * 1024;

    /// <summary>
    /// Most pixels an image may declare, checked from its header before anything is decoded, so a small
    /// file declaring a huge canvas (a decompression bomb) is refused before it is allocated.
    /// Default 40 megapixels (40,000,000); decoding one costs up to 160 MB of memory.
    /// </summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest video, in seconds. Default 600 (10 minutes).</summary>
    public int MaxVideoSeconds { get; set; } = 600;

    /// <summary>Longest side of an image, in pixels. Default 16384.</summary>
    public int MaxImageSide { get; set; } = 16384;

    /// <summary>Most uploaded images decoded at once; one more is refused (503, retry later). Default 2.</summary>
    public int MaxConcurrentDecodes { get; set; } = 2;

    /// <summary>
    /// Memory, in bytes, that the pixels of the uploaded images being decoded may take together, counted from the
    /// sizes they declare (width × height × 4). Default 512 MiB; at least 4 × <see cref="MaxPixels"/>, so that the
    /// largest image allowed always fits alone.
    /// </summary>
    public long DecodeMemoryBytes { get; set; } = 512L * 1024 * 1024;
}
