namespace Signage.Core.Media;

public enum MediaKind
{
    Image,
    Video,
}

/// <summary>
/// An upload whose content was checked. <paramref name="NormalizedPath"/> is a new file (re-encoded, upright, without
/// metadata) for images, which the caller moves or deletes; for videos it is the uploaded file itself.
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
