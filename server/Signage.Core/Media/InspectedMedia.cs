namespace Signage.Core.Media;

public enum MediaKind
{
    Image,
    Video,
}

/// <summary>
/// An upload whose content was checked. <paramref name="NormalizedPath"/> is a new file without metadata, beside the
/// upload, which the caller moves or deletes: images re-encoded upright; videos copied byte for byte except their
/// metadata, overwritten in place with filler of the same size (same length, media data at the same offsets).
/// Width and height are as displayed (after the EXIF orientation or the MP4 track rotation).
/// </summary>
public sealed record InspectedMedia(
    MediaKind Kind,
    string MediaType,
    int Width,
    int Height,
    TimeSpan? Duration,
    string NormalizedPath,
    bool MetadataStripped);
