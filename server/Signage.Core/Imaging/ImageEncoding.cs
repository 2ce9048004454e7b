using SkiaSharp;

namespace Signage.Core.Imaging;

/// <summary>
/// A format and its settings: every still picture the server writes (slides, normalized uploads, scaled copies) is
/// encoded with one of these, through <see cref="ImageCodec"/>, so a setting changes in one place.
/// </summary>
public sealed class ImageEncoding
{
    /// <summary>
    /// JPEG and lossy WebP quality. At 90 the edges of text show no ringing from across a lobby, and a 4K photo slide
    /// weighs about 1 MB instead of 7.8 MB as PNG; uploads and their copies keep the same quality, so a copy looks
    /// like its original.
    /// </summary>
    public const int Quality = 90;

    ImageEncoding(SKEncodedImageFormat format, string mediaType, bool fullChroma = false, SKPngEncoderOptions png = default, SKWebpEncoderOptions webp = default)
    {
        Format = format;
        MediaType = mediaType;
        FullChroma = fullChroma;
        Png = png;
        Webp = webp;
    }

    public SKEncodedImageFormat Format { get; }

    public string MediaType { get; }

    /// <summary>JPEG colour at full resolution (4:4:4) instead of halved both ways (4:2:0).</summary>
    internal bool FullChroma { get; }

    internal SKPngEncoderOptions Png { get; }

    internal SKWebpEncoderOptions Webp { get; }

    /// <summary>Photos (uploads and their copies): colour halved both ways, which a photo does not show.</summary>
    public static ImageEncoding Jpeg420 { get; } = new(SKEncodedImageFormat.Jpeg, "image/jpeg");

    /// <summary>Photo slides: colour at full resolution keeps the edges of coloured text sharp.</summary>
    public static ImageEncoding Jpeg444 { get; } = new(SKEncodedImageFormat.Jpeg, "image/jpeg", fullChroma: true);

    /// <summary>
    /// Flat slides and the copies of a PNG: zlib level 1 with the Up filter. Measured on every template against level 3
    /// with Sub: as fast on flat slides, from 1 % larger to 21 % smaller; 2 to 2.8 times faster over a photo, whose
    /// slide grows by 5 to 11 %.
    /// </summary>
    public static ImageEncoding PngFast { get; } = new(SKEncodedImageFormat.Png, "image/png", png: new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 1));

    /// <summary>
    /// A normalized PNG upload: SkiaSharp's defaults (every filter, zlib level 6), kept because the stored bytes name
    /// the item (the same upload again must give the same SHA-256).
    /// </summary>
    public static ImageEncoding PngCompact { get; } = new(SKEncodedImageFormat.Png, "image/png", png: SKPngEncoderOptions.Default);

    /// <summary>WebP photos (uploads and their copies).</summary>
    public static ImageEncoding WebpLossy { get; } = new(SKEncodedImageFormat.Webp, "image/webp", webp: new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, Quality));

    /// <summary>Slides drawn as WebP on request (the benchmarks compare it with PNG and JPEG).</summary>
    public static ImageEncoding WebpLossless { get; } = new(SKEncodedImageFormat.Webp, "image/webp", webp: new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 75));
}
