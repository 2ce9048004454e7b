using Signage.Core.Imaging;
using Signage.Core.Rendering;
using SkiaSharp;

namespace Signage.Core.Media;

/// <summary>
/// The scaled-down copies of a library image: one per render size it is larger than (for each size of
/// <see cref="RenderSizes.All"/>, the smallest size at the image's aspect ratio that covers it, so a full-screen
/// slide draws it pixel for pixel and a smaller box draws it at less than twice its size), and a thumbnail covering
/// <see cref="ThumbnailBox"/> for the console. Never enlarged; sizes that come out equal are made once. Slides may
/// draw from the thumbnail too: a picture picks the smallest copy that covers its box, so only boxes that small.
/// </summary>
public static class ImageVariants
{
    /// <summary>
    /// What the console's thumbnail covers: the media page fits thumbnails in 6rem × 4.5rem (96 × 72 CSS pixels),
    /// twice that for high-density displays. Every render size is larger, so the smallest copy of an image is its
    /// thumbnail.
    /// </summary>
    public static readonly SKSizeI ThumbnailBox = new(192, 144);

    public static IReadOnlyList<SKSizeI> SizesFor(int width, int height) =>
    [
        .. RenderSizes.All.Select(s => new SKSizeI(s.Width, s.Height)).Append(ThumbnailBox)
            .Select(s => ImageCodec.Scaled(width, height, s.Width, s.Height))
            .Where(v => v.Width < width && v.Height < height)
            .Distinct(),
    ];

    /// <summary>The sizes of <see cref="SizesFor"/> not among <paramref name="made"/>.</summary>
    public static IReadOnlyList<SKSizeI> Missing(int width, int height, IEnumerable<SKSizeI> made) => [.. SizesFor(width, height).Except(made)];

    /// <summary>
    /// Writes copies of the image at <paramref name="source"/> (a normalized upload: upright, no metadata) at
    /// <paramref name="sizes"/>, in its format, each to <paramref name="targetBase"/> followed by ".{width}x{height}".
    /// The caller moves or deletes the files; on failure those written are deleted.
    /// </summary>
    public static List<(SKSizeI Size, string Path)> Write(string source, string mediaType, IEnumerable<SKSizeI> sizes, string targetBase, CancellationToken ct)
    {
        var written = new List<(SKSizeI Size, string Path)>();
        try
        {
            var bytes = File.ReadAllBytes(source);
            foreach (var size in sizes)
            {
                ct.ThrowIfCancellationRequested();
                using var codec = ImageCodec.Open(bytes) ?? throw MediaRejectedException.TruncatedImage();
                using var pixels = Scale(codec, bytes, size);
                var target = $"{targetBase}.{size.Width}x{size.Height}";
                written.Add((size, target));
                Encode(pixels, mediaType, target);
            }

            return written;
        }
        catch
        {
            foreach (var (_, file) in written)
            {
                File.Delete(file);
            }

            throw;
        }
    }

    /// <summary>
    /// Decodes <paramref name="encoded"/> at the codec's nearest scale at least <paramref name="size"/> (JPEG's scaled
    /// decoding averages like a box filter; a JPEG through the system's libjpeg-turbo), halves while still twice as
    /// large (an exact 2 × 2 average), then finishes with a bilinear filter: at under twice the size it looks as good
    /// as a Mitchell filter here, for half the time.
    /// </summary>
    static SKBitmap Scale(SKCodec codec, byte[] encoded, SKSizeI size)
    {
        var current = ImageCodec.Decode(codec, encoded, ImageCodec.DecodedSize(codec, size)) ?? throw MediaRejectedException.TruncatedImage();
        try
        {
            while (current.Width / 2 >= size.Width && current.Height / 2 >= size.Height)
            {
                var half = current.Resize(current.Info.WithSize(current.Width / 2, current.Height / 2), new SKSamplingOptions(SKFilterMode.Linear));
                current.Dispose();
                current = half;
            }

            if (current.Width == size.Width && current.Height == size.Height)
            {
                return current;
            }

            var scaled = current.Resize(current.Info.WithSize(size.Width, size.Height), new SKSamplingOptions(SKFilterMode.Linear));
            current.Dispose();
            return scaled;
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    /// <summary>A copy keeps its original's format, at the quality uploads are stored with.</summary>
    static void Encode(SKBitmap pixels, string mediaType, string target)
    {
        using var pixmap = pixels.PeekPixels();
        ImageCodec.Save(pixmap, mediaType switch
        {
            "image/jpeg" => ImageEncoding.Jpeg420,
            "image/png" => ImageEncoding.PngFast,
            _ => ImageEncoding.WebpLossy,
        }, target);
    }
}
