using System.Runtime.InteropServices;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>
/// JPEG encoding through the system's libjpeg-turbo (Debian package <c>libturbojpeg0</c>), whose SIMD code encodes a
/// 4K photo slide about seven times faster than the copy of libjpeg-turbo inside SkiaSharp's Linux native library,
/// built without SIMD (mono/SkiaSharp#1693). Where the library is missing, SkiaSharp encodes instead: the same
/// format and settings, only slower; <see cref="Accelerated"/> says which one runs.
/// </summary>
public static partial class Jpeg
{
    const string Library = "libturbojpeg.so.0";

    // TurboJPEG's pixel formats and chroma subsamplings (turbojpeg.h).
    const int RgbxFormat = 2;
    const int BgrxFormat = 3;
    const int Subsampling444 = 0;
    const int Subsampling420 = 2;

    /// <summary>True when libturbojpeg is loaded and encodes; false when SkiaSharp's slower encoder does.</summary>
    public static bool Accelerated { get; } = NativeLibrary.TryLoad(Library, typeof(Jpeg).Assembly, null, out _);

    /// <summary>
    /// Encodes opaque pixels (the alpha channel is ignored). <paramref name="fullChroma"/> keeps colour at full
    /// resolution (4:4:4), which keeps the edges of coloured text sharp; otherwise colour is halved both ways (4:2:0).
    /// </summary>
    public static byte[] Encode(SKPixmap pixels, int quality, bool fullChroma)
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
