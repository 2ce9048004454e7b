using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;
using Signage.Core.Imaging;
using Signage.Core.Rendering;
using SkiaSharp;

namespace Signage.Core.Media;

/// <summary>
/// Decides what an uploaded file is from its bytes (never its name or declared type), refuses what screens should
/// not show, and writes a copy without metadata (camera EXIF and GPS positions are personal data): images re-encoded
/// upright, videos with their metadata boxes or elements overwritten in place by filler of the same size.
/// </summary>
public sealed class MediaInspector(IOptions<MediaLimits> options, DecodeBudget budget)
{
    const int SniffLength = 4096;
    readonly MediaLimits limits = options.Value;

    enum Sniffed { Unknown, Jpeg, Png, WebP, Mp4, Ebml, Zip, Svg, Text }

    /// <exception cref="MediaRejectedException">The content is not an acceptable image or video.</exception>
    public async Task<InspectedMedia> InspectAsync(string path, CancellationToken ct)
    {
        Sniffed sniffed;
        long length;
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous))
        {
            length = RandomAccess.GetLength(file);
            if (length == 0)
            {
                throw MediaRejectedException.Empty();
            }

            if (length > limits.MaxBytes)
            {
                throw MediaRejectedException.TooLarge(length, limits.MaxBytes);
            }

            var head = new byte[(int)Math.Min(SniffLength, length)];
            var read = await ReadAsync(file, 0, head, ct);
            sniffed = Sniff(head.AsSpan(0, read), complete: read == length);

            switch (sniffed)
            {
                case Sniffed.Mp4:
                    return await StripVideoAsync(path, "video/mp4", ".mp4", await Mp4Reader.ReadAsync(file, length, limits, ct), ct);
                case Sniffed.Ebml:
                    return await StripVideoAsync(path, "video/webm", ".webm", await WebmReader.ReadAsync(file, length, limits, ct), ct);
                case Sniffed.Zip:
                    throw MediaRejectedException.Zip();
                case Sniffed.Svg:
                    throw MediaRejectedException.Svg();
                case Sniffed.Text:
                    throw MediaRejectedException.Text();
                case Sniffed.Unknown:
                    throw MediaRejectedException.UnknownFormat();
            }
        }

        if (length > limits.MaxImageBytes)
        {
            throw MediaRejectedException.ImageTooLarge(length, limits.MaxImageBytes);
        }

        return NormalizeImage(path, sniffed, ct);
    }

    static Sniffed Sniff(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Sniffed.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Sniffed.Png;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return Sniffed.WebP;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return Sniffed.Mp4;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return Sniffed.Ebml;
        }

        // Local file header, or the end record of an empty archive.
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
        {
            return Sniffed.Zip;
        }

        return TextOf(head, complete) switch
        {
            null => Sniffed.Unknown,
            var text when text.Contains("<svg", StringComparison.OrdinalIgnoreCase) => Sniffed.Svg,
            _ => Sniffed.Text,
        };
    }

    /// <summary>The start of the file as text when it reads as UTF-8 (or UTF-16 with a BOM) without control characters.</summary>
    static string? TextOf(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var utf16 = head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return utf16.GetString(head[2..(head.Length & ~1)]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        // The sniff window may cut a multi-byte character in two.
        var valid = Utf8.IsValid(head);
        for (var cut = 1; !valid && !complete && cut <= 3 && cut < head.Length; cut++)
        {
            valid = Utf8.IsValid(head[..^cut]);
            if (valid)
            {
                head = head[..^cut];
            }
        }

        if (!valid)
        {
            return null;
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(head);
    }

    /// <summary>
    /// A copy of the video with its metadata overwritten: the file is copied whole (the kernel copies it, without
    /// passing hundreds of megabytes through memory), then only the metadata stretches are rewritten. Nothing is
    /// re-encoded and no byte moves, so chunk offsets and seek indexes stay right.
    /// </summary>
    static async Task<InspectedMedia> StripVideoAsync(string path, string mediaType, string extension, VideoFacts video, CancellationToken ct)
    {
        var stripped = PathBeside(path, extension);
        try
        {
            File.Copy(path, stripped);
            await Blank.WriteAsync(stripped, video.Metadata, ct);
        }
        catch
        {
            File.Delete(stripped);
            throw;
        }

        return new InspectedMedia(MediaKind.Video, mediaType, video.Width, video.Height, video.Duration, stripped, MetadataStripped: true);
    }

    /// <summary>A new file name in the upload's folder, so that storing it is a rename.</summary>
    static string PathBeside(string path, string extension) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $"{Path.GetFileName(path)}.{Guid.NewGuid():N}{extension}");

    InspectedMedia NormalizeImage(string path, Sniffed sniffed, CancellationToken ct)
    {
        var (encoding, extension) = sniffed switch
        {
            Sniffed.Jpeg => (ImageEncoding.Jpeg420, ".jpg"),
            Sniffed.Png => (ImageEncoding.PngCompact, ".png"),
            _ => (ImageEncoding.WebpLossy, ".webp"),
        };

        using var codec = SKCodec.Create(path) ?? throw MediaRejectedException.TruncatedImage();
        CheckDimensions(codec.Info.Width, codec.Info.Height);
        if (codec.FrameCount > 1)
        {
            throw MediaRejectedException.Animated();
        }

        // Reserved from the declared size before decoding; held until the normalized copy is written.
        using var lease = budget.Reserve(codec.Info.Width, codec.Info.Height);
        using var decoded = ImageCodec.DecodeSrgb(codec, path) ?? throw MediaRejectedException.TruncatedImage();
        ct.ThrowIfCancellationRequested();
        using var turned = codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? null : Orient(decoded, codec.EncodedOrigin);
        var upright = turned ?? decoded;

        var normalized = PathBeside(path, extension);
        try
        {
            using var pixels = upright.PeekPixels();
            ImageCodec.Save(pixels, encoding, normalized);
        }
        catch
        {
            File.Delete(normalized);
            throw;
        }

        return new InspectedMedia(MediaKind.Image, encoding.MediaType, upright.Width, upright.Height, null, normalized, MetadataStripped: true);
    }

    void CheckDimensions(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw MediaRejectedException.TruncatedImage();
        }

        if ((long)width * height > limits.MaxPixels)
        {
            throw MediaRejectedException.TooManyPixels(width, height, limits.MaxPixels);
        }

        if (Math.Max(width, height) > limits.MaxImageSide)
        {
            throw MediaRejectedException.SideTooLong(width, height, limits.MaxImageSide);
        }
    }

    /// <summary>A copy of the pixels turned the way the EXIF orientation says the picture is meant to be seen.</summary>
    static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        int sw = source.Width, sh = source.Height;
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var target = new SKBitmap(source.Info.WithSize(swaps ? sh : sw, swaps ? sw : sh));
        try
        {
            var from = MemoryMarshal.Cast<byte, uint>(source.GetPixelSpan());
            var to = MemoryMarshal.Cast<byte, uint>(target.GetPixelSpan());
            int fromStride = source.RowBytes / 4, toStride = target.RowBytes / 4;
            // Where stored pixel (x, y) lands once displayed, for each of the eight EXIF orientations.
            var (ax, bx, cx, ay, by, cy) = origin switch
            {
                SKEncodedOrigin.TopRight => (-1, 0, sw - 1, 0, 1, 0),
                SKEncodedOrigin.BottomRight => (-1, 0, sw - 1, 0, -1, sh - 1),
                SKEncodedOrigin.BottomLeft => (1, 0, 0, 0, -1, sh - 1),
                SKEncodedOrigin.LeftTop => (0, 1, 0, 1, 0, 0),
                SKEncodedOrigin.RightTop => (0, -1, sh - 1, 1, 0, 0),
                SKEncodedOrigin.RightBottom => (0, -1, sh - 1, -1, 0, sw - 1),
                SKEncodedOrigin.LeftBottom => (0, 1, 0, -1, 0, sw - 1),
                _ => (1, 0, 0, 0, 1, 0),
            };
            for (var y = 0; y < sh; y++)
            {
                for (var x = 0; x < sw; x++)
                {
                    to[(ay * x + by * y + cy) * toStride + ax * x + bx * y + cx] = from[y * fromStride + x];
                }
            }

            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; returns the bytes read.</summary>
    internal static async ValueTask<int> ReadAsync(SafeFileHandle file, long offset, Memory<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(file, buffer[total..], offset + total, ct);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
