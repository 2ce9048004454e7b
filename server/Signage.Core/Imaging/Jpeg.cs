using System.Runtime.InteropServices;
using SkiaSharp;

namespace Signage.Core.Imaging;

/// <summary>
/// JPEG through the system's libjpeg-turbo (Debian package <c>libturbojpeg0</c>), whose SIMD code encodes a 4K photo
/// slide about six times faster, and decodes about three times faster, than the copy of libjpeg-turbo inside
/// SkiaSharp's Linux native library, built without SIMD (mono/SkiaSharp#1693). Where the library is missing, or
/// cannot handle a file (CMYK, damaged data), SkiaSharp does the work instead: the same format and settings, only
/// slower; <see cref="Accelerated"/> says whether the library is there.
/// </summary>
internal static partial class Jpeg
{
    const string Library = "libturbojpeg.so.0";

    // TurboJPEG's pixel formats and chroma subsamplings (turbojpeg.h).
    const int RgbxFormat = 2;
    const int BgrxFormat = 3;
    const int Subsampling444 = 0;
    const int Subsampling420 = 2;

    // A warning (data cut short or damaged) fails the decode instead of filling the rest with grey.
    const int StopOnWarning = 8192;

    // Declared before Accelerated, which reads it while the class initialises.
    static readonly string[] Functions = ["tjInitCompress", "tjCompress2", "tjFree", "tjDestroy", "tjGetErrorStr2", "tjInitDecompress", "tjDecompressHeader3", "tjDecompress2"];

    /// <summary>True when libturbojpeg is loaded and encodes; false when SkiaSharp's slower encoder does.</summary>
    internal static bool Accelerated { get; } = Loads();

    /// <summary>The library loads and has every function used here (TurboJPEG 2.0 or later).</summary>
    static bool Loads() =>
        NativeLibrary.TryLoad(Library, typeof(Jpeg).Assembly, null, out var handle)
        && Functions.All(name => NativeLibrary.TryGetExport(handle, name, out _));

    /// <summary>
    /// Encodes opaque pixels (the alpha channel is ignored). <paramref name="fullChroma"/> keeps colour at full
    /// resolution (4:4:4), which keeps the edges of coloured text sharp; otherwise colour is halved both ways (4:2:0).
    /// </summary>
    internal static byte[] Encode(SKPixmap pixels, int quality, bool fullChroma)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        return Accelerated && pixels.ColorType is SKColorType.Rgba8888 or SKColorType.Bgra8888
            ? EncodeWithTurbo(pixels, quality, fullChroma)
            : EncodeWithSkia(pixels, quality, fullChroma);
    }

    internal static byte[] EncodeWithSkia(SKPixmap pixels, int quality, bool fullChroma)
    {
        var options = new SKJpegEncoderOptions(quality,
            fullChroma ? SKJpegEncoderDownsample.Downsample444 : SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
        using var data = pixels.Encode(options)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode {pixels.Width} × {pixels.Height} pixels as JPEG.");
        return data.ToArray();
    }

    internal static byte[] EncodeWithTurbo(SKPixmap pixels, int quality, bool fullChroma)
    {
        var format = pixels.ColorType == SKColorType.Rgba8888 ? RgbxFormat
            : pixels.ColorType == SKColorType.Bgra8888 ? BgrxFormat
            : throw new ArgumentException($"libturbojpeg takes RGBA or BGRA pixels, not {pixels.ColorType}.", nameof(pixels));
        var handle = TjInitCompress();
        if (handle == 0)
        {
            throw new InvalidOperationException("libturbojpeg could not start a compressor.");
        }

        nint buffer = 0;
        try
        {
            var size = new CULong(0);
            if (TjCompress2(handle, pixels.GetPixels(), pixels.Width, pixels.RowBytes, pixels.Height, format, ref buffer, ref size,
                    fullChroma ? Subsampling444 : Subsampling420, quality, 0) != 0)
            {
                throw new InvalidOperationException($"libturbojpeg could not encode {pixels.Width} × {pixels.Height} pixels: {Marshal.PtrToStringUTF8(TjGetErrorStr2(handle))}");
            }

            var bytes = new byte[checked((int)size.Value)];
            Marshal.Copy(buffer, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            if (buffer != 0)
            {
                TjFree(buffer);
            }

            _ = TjDestroy(handle);
        }
    }

    /// <summary>
    /// Decodes <paramref name="jpeg"/> at <paramref name="size"/>, which must be one of the sizes its scaled decoding
    /// gives (the full size or ⌈n/8⌉ of it, as <see cref="SKCodec.GetScaledDimensions"/> says), into opaque RGBA;
    /// null when the library is missing or cannot (another size, CMYK, damaged or cut-short data), and the caller
    /// decodes with SkiaSharp, which also keeps what a cut-short file holds.
    /// </summary>
    internal static SKBitmap? TryDecode(byte[] jpeg, SKSizeI size)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        if (!Accelerated)
        {
            return null;
        }

        var handle = TjInitDecompress();
        if (handle == 0)
        {
            return null;
        }

        try
        {
            var length = new CULong((nuint)jpeg.Length);
            if (TjDecompressHeader3(handle, jpeg, length, out var width, out var height, out _, out _) != 0
                || width <= 0 || height <= 0
                || !Enumerable.Range(1, 8).Any(n => Scaled(width, n) == size.Width && Scaled(height, n) == size.Height))
            {
                return null;
            }

            var bitmap = new SKBitmap();
            if (!bitmap.TryAllocPixels(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque)))
            {
                bitmap.Dispose();
                return null;
            }

            if (TjDecompress2(handle, jpeg, length, bitmap.GetPixels(), size.Width, bitmap.RowBytes, size.Height, RgbxFormat, StopOnWarning) != 0)
            {
                bitmap.Dispose();
                return null;
            }

            return bitmap;
        }
        finally
        {
            _ = TjDestroy(handle);
        }

        // libjpeg's scaled size: n eighths, rounded up.
        static int Scaled(int full, int eighths) => ((full * eighths) + 7) / 8;
    }

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    private static partial nint TjInitDecompress();

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    private static partial int TjDecompressHeader3(nint handle, byte[] jpeg, CULong jpegSize, out int width, out int height, out int subsampling, out int colorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    private static partial int TjDecompress2(nint handle, byte[] jpeg, CULong jpegSize, nint destination, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library, EntryPoint = "tjInitCompress")]
    private static partial nint TjInitCompress();

    [LibraryImport(Library, EntryPoint = "tjCompress2")]
    private static partial int TjCompress2(nint handle, nint source, int width, int pitch, int height, int pixelFormat,
        ref nint jpegBuffer, ref CULong jpegSize, int subsampling, int quality, int flags);

    [LibraryImport(Library, EntryPoint = "tjFree")]
    private static partial void TjFree(nint buffer);

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    private static partial int TjDestroy(nint handle);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    private static partial nint TjGetErrorStr2(nint handle);
}
