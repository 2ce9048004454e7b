using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Signage.TestSupport;

/// <summary>
/// Files for upload tests: valid images and videos, photos and videos carrying a GPS position and a camera model where
/// phones and cameras write them, and the bad-file corpus.
/// </summary>
public static class SampleMedia
{
    /// <summary>The camera model written in the metadata of the samples that carry some.</summary>
    public const string CameraModel = "FauxPhone 12";

    /// <summary>Where the sample videos were "filmed", as ISO 6709 the way phones write it in MP4 and WebM.</summary>
    public const string Location = "+48.8566+002.3522/";

    /// <summary>The title the sample WebM carries in its Info.</summary>
    public const string VideoTitle = "Anniversaire de Léa";

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
    public static byte[] JpegWithGps(ushort orientation = 1) => WithExif(Image(SKEncodedImageFormat.Jpeg, 40, 20), orientation);

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

    /// <summary>What the sample videos' frames hold: random bytes, so a test can find them and see that they did not move.</summary>
    public static byte[] VideoData { get; } = RandomBytes(4096, 11);

    /// <summary>
    /// An MP4: ftyp, moov (mvhd, one video trak: tkhd, mdia/hdlr, minf/stbl/stsd with one 1920 × 1080 sample entry)
    /// and an mdat holding <see cref="VideoData"/>.
    /// </summary>
    public static byte[] Mp4(uint timescale = 1000, ulong duration = 5000, string codec = "avc1", byte version = 0, bool rotated = false) =>
        Mp4(timescale, duration, codec, version, rotated, withLocation: false, largeSizes: false, xmpLast: false);

    /// <summary>
    /// A 12.5 s 1920 × 1080 H.264 <see cref="Mp4"/> carrying <see cref="Location"/> and <see cref="CameraModel"/> where
    /// phones and cameras put them: an XMP uuid box at the top level (GoPro, Sony), moov/udta (©xyz, ©mod), moov/meta
    /// (Apple's mdta keys), trak/udta and trak/mdia/meta. <paramref name="largeSizes"/> gives moov/udta and mdat 64-bit
    /// sizes; <paramref name="xmpLast"/> puts the XMP box after mdat with size 0 ("to the end of the file").
    /// </summary>
    public static byte[] Mp4WithLocation(bool largeSizes = false, bool xmpLast = false) =>
        Mp4(1000, 12_500, "avc1", 0, false, withLocation: true, largeSizes, xmpLast);

    static byte[] Mp4(uint timescale, ulong duration, string codec, byte version, bool rotated, bool withLocation, bool largeSizes, bool xmpLast)
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
        var minf = Box("minf", Box("stbl", FullBox("stsd", 0, 0, [.. U32(1), .. sampleEntry])));
        var ftyp = Box("ftyp", [.. "isom"u8, .. U32(0x200), .. "isomiso2avc1mp41"u8]);
        var mdat = Box("mdat", VideoData, largeSizes);
        if (!withLocation)
        {
            return [.. ftyp, .. Box("moov", [.. mvhd, .. Box("trak", [.. tkhd, .. Box("mdia", [.. mdhd, .. hdlr, .. minf])])]), .. mdat];
        }

        // QuickTime text items: length, language, then the text.
        byte[] location = [.. U16((ushort)Location.Length), .. U16(0x15C7), .. Encoding.ASCII.GetBytes(Location)];
        byte[] model = [.. U16((ushort)CameraModel.Length), .. U16(0x15C7), .. Encoding.ASCII.GetBytes(CameraModel)];
        var udta = Box("udta", [.. Box("©xyz", location), .. Box("©mod", model)], largeSizes);
        var keys = Box("meta", [0, 0, 0, 0, .. Handler("mdta"),
            .. FullBox("keys", 0, 0, [.. U32(1), .. Box("mdta", "com.apple.quicktime.location.ISO6709"u8.ToArray())]),
            .. Box("ilst", Box("\0\0\0\x01", DataBox(Location)))]);
        var trak = Box("trak", [.. tkhd, .. Box("udta", Box("©xyz", location)),
            .. Box("mdia", [.. mdhd, .. hdlr, .. Box("meta", [0, 0, 0, 0, .. Handler("mdir"), .. Box("ilst", Box("©mod", DataBox(CameraModel)))]), .. minf])]);
        byte[] xmpBody = [.. Convert.FromHexString("BE7ACFCB97A942E89C71999491E3AFAC"), .. Encoding.UTF8.GetBytes(
            $"""<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" exif:GPSLatitude="48,51.4977N" exif:GPSLongitude="2,17.6687E" tiff:Model="{CameraModel}"/></rdf:RDF></x:xmpmeta>""")];
        var moov = Box("moov", [.. mvhd, .. udta, .. keys, .. trak]);
        return xmpLast
            ? [.. ftyp, .. moov, .. mdat, .. U32(0), .. "uuid"u8, .. xmpBody]
            : [.. ftyp, .. Box("uuid", xmpBody), .. moov, .. mdat];

        static byte[] Handler(string type) => FullBox("hdlr", 0, 0, [.. U32(0), .. Encoding.ASCII.GetBytes(type), .. new byte[12], 0]);

        static byte[] DataBox(string text) => Box("data", [.. U32(1), .. U32(0), .. Encoding.UTF8.GetBytes(text)]);

        static byte[] FullBox(string type, byte v, byte flags, byte[] body) => Box(type, [v, 0, 0, flags, .. body]);

        // Types in Latin-1, for Apple's "©xyz" (0xA9 'x' 'y' 'z').
        static byte[] Box(string type, byte[] body, bool largeSize = false) => largeSize
            ? [.. U32(1), .. Encoding.Latin1.GetBytes(type), .. U64((ulong)(16 + body.Length)), .. body]
            : [.. U32((uint)(8 + body.Length)), .. Encoding.Latin1.GetBytes(type), .. body];
    }

    /// <summary>
    /// A WebM: EBML header, then a Segment holding Info (TimecodeScale 1 ms, Duration), Tracks (one 640 × 360 video
    /// track) and a Cluster with one block of <see cref="VideoData"/>.
    /// </summary>
    public static byte[] Webm(double durationMs = 5000, string codec = "V_VP9", bool unknownSizeSegment = false, bool singlePrecision = false, string docType = "webm")
    {
        byte[] content = [.. WebmInfo(durationMs, singlePrecision, []), .. WebmTracks(codec), .. Cluster(0, unknownSize: false)];
        return [.. EbmlHeader(docType), .. (unknownSizeSegment ? [0x18, 0x53, 0x80, 0x67, .. UnknownSize, .. content] : Ebml(0x18538067, content))];
    }

    /// <summary>
    /// A 12.5 s 640 × 360 VP9 WebM laid out the way mkvmerge writes one: SeekHead (to Info, Tracks, Attachments and
    /// Tags), Info with a CRC-32, <see cref="VideoTitle"/> and a DateUTC, Tracks, Attachments (a cover picture:
    /// <see cref="JpegWithGps"/>), two Clusters of <see cref="VideoData"/>, and after them Tags holding
    /// <see cref="Location"/> and <see cref="CameraModel"/>. <paramref name="unknownSizeClusters"/> leaves the Clusters'
    /// size unknown, as live recorders do.
    /// </summary>
    public static byte[] WebmWithLocation(bool unknownSizeClusters = false)
    {
        byte[] dateUtc = [.. U64(789_000_000_000_000_000)];
        var info = WebmInfo(12_500, singlePrecision: false, [.. EbmlText(0x7BA9, VideoTitle), .. Ebml(0x4461, dateUtc)]);
        var tracks = WebmTracks("V_VP9");
        var attachments = Ebml(0x1941A469, Ebml(0x61A7, [.. EbmlText(0x466E, "couverture.jpg"), .. EbmlText(0x4660, "image/jpeg"),
            .. Ebml(0x465C, JpegWithGps()), .. EbmlUint(0x46AE, 1)]));
        byte[] clusters = [.. Cluster(0, unknownSizeClusters), .. Cluster(6_000, unknownSizeClusters)];
        var tags = Ebml(0x1254C367, Ebml(0x7373, [.. Ebml(0x63C0, []), .. SimpleTag("LOCATION", Location), .. SimpleTag("MODEL", CameraModel)]));

        // SeekPosition on 8 bytes, so the SeekHead's length does not depend on the positions it holds.
        var seekHeadLength = SeekHead(new long[4]).Length;
        var infoAt = (long)seekHeadLength;
        var tracksAt = infoAt + info.Length;
        var attachmentsAt = tracksAt + tracks.Length;
        var tagsAt = attachmentsAt + attachments.Length + clusters.Length;
        byte[] content = [.. SeekHead([infoAt, tracksAt, attachmentsAt, tagsAt]), .. info, .. tracks, .. attachments, .. clusters, .. tags];
        return [.. EbmlHeader("webm"), .. Ebml(0x18538067, content)];

        static byte[] SeekHead(long[] at) => Ebml(0x114D9B74, [.. Seek(0x1549A966, at[0]), .. Seek(0x1654AE6B, at[1]), .. Seek(0x1941A469, at[2]), .. Seek(0x1254C367, at[3])]);

        static byte[] Seek(uint id, long at) => Ebml(0x4DBB, [.. Ebml(0x53AB, U32(id)), .. Ebml(0x53AC, U64((ulong)at))]);

        static byte[] SimpleTag(string name, string value) => Ebml(0x67C8, [.. EbmlText(0x45A3, name), .. EbmlText(0x4487, value)]);
    }

    // An EBML size of 8 bytes with every value bit set: "unknown".
    static readonly byte[] UnknownSize = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    static byte[] EbmlHeader(string docType) => Ebml(0x1A45DFA3, [.. EbmlUint(0x4286, 1), .. EbmlUint(0x42F7, 1), .. EbmlUint(0x42F2, 4),
        .. EbmlUint(0x42F3, 8), .. EbmlText(0x4282, docType), .. EbmlUint(0x4287, 4), .. EbmlUint(0x4285, 2)]);

    /// <summary>Info: TimecodeScale 1 ms, the duration, <paramref name="extra"/>, the muxing and writing apps; with a CRC-32 when there are extras.</summary>
    static byte[] WebmInfo(double durationMs, bool singlePrecision, byte[] extra)
    {
        var duration = new byte[singlePrecision ? 4 : 8];
        if (singlePrecision)
        {
            BinaryPrimitives.WriteSingleBigEndian(duration, (float)durationMs);
        }
        else
        {
            BinaryPrimitives.WriteDoubleBigEndian(duration, durationMs);
        }

        byte[] fields = [.. EbmlUint(0x2AD7B1, 1_000_000), .. Ebml(0x4489, duration), .. extra, .. EbmlText(0x4D80, "tests"), .. EbmlText(0x5741, "tests")];
        if (extra.Length == 0)
        {
            return Ebml(0x1549A966, fields);
        }

        // EBML's CRC-32 covers the data of the element's other children, little-endian.
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32(fields));
        return Ebml(0x1549A966, [.. Ebml(0xBF, crc), .. fields]);
    }

    static byte[] WebmTracks(string codec) => Ebml(0x1654AE6B, Ebml(0xAE, [.. EbmlUint(0xD7, 1), .. EbmlUint(0x73C5, 1), .. EbmlUint(0x83, 1),
        .. EbmlText(0x86, codec), .. Ebml(0xE0, [.. EbmlUint(0xB0, 640), .. EbmlUint(0xBA, 360)])]));

    /// <summary>A Cluster at <paramref name="timecode"/> holding one key-frame SimpleBlock of track 1 with <see cref="VideoData"/>.</summary>
    static byte[] Cluster(ulong timecode, bool unknownSize)
    {
        byte[] content = [.. EbmlUint(0xE7, timecode), .. Ebml(0xA3, [0x81, 0x00, 0x00, 0x80, .. VideoData])];
        return unknownSize ? [0x1F, 0x43, 0xB6, 0x75, .. UnknownSize, .. content] : Ebml(0x1F43B675, content);
    }

    static byte[] EbmlUint(uint id, ulong value) => Ebml(id, [.. U64(value).SkipWhile(b => b == 0).DefaultIfEmpty()]);

    static byte[] EbmlText(uint id, string value) => Ebml(id, Encoding.UTF8.GetBytes(value));

    static byte[] Ebml(uint id, byte[] data)
    {
        byte[] idBytes = [.. U32(id).SkipWhile(b => b == 0)];
        byte[] size = data.Length < 127 ? [(byte)(0x80 | data.Length)] : [0x01, .. U64((ulong)data.Length)[1..]];
        return [.. idBytes, .. size, .. data];
    }

    static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
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
