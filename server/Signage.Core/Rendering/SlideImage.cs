using System.Security.Cryptography;
using Signage.Core.Imaging;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>
/// A picture a slide shows (the announcement's image or the theme's logo): the original and the copies of it the
/// media library scaled down after upload (<see cref="Media.MediaCopiesJob"/>). A slide asks for the pixels it needs
/// to cover or fit a box; the picture decodes the smallest copy large enough, with the codec's own downscaling where it has one (JPEG, WebP; a JPEG
/// through the system's libjpeg-turbo, see <see cref="ImageCodec"/>), and keeps the bytes it read and what it decoded until
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
        var size = ImageCodec.SizeOf(bytes);
        return new SlideImage(Convert.ToHexStringLower(SHA256.HashData(bytes)), new Copy(size.Width, size.Height, new Lazy<byte[]?>(bytes)), []);
    }

    /// <summary>
    /// A picture stored as files: the original and its scaled-down copies. The original's <paramref name="size"/>
    /// comes from the media library; without it the file's header is read.
    /// </summary>
    public static SlideImage FromFiles(string sha256, string path, SKSizeI? size, IEnumerable<(int Width, int Height, string Path)> copies)
    {
        var known = size ?? ImageCodec.SizeOf(path);
        return new(sha256, new Copy(known.Width, known.Height, new Lazy<byte[]?>(() => ReadFile(path))),
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
            using var codec = ImageCodec.Open(bytes) ?? throw Unreadable(field);
            var size = ImageCodec.DecodedSize(codec, need);
            if (!decoded.TryGetValue((copy, size), out var image))
            {
                using var bitmap = ImageCodec.Decode(codec, bytes, size)
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
