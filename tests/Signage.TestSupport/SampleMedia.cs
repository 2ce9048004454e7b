using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Signage.TestSupport;

/// <summary>Files for upload tests: valid images and videos, a JPEG carrying EXIF with a GPS position, and the bad-file corpus.</summary>
public static class SampleMedia
{
    /// <summary>The camera model written in the metadata of the samples that carry some.</summary>
    public const string CameraModel = "FauxPhone 12";

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> image: a dark blue top-left quarter on <paramref name="colour"/>.</summary>
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

    /// <summary>The GPS longitude 2° 17′ 40.12″ as the EXIF rationals the photo carries.</summary>
    public static byte[] GpsLongitude { get; } = Rationals((2, 1), (17, 1), (4012, 100));

    /// <summary>
    /// A 40 × 20 <see cref="Image"/> as JPEG with an APP1 segment: EXIF with <see cref="CameraModel"/>, the EXIF
    /// <paramref name="orientation"/> (6: turn a quarter clockwise to view) and a GPS position.
    /// </summary>
    public static byte[] JpegWithGps(ushort orientation = 1)
    {
        var jpeg = Image(SKEncodedImageFormat.Jpeg, 40, 20);
        var payload = Exif(CameraModel, orientation, GpsLatitude, GpsLongitude);
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + payload.Length));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A 256 × 256 JPEG of small random squares: enough detail that its first half lacks most of the scan.</summary>
    public static byte[] DetailedJpeg()
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
        return data.ToArray();
    }

    /// <summary>The first half of <see cref="DetailedJpeg"/>.</summary>
    public static byte[] TruncatedJpeg()
    {
        var full = DetailedJpeg();
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

    /// <summary>ftyp, moov (mvhd, one video trak: tkhd, mdia/hdlr, minf/stbl/stsd with one sample entry) and a token mdat.</summary>
    public static byte[] Mp4(uint timescale = 1000, ulong duration = 5000, string codec = "avc1", byte version = 0, bool rotated = false)
    {
        byte[] identity = [.. U32(0x00010000), .. U32(0), .. U32(0), .. U32(0), .. U32(0x00010000), .. U32(0), .. U32(0), .. U32(0), .. U32(0x40000000)];
        // A quarter turn: a = d = 0, b = 1, c = -1 (16.16 fixed point).
        byte[] quarter = [.. U32(0), .. U32(0x00010000), .. U32(0), .. U32(0xFFFF0000), .. U32(0), .. U32(0), .. U32(0), .. U32(0), .. U32(0x40000000)];
        byte[] movieRest = [.. U32(0x00010000), .. U16(0x0100), .. new byte[10], .. identity, .. new byte[24], .. U32(2)];
        var mvhd = version == 0
            ? FullBox("mvhd", 0, 0, [.. U32(0), .. U32(0), .. U32(timescale), .. U32((uint)duration), .. movieRest])
            : FullBox("mvhd", 1, 0, [.. U64(0), .. U64(0), .. U32(timescale), .. U64(duration), .. movieRest]);
        var tkhd = FullBox("tkhd", 0, 3, [.. U32(0), .. U32(0), .. U32(1), .. U32(0), .. U32((uint)duration), .. new byte[8],
            .. U16(0), .. U16(0), .. U16(0), .. U16(0), .. (rotated ? quarter : identity), .. U32(1920u << 16), .. U32(1080u << 16)]);
        var mdhd = FullBox("mdhd", 0, 0, [.. U32(0), .. U32(0), .. U32(timescale), .. U32((uint)duration), .. U16(0x55C4), .. U16(0)]);
        var hdlr = FullBox("hdlr", 0, 0, [.. U32(0), .. "vide"u8, .. new byte[12], .. "VideoHandler\0"u8]);
        var sampleEntry = Box(codec, [.. new byte[6], .. U16(1), .. new byte[16], .. U16(1920), .. U16(1080),
            .. U32(0x00480000), .. U32(0x00480000), .. U32(0), .. U16(1), .. new byte[32], .. U16(0x18), .. U16(0xFFFF)]);
        var stsd = FullBox("stsd", 0, 0, [.. U32(1), .. sampleEntry]);
        var trak = Box("trak", [.. tkhd, .. Box("mdia", [.. mdhd, .. hdlr, .. Box("minf", Box("stbl", stsd))])]);
        return [.. Box("ftyp", [.. "isom"u8, .. U32(0x200), .. "isomiso2avc1mp41"u8]), .. Box("moov", [.. mvhd, .. trak]), .. Box("mdat", new byte[32])];

        static byte[] FullBox(string type, byte v, byte flags, byte[] body) => Box(type, [v, 0, 0, flags, .. body]);

        static byte[] Box(string type, byte[] body) => [.. U32((uint)(8 + body.Length)), .. Encoding.ASCII.GetBytes(type), .. body];
    }

    /// <summary>EBML header, then a Segment holding Info (TimecodeScale 1 ms, Duration), Tracks (one video track) and a Cluster.</summary>
    public static byte[] Webm(double durationMs = 5000, string codec = "V_VP9", bool unknownSizeSegment = false, bool singlePrecision = false, string docType = "webm")
    {
        var header = Element(0x1A45DFA3, [.. Uint(0x4286, 1), .. Uint(0x42F7, 1), .. Uint(0x42F2, 4), .. Uint(0x42F3, 8),
            .. Text(0x4282, docType), .. Uint(0x4287, 4), .. Uint(0x4285, 2)]);
        var duration = new byte[singlePrecision ? 4 : 8];
        if (singlePrecision)
        {
            BinaryPrimitives.WriteSingleBigEndian(duration, (float)durationMs);
        }
        else
        {
            BinaryPrimitives.WriteDoubleBigEndian(duration, durationMs);
        }

        var info = Element(0x1549A966, [.. Uint(0x2AD7B1, 1_000_000), .. Element(0x4489, duration), .. Text(0x4D80, "tests"), .. Text(0x5741, "tests")]);
        var track = Element(0xAE, [.. Uint(0xD7, 1), .. Uint(0x73C5, 1), .. Uint(0x83, 1), .. Text(0x86, codec),
            .. Element(0xE0, [.. Uint(0xB0, 640), .. Uint(0xBA, 360)])]);
        byte[] content = [.. info, .. Element(0x1654AE6B, track), .. Element(0x1F43B675, Uint(0xE7, 0))];
        byte[] segment = unknownSizeSegment
            ? [0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. content]
            : Element(0x18538067, content);
        return [.. header, .. segment];

        static byte[] Uint(uint id, ulong value) => Element(id, [.. U64(value).SkipWhile(b => b == 0).DefaultIfEmpty()]);

        static byte[] Text(uint id, string value) => Element(id, Encoding.ASCII.GetBytes(value));

        static byte[] Element(uint id, byte[] data)
        {
            byte[] idBytes = [.. U32(id).SkipWhile(b => b == 0)];
            byte[] size = data.Length < 127 ? [(byte)(0x80 | data.Length)] : [0x01, .. U64((ulong)data.Length)[1..]];
            return [.. idBytes, .. size, .. data];
        }
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

    static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
