using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using Signage.Core.Media;
using SkiaSharp;

namespace Signage.Core.Tests.Media;

public sealed class MediaInspectorTests : IDisposable
{
    readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"signage-media-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // ---- images ----

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public async Task ImagesAreRecognisedByContentAndReencodedInTheirOwnFormat(SKEncodedImageFormat format, string mediaType)
    {
        // The name says nothing true: only the bytes count.
        var path = Write("upload.bin", Image(format, 64, 48));

        var media = await Inspect(path);

        Assert.Equal(MediaKind.Image, media.Kind);
        Assert.Equal(mediaType, media.MediaType);
        Assert.Equal((64, 48), (media.Width, media.Height));
        Assert.Null(media.Duration);
        Assert.True(media.MetadataStripped);
        Assert.NotEqual(path, media.NormalizedPath);
        using var codec = SKCodec.Create(media.NormalizedPath);
        Assert.NotNull(codec);
        Assert.Equal(format, codec.EncodedFormat);
        Assert.Equal((64, 48), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public async Task APhotoTakenSidewaysComesOutUprightWithoutItsExifOrGpsPosition()
    {
        // Stored 40 × 20 with a red mark at the top left; orientation 6 says "turn a quarter clockwise to view",
        // so the viewer sees 20 × 40 with the mark at the top right.
        var stored = Image(SKEncodedImageFormat.Jpeg, 40, 20, c => c.DrawRect(0, 0, 8, 8, new SKPaint { Color = SKColors.Red }));
        var latitude = Rationals((48, 1), (51, 1), (2987, 100));
        var longitude = Rationals((2, 1), (17, 1), (4012, 100));
        var photo = WithApp1(stored, Exif(orientation: 6, model: "FauxPhone 12", latitude, longitude));
        var path = Write("photo.jpg", photo);
        using (var original = SKCodec.Create(path))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, original.EncodedOrigin);
        }

        Assert.True(Contains(photo, "Exif"u8) && Contains(photo, latitude) && Contains(photo, "FauxPhone"u8), "the test photo must carry its metadata");

        var media = await Inspect(path);

        Assert.Equal((20, 40), (media.Width, media.Height));
        var normalized = File.ReadAllBytes(media.NormalizedPath);
        Assert.False(Contains(normalized, "Exif"u8), "EXIF left in the normalized image");
        Assert.False(Contains(normalized, latitude), "GPS latitude left in the normalized image");
        Assert.False(Contains(normalized, longitude), "GPS longitude left in the normalized image");
        Assert.False(Contains(normalized, "FauxPhone"u8), "camera model left in the normalized image");
        using var upright = SKBitmap.Decode(normalized);
        Assert.Equal((20, 40), (upright.Width, upright.Height));
        Assert.True(IsRed(upright.GetPixel(16, 3)), "the mark should be at the top right");
        Assert.False(IsRed(upright.GetPixel(3, 3)), "top left should be white");
        Assert.False(IsRed(upright.GetPixel(16, 36)), "bottom right should be white");
        Assert.False(IsRed(upright.GetPixel(3, 36)), "bottom left should be white");
    }

    [Fact]
    public async Task AJpegCutInHalfIsRefusedAsTruncated()
    {
        var random = new Random(7);
        var full = Image(SKEncodedImageFormat.Jpeg, 256, 256, c =>
        {
            for (var i = 0; i < 2000; i++)
            {
                using var paint = new SKPaint { Color = new SKColor((uint)random.Next() | 0xFF000000) };
                c.DrawRect(random.Next(256), random.Next(256), 6, 6, paint);
            }
        });
        await Inspect(Write("full.jpg", full));

        var refusal = await Refused("half.jpg", full[..(full.Length / 2)], "truncated");
        Assert.Contains("tronquée", refusal.Message);
    }

    [Fact]
    public async Task APngDeclaringFiftyThousandPixelsSquareIsRefusedBeforeDecoding()
    {
        var refusal = await Refused("bomb.png", Png(50_000, 50_000), "too-many-pixels");
        Assert.Equal("L'image déclare 50 000 × 50 000 pixels ; la limite est de 40 mégapixels.", refusal.Message);
    }

    [Fact]
    public async Task AnImageLongerThanTheSideLimitIsRefused()
    {
        var refusal = await Refused("strip.png", Image(SKEncodedImageFormat.Png, 64, 8), "too-many-pixels", new MediaLimits { MaxImageSide = 32 });
        Assert.Contains("64 × 8 pixels", refusal.Message);
        Assert.Contains("32 pixels par côté", refusal.Message);
    }

    [Fact]
    public async Task TextRenamedAsPngIsRefusedAsText()
    {
        var refusal = await Refused("affiche.png", Encoding.UTF8.GetBytes("Note de service\nLa mairie sera fermée le 14 juillet. À afficher."), "text");
        Assert.Contains("texte", refusal.Message);
    }

    [Fact]
    public async Task AnSvgWithAScriptIsRefused()
    {
        const string svg = """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>""";
        var refusal = await Refused("logo.png", Encoding.UTF8.GetBytes(svg), "svg");
        Assert.Contains("SVG", refusal.Message);
        Assert.Contains("script", refusal.Message);
    }

    [Fact]
    public async Task AZipRenamedAsMp4IsRefused()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(archive.CreateEntry("film.mp4").Open()))
        {
            entry.Write("pas une vidéo");
        }

        var refusal = await Refused("film.mp4", zip.ToArray(), "zip");
        Assert.Contains("archive ZIP", refusal.Message);
    }

    [Fact]
    public async Task AnEmptyFileIsRefused()
    {
        var refusal = await Refused("vide.jpg", [], "empty");
        Assert.Contains("vide", refusal.Message);
    }

    [Fact]
    public async Task BytesOfNoKnownFormatAreRefused()
    {
        var bytes = new byte[512];
        new Random(3).NextBytes(bytes);
        bytes[0] = 0x00;
        var refusal = await Refused("photo.jpg", bytes, "unknown-format");
        Assert.Contains("Format non reconnu", refusal.Message);
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRefusedWithItsSize()
    {
        var refusal = await Refused("gros.mp4", Mp4(1000, 1000), "too-large", new MediaLimits { MaxBytes = 100 });
        Assert.Contains("la limite est de 0,1 Mo", refusal.Message);
    }

    [Fact]
    public async Task AnImageOverTheImageSizeLimitIsRefusedEvenUnderTheGeneralLimit()
    {
        var refusal = await Refused("grosse.png", Image(SKEncodedImageFormat.Png, 64, 48), "too-large", new MediaLimits { MaxImageBytes = 10 });
        Assert.Contains("L'image pèse", refusal.Message);
    }

    // ---- MP4 ----

    [Fact]
    public async Task AnH264Mp4IsAcceptedWithItsDurationAndSize()
    {
        var path = Write("clip.bin", Mp4(timescale: 1000, duration: 12_500));

        var media = await Inspect(path);

        Assert.Equal(MediaKind.Video, media.Kind);
        Assert.Equal("video/mp4", media.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(12.5), media.Duration);
        Assert.Equal((1920, 1080), (media.Width, media.Height));
        Assert.Equal(path, media.NormalizedPath);
        Assert.False(media.MetadataStripped);
    }

    [Fact]
    public async Task AnMp4WithAVersionOneMovieHeaderIsRead()
    {
        var media = await Inspect(Write("clip.mp4", Mp4(timescale: 90_000, duration: 90_000UL * 30, version: 1)));
        Assert.Equal(TimeSpan.FromSeconds(30), media.Duration);
    }

    [Fact]
    public async Task AnMp4LongerThanTheLimitIsRefused()
    {
        var refusal = await Refused("film.mp4", Mp4(timescale: 1000, duration: 3_600_000, version: 1), "too-long");
        Assert.Equal("La vidéo dure 1 h ; la limite est de 10 min.", refusal.Message);
    }

    [Fact]
    public async Task AnHevcMp4IsRefusedForItsCodec()
    {
        var refusal = await Refused("iphone.mp4", Mp4(timescale: 600, duration: 6000, codec: "hvc1"), "codec");
        Assert.Contains("H.265/HEVC (hvc1)", refusal.Message);
        Assert.Contains("H.264", refusal.Message);
    }

    [Fact]
    public async Task AnMp4CutShortIsRefusedAsTruncated()
    {
        var full = Mp4(timescale: 1000, duration: 5000);
        var refusal = await Refused("cut.mp4", full[..^4], "truncated");
        Assert.Contains("tronquée", refusal.Message);
    }

    [Fact]
    public async Task APortraitPhoneVideoReportsItsDisplayedSize()
    {
        var media = await Inspect(Write("portrait.mp4", Mp4(timescale: 1000, duration: 5000, rotated: true)));
        Assert.Equal((1080, 1920), (media.Width, media.Height));
    }

    // ---- WebM ----

    [Fact]
    public async Task AWebmIsAcceptedWithItsDurationAndSize()
    {
        var path = Write("clip.bin", Webm(durationMs: 12_500, codec: "V_VP9", unknownSizeSegment: true));

        var media = await Inspect(path);

        Assert.Equal(MediaKind.Video, media.Kind);
        Assert.Equal("video/webm", media.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(12.5), media.Duration);
        Assert.Equal((640, 360), (media.Width, media.Height));
        Assert.Equal(path, media.NormalizedPath);
    }

    [Fact]
    public async Task AWebmLongerThanTheLimitIsRefused()
    {
        var refusal = await Refused("long.webm", Webm(durationMs: 900_000, codec: "V_VP8", unknownSizeSegment: false, float32: true), "too-long");
        Assert.Equal("La vidéo dure 15 min ; la limite est de 10 min.", refusal.Message);
    }

    [Fact]
    public async Task AWebmWithAnotherVideoCodecIsRefused()
    {
        var refusal = await Refused("h264.webm", Webm(durationMs: 5000, codec: "V_MPEG4/ISO/AVC", unknownSizeSegment: false), "codec");
        Assert.Contains("V_MPEG4/ISO/AVC", refusal.Message);
    }

    [Fact]
    public async Task AMatroskaFileIsNotTakenForWebm()
    {
        var refusal = await Refused("film.webm", Webm(durationMs: 5000, codec: "V_VP9", unknownSizeSegment: false, docType: "matroska"), "unknown-format");
        Assert.Contains("WebM", refusal.Message);
    }

    // ---- helpers ----

    static Task<InspectedMedia> Inspect(string path, MediaLimits? limits = null) =>
        new MediaInspector(Options.Create(limits ?? new MediaLimits())).InspectAsync(path, CancellationToken.None);

    async Task<MediaRejectedException> Refused(string name, byte[] bytes, string code, MediaLimits? limits = null)
    {
        var refusal = await Assert.ThrowsAsync<MediaRejectedException>(() => Inspect(Write(name, bytes), limits));
        Assert.Equal(code, refusal.Code);
        return refusal;
    }

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static byte[] Image(SKEncodedImageFormat format, int width, int height, Action<SKCanvas>? draw = null)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            draw?.Invoke(canvas);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 80 && c.Blue < 80;

    static bool Contains(byte[] bytes, ReadOnlySpan<byte> part) => bytes.AsSpan().IndexOf(part) >= 0;

    /// <summary>A JPEG with an APP1 segment inserted right after its start-of-image marker.</summary>
    static byte[] WithApp1(byte[] jpeg, byte[] app1Payload)
    {
        var segment = new byte[4 + app1Payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + app1Payload.Length));
        app1Payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    static byte[] Rationals(params (uint Numerator, uint Denominator)[] values) =>
        [.. values.SelectMany(v => U32(v.Numerator).Concat(U32(v.Denominator)))];

    /// <summary>"Exif\0\0" then a big-endian TIFF: IFD0 (Model, Orientation, GPS pointer) and a GPS IFD.</summary>
    static byte[] Exif(ushort orientation, string model, byte[] latitude, byte[] longitude)
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

    /// <summary>A PNG whose IHDR (with a correct CRC) declares the given size, followed by a token IDAT and IEND.</summary>
    static byte[] Png(uint width, uint height)
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

    /// <summary>ftyp, moov (mvhd, one video trak: tkhd, mdia/hdlr, minf/stbl/stsd with one sample entry) and a token mdat.</summary>
    static byte[] Mp4(uint timescale, ulong duration, string codec = "avc1", byte version = 0, bool rotated = false)
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
    static byte[] Webm(double durationMs, string codec, bool unknownSizeSegment, bool float32 = false, string docType = "webm")
    {
        var header = Element(0x1A45DFA3, [.. Uint(0x4286, 1), .. Uint(0x42F7, 1), .. Uint(0x42F2, 4), .. Uint(0x42F3, 8),
            .. Text(0x4282, docType), .. Uint(0x4287, 4), .. Uint(0x4285, 2)]);
        var duration = new byte[float32 ? 4 : 8];
        if (float32)
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
