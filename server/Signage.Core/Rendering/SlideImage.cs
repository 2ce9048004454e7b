using System.Security.Cryptography;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>
/// A picture a slide shows (the announcement's image or the theme's logo): the original and the copies of it the
/// media library scaled down after upload (<see cref="Media.MediaCopiesJob"/>). A slide asks for the pixels it needs
/// to cover or fit a box; the picture decodes the smallest copy large enough, with the codec's own downscaling where it has one (JPEG, WebP; a JPEG
/// through the system's libjpeg-turbo, see <see cref="Jpeg"/>), and keeps the bytes it read and what it decoded until
/// disposed. The render job and the publish check hold one per picture, so each copy
/// is decoded once for all four sizes, never once per size. Thread-safe.
/// </summary>
public sealed class SlideImage : IDisposable
{
    /// <summary>One encoded copy: its size in pixels and its bytes, read on first use (null when they cannot be read).</summary>
    sealed record Copy(int Width, int Height, Lazy<byte[]?> Bytes);

    readonly Copy original;
    readonly Copy[] smaller;
    readonly Dictionary<(Copy, SKSizeI Size), SKImage> decoded = [];
    readonly Dictionary<(Copy, SKSizeI Need), SKImage> answered = [];
    readonly Lock gate = new();

    SlideImage(string sha256, Copy original, IEnumerable<Copy> smaller)
    {
        Sha256 = sha256;
        this.original = original;
        this.smaller = [.. smaller.Where(c => c.Width < original.Width || c.Height < original.Height).OrderBy(c => c.Width * (long)c.Height)];
    }

    /// <summary>SHA-256 of the original's bytes: what render keys name the picture by.</summary>
    public string Sha256 { get; }

    /// <summary>Size of the original; 0 × 0 when its header cannot be read.</summary>
    public int Width => original.Width;

    public int Height => original.Height;

    /// <summary>A picture from encoded bytes, with no smaller copies (tests, benchmarks).</summary>
    public static SlideImage FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false));
        var size = codec?.Info.Size ?? SKSizeI.Empty;
        return new SlideImage(Convert.ToHexStringLower(SHA256.HashData(bytes)), new Copy(size.Width, size.Height, new Lazy<byte[]?>(bytes)), []);
    }

    /// <summary>
    /// A picture stored as files: the original and its scaled-down copies. The original's <paramref name="size"/>
    /// comes from the media library; without it the file's header is read.
    /// </summary>
    public static SlideImage FromFiles(string sha256, string path, SKSizeI? size, IEnumerable<(int Width, int Height, string Path)> copies)
    {
        if (size is null)
        {
            using var codec = SKCodec.Create(path);
            size = codec?.Info.Size ?? SKSizeI.Empty;
        }

        return new(sha256, new Copy(size.Value.Width, size.Value.Height, new Lazy<byte[]?>(() => ReadFile(path))),
            copies.Select(c => new Copy(c.Width, c.Height, new Lazy<byte[]?>(() => ReadFile(c.Path)))));
    }

    static byte[]? ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The integer size, at the original's aspect ratio, that covers a <paramref name="boxWidth"/> ×
    /// <paramref name="boxHeight"/> box (both sides at least the box's), or that fits inside it when
    /// <paramref name="cover"/> is false. The media library makes its copies with it and slides ask for pixels with it,
    /// so the copy made for a render size is exactly the one a full-screen slide of that size asks for.
    /// </summary>
    public static SKSizeI Scaled(int width, int height, float boxWidth, float boxHeight, bool cover = true)
    {
        var scale = cover ? Math.Max(boxWidth / width, boxHeight / height) : Math.Min(boxWidth / width, boxHeight / height);
        // Ceiling, less a hair of float error: 1920.0000001 is 1920, never 1921.
        return new SKSizeI(Math.Max(1, (int)Math.Ceiling((width * scale) - 0.01f)), Math.Max(1, (int)Math.Ceiling((height * scale) - 0.01f)));
    }

    /// <summary>
    /// The smallest size <paramref name="codec"/> decodes to (eighths of the original for JPEG) that is at least
    /// <paramref name="need"/> on both sides; the full size when none is.
    /// </summary>
    internal static SKSizeI DecodedSize(SKCodec codec, SKSizeI need)
    {
        var full = codec.Info.Size;
        var scale = Math.Max((float)need.Width / full.Width, (float)need.Height / full.Height);
        for (var eighths = (int)Math.Ceiling(scale * 8); eighths < 8; eighths++)
        {
            var offered = codec.GetScaledDimensions(eighths / 8f);
            if (offered.Width >= need.Width && offered.Height >= need.Height)
            {
                return offered;
            }
        }

        return full;
    }

    /// <summary>
    /// <see cref="Decode(SKCodec, SKSizeI)"/>, with a JPEG decoded by the system's libjpeg-turbo where it can
    /// (<see cref="Jpeg.TryDecode"/>): <paramref name="encoded"/> is what <paramref name="codec"/> reads.
    /// </summary>
    internal static SKBitmap? Decode(SKCodec codec, byte[] encoded, SKSizeI size) =>
        (codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? Jpeg.TryDecode(encoded, size) : null) ?? Decode(codec, size);

    /// <summary>
    /// Decodes <paramref name="codec"/> at a size from <see cref="DecodedSize"/>, as premultiplied RGBA; null when the
    /// pixels do not decode. An image without transparency (a JPEG) is marked opaque, so drawing it copies its pixels
    /// instead of blending each one.
    /// </summary>
    internal static SKBitmap? Decode(SKCodec codec, SKSizeI size)
    {
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, alpha));
        if (codec.GetPixels(bitmap.Info, bitmap.GetPixels()) is SKCodecResult.Success or SKCodecResult.IncompleteInput)
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
    }

    /// <summary>
    /// Pixels of the picture at least <paramref name="need"/> in size, decoded from the smallest copy that has them
    /// (the original when none does) on first request and shared afterwards; owned by this picture.
    /// </summary>
    /// <exception cref="SlideRefusedException">The copy cannot be read or decoded.</exception>
    internal SKImage Pixels(SKSizeI need, string field)
    {
        var copy = smaller.FirstOrDefault(c => c.Width >= need.Width && c.Height >= need.Height) ?? original;
        lock (gate)
        {
            if (answered.TryGetValue((copy, need), out var known))
            {
                return known;
            }

            var bytes = copy.Bytes.Value ?? throw Unreadable(field);
            using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false)) ?? throw Unreadable(field);
            var size = DecodedSize(codec, need);
            if (!decoded.TryGetValue((copy, size), out var image))
            {
                using var bitmap = Decode(codec, bytes, size)
                    ?? throw new SlideRefusedException(field, "L'image ne se décode pas : choisissez une autre image de la médiathèque.");
                // An immutable bitmap lends its pixels to the image instead of being copied.
                bitmap.SetImmutable();
                image = SKImage.FromBitmap(bitmap);
                decoded[(copy, size)] = image;
            }

            answered[(copy, need)] = image;
            return image;
        }
    }

    internal static SlideRefusedException Unreadable(string field) =>
        new(field, "L'image ne se lit pas : choisissez une autre image de la médiathèque.");

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var image in decoded.Values)
            {
                image.Dispose();
            }

            decoded.Clear();
            answered.Clear();
        }
    }
}
