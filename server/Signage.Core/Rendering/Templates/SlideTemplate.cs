using SkiaSharp;

namespace Signage.Core.Rendering;

public enum ImageUse
{
    None,
    Optional,
    Required,
}

public enum SlideFormat
{
    Png,
    Webp,
    Jpeg,
}

/// <summary>
/// A slide design: where its parts go at each size and what it draws under the text. <see cref="Version"/> is part
/// of every render key: bump it when the drawing of the template changes, so slides are drawn again instead of served
/// from the cache. <see cref="Format"/> is how its slides are encoded: PNG for flat colours (small and exact), JPEG
/// over a photo (a quarter to an eighth of the bytes, and encoded several times faster). The public properties are
/// what <c>/api/templates</c> lists.
/// </summary>
public abstract class SlideTemplate
{
    private protected SlideTemplate(string key, string name, int version, ImageUse image, string description, SlideFormat format = SlideFormat.Png)
    {
        Key = key;
        Name = name;
        Version = version;
        Image = image;
        Description = description;
        Format = format;
    }

    public string Key { get; }

    public string Name { get; }

    public int Version { get; }

    public ImageUse Image { get; }

    public string Description { get; }

    public SlideFormat Format { get; }

    /// <summary>Where the text, label, logo, QR code and picture go on a slide of <paramref name="grid"/>'s size.</summary>
    internal abstract SlideFrame Layout(SlideGrid grid, SlideTheme theme);

    /// <summary>
    /// What the template draws under everything else: background, its picture and ornaments. Where the canvas is
    /// clipped to the text (the publish check), a picture outside the clip is neither drawn nor decoded.
    /// </summary>
    internal abstract void DrawBackground(SKCanvas canvas, SlideFrame frame, SlideGrid grid, SlideTheme theme, SlideImage? image);
}
