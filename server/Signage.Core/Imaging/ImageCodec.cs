using SkiaSharp;

namespace Signage.Core.Imaging;

/// <summary>
/// The one way pictures are read and written: JPEG through the system's libjpeg-turbo where it can (<see cref="Jpeg"/>),
/// everything else, and whatever libjpeg-turbo refuses, through SkiaSharp, with the settings of an
/// <see cref="ImageEncoding"/>.
/// </summary>
public static class ImageCodec
{
    /// <summary>A codec reading <paramref name="encoded"/>; null when it is no image SkiaSharp knows.</summary>
    public static SKCodec? Open(byte[] encoded) => SKCodec.Create(new MemoryStream(encoded, writable: false));

    /// <summary>The size an image's header declares; 0 × 0 when it cannot be read.</summary>
    public static SKSizeI SizeOf(byte[] encoded)
    {
        using var codec = Open(encoded);
        return codec?.Info.Size ?? SKSizeI.Empty;
    }

    /// <inheritdoc cref="SizeOf(byte[])"/>
    public static SKSizeI SizeOf(string path)
    {
        using var codec = SKCodec.Create(path);
        return codec?.Info.Size ?? SKSizeI.Empty;
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
    /// <see cref="DecodeWithSkia"/>, with a JPEG decoded by the system's libjpeg-turbo where it can
    /// (<see cref="Jpeg.TryDecode"/>): <paramref name="encoded"/> is what <paramref name="codec"/> reads.
    /// </summary>
    internal static SKBitmap? Decode(SKCodec codec, byte[] encoded, SKSizeI size) =>
        (codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? Jpeg.TryDecode(encoded, size) : null) ?? DecodeWithSkia(codec, size);

    /// <summary>
    /// Decodes <paramref name="codec"/> at a size from <see cref="DecodedSize"/>, as premultiplied RGBA; null when the
    /// pixels do not decode. An image without transparency (a JPEG) is marked opaque, so drawing it copies its pixels
    /// instead of blending each one.
    /// </summary>
    internal static SKBitmap? DecodeWithSkia(SKCodec codec, SKSizeI size)
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
    /// The whole image of <paramref name="codec"/> (reading the file at <paramref name="path"/>) in sRGB, so screens
    /// need no colour profile, with its alpha unpremultiplied so PNG and WebP round-trip exactly; null when the pixels
    /// do not decode completely. A JPEG already in sRGB (no profile, or an sRGB one) goes through libjpeg-turbo.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pixels cannot be allocated.</exception>
    internal static SKBitmap? DecodeSrgb(SKCodec codec, string path)
    {
        var declared = codec.Info;
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && (declared.ColorSpace is null || declared.ColorSpace.IsSrgb)
            && Jpeg.TryDecode(File.ReadAllBytes(path), declared.Size) is { } fast)
        {
            return fast;
        }

        var info = new SKImageInfo(
            declared.Width,
            declared.Height,
            SKColorType.Rgba8888,
            declared.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul,
            SKColorSpace.CreateSrgb());
        var decoded = new SKBitmap();
        if (!decoded.TryAllocPixels(info))
        {
            decoded.Dispose();
            throw new InvalidOperationException($"Could not allocate {info.Width} × {info.Height} pixels.");
        }

        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            decoded.Dispose();
            return null;
        }

        return decoded;
    }

    /// <summary>Encodes opaque or unpremultiplied pixels as <paramref name="encoding"/> says.</summary>
    public static byte[] Encode(SKPixmap pixels, ImageEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(encoding);
        if (encoding.Format == SKEncodedImageFormat.Jpeg)
        {
            return Jpeg.Encode(pixels, ImageEncoding.Quality, encoding.FullChroma);
        }

        using var target = new MemoryStream();
        EncodeWithSkia(pixels, encoding, target);
        return target.ToArray();
    }

    /// <summary>Encodes the pixels into a new file at <paramref name="path"/>; the caller deletes it on failure.</summary>
    public static void Save(SKPixmap pixels, ImageEncoding encoding, string path)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(encoding);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        if (encoding.Format == SKEncodedImageFormat.Jpeg)
        {
            file.Write(Jpeg.Encode(pixels, ImageEncoding.Quality, encoding.FullChroma));
            return;
        }

        EncodeWithSkia(pixels, encoding, file);
    }

    // Streamed: a 40-megapixel PNG is written as it is compressed, never held whole in memory.
    static void EncodeWithSkia(SKPixmap pixels, ImageEncoding encoding, Stream target)
    {
        using var stream = new SKManagedWStream(target);
        var encoded = encoding.Format == SKEncodedImageFormat.Png ? pixels.Encode(stream, encoding.Png) : pixels.Encode(stream, encoding.Webp);
        if (!encoded)
        {
            throw new InvalidOperationException($"SkiaSharp could not encode {pixels.Width} × {pixels.Height} pixels as {encoding.MediaType}.");
        }
    }
}
