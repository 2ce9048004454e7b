using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Signage.TestSupport;

/// <summary>Files for upload tests: valid images, a JPEG carrying EXIF with a GPS position, and the bad-file corpus.</summary>
public static class SampleMedia
{
    public static byte[] Image(SKEncodedImageFormat format, int width, int height, SKColor? colour = null)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour ?? SKColors.White);
            using var paint = new SKPaint { Color = SKColors.DarkBlue };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height, SKColor? colour = null) => Image(SKEncodedImageFormat.Png, width, height, colour);

    /// <summary>The GPS latitude 48° 51′ 29.87″ as the EXIF rationals the photo carries.</summary>
    public static byte[] GpsLatitude { get; } = Rationals((48, 1), (51, 1), (2987, 100));

    /// <summary>A 40 × 20 JPEG with an APP1 segment: EXIF with the camera model "FauxPhone 12" and a GPS position.</summary>
    public static byte[] JpegWithGps() => WithExif(Image(SKEncodedImageFormat.Jpeg, 40, 20), orientation: 1);

    /// <summary>
    /// A phone photo: <paramref name="width"/> × <paramref name="height"/> pixels of noise, which JPEG cannot shrink
    /// (about 0.8 byte a pixel, a detailed photo's weight), with the EXIF of <see cref="JpegWithGps"/> and
    /// <paramref name="orientation"/> (6: taken sideways, turn a quarter clockwise to view).
    /// </summary>
    public static byte[] Photo(int width, int height, ushort orientation)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        new Random(width ^ height).NextBytes(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return WithExif(data.ToArray(), orientation);
    }

    /// <summary>The JPEG with an APP1 segment right after its start-of-image marker.</summary>
    static byte[] WithExif(byte[] jpeg, ushort orientation)
    {
        var payload = Exif("FauxPhone 12", orientation, GpsLatitude, Rationals((2, 1), (17, 1), (4012, 100)));
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + payload.Length));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A JPEG with enough detail that its first half lacks most of the scan.</summary>
    public static byte[] TruncatedJpeg()
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(256, 256);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            for (var i = 0; i < 2000; i++)
            {
                using var paint = new SKPaint { Color = new SKColor((uint)random.Next() | 0xFF000000) };
                canvas.DrawRect(random.Next(256), random.Next(256), 6, 6, paint);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var full = data.ToArray();
        return full[..(full.Length / 2)];
    }

    /// <summary>A PNG whose header (with a correct CRC) declares the given size, with a token IDAT: a decompression bomb's shape.</summary>
    public static byte[] PngDeclaring(uint width, uint height)
    {
        byte[] ihdr = [.. U32(width), .. U32(height), 8, 2, 0, 0, 0];
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(new byte[64]);
        }

        return [0x89, .. "PNG\r\n\x1A\n"u8, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", compressed.ToArray()), .. Chunk("IEND", [])];

        static byte[] Chunk(string type, byte[] data)
        {
            byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
            return [.. U32((uint)data.Length), .. typed, .. U32(Crc32(typed))];
        }
    }

    public static byte[] Text { get; } = Encoding.UTF8.GetBytes("Note de service\nLa mairie sera fermée le 14 juillet. À afficher.");

    public static byte[] SvgWithScript { get; } = Encoding.UTF8.GetBytes(
        """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>""");

    public static byte[] Zip()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(archive.CreateEntry("film.mp4").Open()))
        {
            entry.Write("pas une vidéo");
        }

        return zip.ToArray();
    }

    public static bool Contains(byte[] bytes, ReadOnlySpan<byte> part) => bytes.AsSpan().IndexOf(part) >= 0;

    static byte[] Rationals(params (uint Numerator, uint Denominator)[] values) =>
        [.. values.SelectMany(v => U32(v.Numerator).Concat(U32(v.Denominator)))];

    /// <summary>"Exif\0\0" then a big-endian TIFF: IFD0 (Model, Orientation, GPS pointer) and a GPS IFD.</summary>
    static byte[] Exif(string model, ushort orientation, byte[] latitude, byte[] longitude)
    {
        var modelBytes = Encoding.ASCII.GetBytes(model + "\0");
        const int ifd0 = 8, ifd0Size = 2 + 3 * 12 + 4;
        var modelAt = ifd0 + ifd0Size;
        var gpsAt = (modelAt + modelBytes.Length + 1) & ~1;
        const int gpsSize = 2 + 4 * 12 + 4;
        var latitudeAt = gpsAt + gpsSize;
        var longitudeAt = latitudeAt + latitude.Length;

        var tiff = new List<byte>();
        tiff.AddRange("MM"u8.ToArray());
        tiff.AddRange(U16(42));
        tiff.AddRange(U32(ifd0));
        tiff.AddRange(U16(3));
        tiff.AddRange(Entry(0x0110, 2, (uint)modelBytes.Length, U32((uint)modelAt)));
        tiff.AddRange(Entry(0x0112, 3, 1, [.. U16(orientation), 0, 0]));
        tiff.AddRange(Entry(0x8825, 4, 1, U32((uint)gpsAt)));
        tiff.AddRange(U32(0));
        tiff.AddRange(modelBytes);
        while (tiff.Count < gpsAt)
        {
            tiff.Add(0);
        }

        tiff.AddRange(U16(4));
        tiff.AddRange(Entry(0x0001, 2, 2, [(byte)'N', 0, 0, 0]));
        tiff.AddRange(Entry(0x0002, 5, 3, U32((uint)latitudeAt)));
        tiff.AddRange(Entry(0x0003, 2, 2, [(byte)'E', 0, 0, 0]));
        tiff.AddRange(Entry(0x0004, 5, 3, U32((uint)longitudeAt)));
        tiff.AddRange(U32(0));
        tiff.AddRange(latitude);
        tiff.AddRange(longitude);
        return [.. "Exif\0\0"u8, .. tiff];

        static byte[] Entry(ushort tag, ushort type, uint count, byte[] value) => [.. U16(tag), .. U16(type), .. U32(count), .. value];
    }

    static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
