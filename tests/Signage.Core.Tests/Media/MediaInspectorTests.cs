using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Options;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.TestSupport;
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
        var path = Write("upload.bin", SampleMedia.Image(format, 64, 48));

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
        // Stored 40 × 20 with a dark mark on the top-left quarter; orientation 6 says "turn a quarter clockwise to
        // view", so the viewer sees 20 × 40 with the mark at the top right.
        var photo = SampleMedia.JpegWithGps(orientation: 6);
        var path = Write("photo.jpg", photo);
        using (var original = SKCodec.Create(path))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, original.EncodedOrigin);
        }

        Assert.True(SampleMedia.Contains(photo, "Exif"u8) && SampleMedia.Contains(photo, SampleMedia.GpsLatitude) && SampleMedia.Contains(photo, "FauxPhone"u8), "the test photo must carry its metadata");

        var media = await Inspect(path);

        Assert.Equal((20, 40), (media.Width, media.Height));
        var normalized = File.ReadAllBytes(media.NormalizedPath);
        Assert.False(SampleMedia.Contains(normalized, "Exif"u8), "EXIF left in the normalized image");
        Assert.False(SampleMedia.Contains(normalized, SampleMedia.GpsLatitude), "GPS latitude left in the normalized image");
        Assert.False(SampleMedia.Contains(normalized, SampleMedia.GpsLongitude), "GPS longitude left in the normalized image");
        Assert.False(SampleMedia.Contains(normalized, "FauxPhone"u8), "camera model left in the normalized image");
        using var upright = SKBitmap.Decode(normalized);
        Assert.Equal((20, 40), (upright.Width, upright.Height));
        Assert.True(IsDark(upright.GetPixel(16, 3)), "the mark should be at the top right");
        Assert.False(IsDark(upright.GetPixel(3, 3)), "top left should be white");
        Assert.False(IsDark(upright.GetPixel(16, 36)), "bottom right should be white");
        Assert.False(IsDark(upright.GetPixel(3, 36)), "bottom left should be white");
    }

    [Fact]
    public async Task AJpegInAWideColourSpaceIsStoredInSrgbAndAPlainOneKeepsItsColours()
    {
        // The same numbers mean a more saturated green in Display P3 than in sRGB: stored as they are, a P3 photo
        // would look dull on screens, which show sRGB.
        var green = new SKColor(40, 160, 60);
        var p3 = SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3);

        var fromP3 = await NormalizedCentre(Plain(green, p3));
        var fromSrgb = await NormalizedCentre(Plain(green, null));

        Assert.True(Distance(fromSrgb, green) <= 3, $"an sRGB JPEG came out as {fromSrgb}, not {green}");
        // In sRGB that green lies outside the gamut: its red clips to 0 and its blue drops.
        Assert.True(fromP3.Red < 10 && fromP3.Blue < green.Blue - 10, $"a P3 JPEG came out as {fromP3}: its colours were not converted to sRGB");

        static byte[] Plain(SKColor colour, SKColorSpace? space)
        {
            using var bitmap = new SKBitmap(new SKImageInfo(32, 32, SKColorType.Rgba8888, SKAlphaType.Opaque, space));
            var pixels = bitmap.GetPixelSpan();
            for (var i = 0; i < pixels.Length; i += 4)
            {
                (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (colour.Red, colour.Green, colour.Blue, 255);
            }

            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 100);
            return data.ToArray();
        }

        static int Distance(SKColor a, SKColor b) => Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));
    }

    async Task<SKColor> NormalizedCentre(byte[] jpeg)
    {
        var media = await Inspect(Write($"{Guid.NewGuid():N}.jpg", jpeg));
        using var stored = SKBitmap.Decode(media.NormalizedPath);
        return stored.GetPixel(16, 16);
    }

    [Fact]
    public async Task AJpegCutInHalfIsRefusedAsTruncated()
    {
        await Inspect(Write("full.jpg", SampleMedia.DetailedJpeg()));

        var refusal = await Refused("half.jpg", SampleMedia.TruncatedJpeg(), "truncated");
        Assert.Contains("tronquée", refusal.Message);
    }

    [Fact]
    public async Task APngDeclaringFiftyThousandPixelsSquareIsRefusedBeforeDecoding()
    {
        var refusal = await Refused("bomb.png", SampleMedia.PngDeclaring(50_000, 50_000), "too-many-pixels");
        Assert.Equal("L'image déclare 50 000 × 50 000 pixels ; la limite est de 40 mégapixels.", refusal.Message);
    }

    [Fact]
    public async Task AnImageLongerThanTheSideLimitIsRefused()
    {
        var refusal = await Refused("strip.png", SampleMedia.Image(SKEncodedImageFormat.Png, 64, 8), "too-many-pixels", new MediaLimits { MaxImageSide = 32 });
        Assert.Contains("64 × 8 pixels", refusal.Message);
        Assert.Contains("32 pixels par côté", refusal.Message);
    }

    [Fact]
    public async Task TextRenamedAsPngIsRefusedAsText()
    {
        var refusal = await Refused("affiche.png", SampleMedia.Text, "text");
        Assert.Contains("texte", refusal.Message);
    }

    [Fact]
    public async Task AnSvgWithAScriptIsRefused()
    {
        var refusal = await Refused("logo.png", SampleMedia.SvgWithScript, "svg");
        Assert.Contains("SVG", refusal.Message);
        Assert.Contains("script", refusal.Message);
    }

    [Fact]
    public async Task AZipRenamedAsMp4IsRefused()
    {
        var refusal = await Refused("film.mp4", SampleMedia.Zip(), "zip");
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
        var refusal = await Refused("gros.mp4", SampleMedia.Mp4(), "too-large", new MediaLimits { MaxBytes = 100 });
        Assert.Contains("la limite est de 0,1 Mo", refusal.Message);
    }

    [Fact]
    public async Task AnImageOverTheImageSizeLimitIsRefusedEvenUnderTheGeneralLimit()
    {
        var refusal = await Refused("grosse.png", SampleMedia.Image(SKEncodedImageFormat.Png, 64, 48), "too-large", new MediaLimits { MaxImageBytes = 10 });
        Assert.Contains("L'image pèse", refusal.Message);
    }

    // ---- MP4 ----

    [Fact]
    public async Task AnH264Mp4IsAcceptedWithItsDurationAndSize()
    {
        var mp4 = SampleMedia.Mp4(timescale: 1000, duration: 12_500);
        var path = Write("clip.bin", mp4);

        var media = await Inspect(path);

        Assert.Equal(MediaKind.Video, media.Kind);
        Assert.Equal("video/mp4", media.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(12.5), media.Duration);
        Assert.Equal((1920, 1080), (media.Width, media.Height));
        Assert.True(media.MetadataStripped);
        // Nothing to strip: the copy is the same bytes, and the upload is left as it came.
        Assert.NotEqual(path, media.NormalizedPath);
        Assert.Equal(mp4, File.ReadAllBytes(media.NormalizedPath));
        Assert.Equal(mp4, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task AnMp4FromAPhoneLosesItsPositionAndCameraButNoFrameMoves(bool largeSizes, bool xmpLast)
    {
        var mp4 = SampleMedia.Mp4WithLocation(largeSizes, xmpLast);
        Assert.True(SampleMedia.Contains(mp4, Encoding.ASCII.GetBytes(SampleMedia.Location)), "the test video must carry its position");
        var path = Write("vacances.mp4", mp4);

        var media = await Inspect(path);

        Assert.True(media.MetadataStripped);
        var stripped = File.ReadAllBytes(media.NormalizedPath);
        AssertNoneLeft(stripped, SampleMedia.Location, SampleMedia.CameraModel, "GPSLatitude", "com.apple.quicktime");
        // Same length and the frames at the same offsets, so the sample tables' chunk offsets still point at them.
        Assert.Equal(mp4.Length, stripped.Length);
        Assert.Equal(IndexesOf(mp4, SampleMedia.VideoData), IndexesOf(stripped, SampleMedia.VideoData));
        var again = await Inspect(media.NormalizedPath);
        Assert.Equal((TimeSpan.FromSeconds(12.5), 1920, 1080), (again.Duration, again.Width, again.Height));
        Assert.Equal(mp4, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task AnMp4WithAVersionOneMovieHeaderIsRead()
    {
        var media = await Inspect(Write("clip.mp4", SampleMedia.Mp4(timescale: 90_000, duration: 90_000UL * 30, version: 1)));
        Assert.Equal(TimeSpan.FromSeconds(30), media.Duration);
    }

    [Fact]
    public async Task AnMp4LongerThanTheLimitIsRefused()
    {
        var refusal = await Refused("film.mp4", SampleMedia.Mp4(timescale: 1000, duration: 3_600_000, version: 1), "too-long");
        Assert.Equal("La vidéo dure 1 h ; la limite est de 10 min.", refusal.Message);
    }

    [Fact]
    public async Task AnHevcMp4IsRefusedForItsCodec()
    {
        var refusal = await Refused("iphone.mp4", SampleMedia.Mp4(timescale: 600, duration: 6000, codec: "hvc1"), "codec");
        Assert.Contains("H.265/HEVC (hvc1)", refusal.Message);
        Assert.Contains("H.264", refusal.Message);
    }

    [Fact]
    public async Task AnMp4CutShortIsRefusedAsTruncated()
    {
        var full = SampleMedia.Mp4();
        var refusal = await Refused("cut.mp4", full[..^4], "truncated");
        Assert.Equal("La vidéo est tronquée ou corrompue : la boîte MP4 « mdat » annonce 4 104 octets, mais il n'en reste que 4 100 dans le fichier.", refusal.Message);
    }

    [Fact]
    public async Task AnMp4WhoseUserDataClaimsMoreThanTheMovieHoldsIsRefused()
    {
        var mp4 = SampleMedia.Mp4WithLocation();
        var udta = mp4.AsSpan().IndexOf("udta"u8) - 4;
        BinaryPrimitives.WriteUInt32BigEndian(mp4.AsSpan(udta), 1_000_000);

        var refusal = await Refused("vacances.mp4", mp4, "truncated");

        Assert.StartsWith("La vidéo est tronquée ou corrompue : la boîte MP4 « udta » annonce 1 000 000 octets, mais il n'en reste que ", refusal.Message);
        Assert.EndsWith(" dans la boîte « moov ».", refusal.Message);
    }

    [Fact]
    public async Task APortraitPhoneVideoReportsItsDisplayedSize()
    {
        var media = await Inspect(Write("portrait.mp4", SampleMedia.Mp4(timescale: 1000, duration: 5000, rotated: true)));
        Assert.Equal((1080, 1920), (media.Width, media.Height));
    }

    // ---- WebM ----

    [Fact]
    public async Task AWebmIsAcceptedWithItsDurationAndSize()
    {
        var webm = SampleMedia.Webm(durationMs: 12_500, codec: "V_VP9", unknownSizeSegment: true);
        var path = Write("clip.bin", webm);

        var media = await Inspect(path);

        Assert.Equal(MediaKind.Video, media.Kind);
        Assert.Equal("video/webm", media.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(12.5), media.Duration);
        Assert.Equal((640, 360), (media.Width, media.Height));
        Assert.True(media.MetadataStripped);
        Assert.NotEqual(path, media.NormalizedPath);
        Assert.Equal(webm, File.ReadAllBytes(media.NormalizedPath));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWebmLosesItsTagsAttachmentsAndTitleButNoFrameMoves(bool unknownSizeClusters)
    {
        var webm = SampleMedia.WebmWithLocation(unknownSizeClusters);
        Assert.True(SampleMedia.Contains(webm, Encoding.ASCII.GetBytes(SampleMedia.Location)), "the test video must carry its position");
        var path = Write("anniversaire.webm", webm);

        var media = await Inspect(path);

        Assert.True(media.MetadataStripped);
        var stripped = File.ReadAllBytes(media.NormalizedPath);
        AssertNoneLeft(stripped, SampleMedia.Location, SampleMedia.CameraModel, SampleMedia.VideoTitle, "couverture.jpg");
        Assert.False(SampleMedia.Contains(stripped, SampleMedia.GpsLatitude), "the cover picture's GPS position is left");
        // Neither the elements nor the SeekHead entries that pointed to them name Tags or Attachments any more.
        Assert.False(SampleMedia.Contains(stripped, [0x12, 0x54, 0xC3, 0x67]), "Tags left");
        Assert.False(SampleMedia.Contains(stripped, [0x19, 0x41, 0xA4, 0x69]), "Attachments left");
        // Info's CRC-32 (ID BF, 4 bytes) would no longer match its voided Title: it is voided too.
        Assert.Single(IndexesOf(webm, [0xBF, 0x84]));
        Assert.Empty(IndexesOf(stripped, [0xBF, 0x84]));
        Assert.Equal(webm.Length, stripped.Length);
        Assert.Equal(IndexesOf(webm, SampleMedia.VideoData), IndexesOf(stripped, SampleMedia.VideoData));
        var again = await Inspect(media.NormalizedPath);
        Assert.Equal((TimeSpan.FromSeconds(12.5), 640, 360), (again.Duration, again.Width, again.Height));
    }

    [Fact]
    public async Task AWebmWhoseTagsClaimMoreThanTheFileHoldsIsRefused()
    {
        // Tags (ID 12 54 C3 67) with a four-byte size of 1 MiB, then 20 bytes.
        byte[] webm = [.. SampleMedia.Webm(unknownSizeSegment: true), 0x12, 0x54, 0xC3, 0x67, 0x10, 0x10, 0x00, 0x00, .. new byte[20]];

        var refusal = await Refused("coupée.webm", webm, "truncated");

        Assert.Equal("La vidéo est tronquée ou corrompue : l'élément WebM « Tags » annonce 1 048 576 octets, mais il n'en reste que 20 dans l'élément « Segment ».", refusal.Message);
    }

    [Fact]
    public async Task AWebmLongerThanTheLimitIsRefused()
    {
        var refusal = await Refused("long.webm", SampleMedia.Webm(durationMs: 900_000, codec: "V_VP8", unknownSizeSegment: false, singlePrecision: true), "too-long");
        Assert.Equal("La vidéo dure 15 min ; la limite est de 10 min.", refusal.Message);
    }

    [Fact]
    public async Task AWebmWithAnotherVideoCodecIsRefused()
    {
        var refusal = await Refused("h264.webm", SampleMedia.Webm(durationMs: 5000, codec: "V_MPEG4/ISO/AVC", unknownSizeSegment: false), "codec");
        Assert.Contains("V_MPEG4/ISO/AVC", refusal.Message);
    }

    [Fact]
    public async Task AMatroskaFileIsNotTakenForWebm()
    {
        var refusal = await Refused("film.webm", SampleMedia.Webm(durationMs: 5000, codec: "V_VP9", unknownSizeSegment: false, docType: "matroska"), "unknown-format");
        Assert.Contains("WebM", refusal.Message);
    }

    // ---- helpers ----

    static Task<InspectedMedia> Inspect(string path, MediaLimits? limits = null) =>
        new MediaInspector(Options.Create(limits ?? new MediaLimits()), new DecodeBudget(Options.Create(limits ?? new MediaLimits()))).InspectAsync(path, CancellationToken.None);

    /// <summary>Inspects the bytes and expects a refusal with <paramref name="code"/>, leaving no copy beside the upload.</summary>
    async Task<MediaRejectedException> Refused(string name, byte[] bytes, string code, MediaLimits? limits = null)
    {
        var path = Write(name, bytes);
        var files = Directory.GetFiles(folder).Order();
        var refusal = await Assert.ThrowsAsync<MediaRejectedException>(() => Inspect(path, limits));
        Assert.Equal(code, refusal.Code);
        Assert.Equal(files, Directory.GetFiles(folder).Order());
        return refusal;
    }

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static bool IsDark(SKColor c) => c.Red < 80 && c.Green < 80;

    static void AssertNoneLeft(byte[] file, params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.False(SampleMedia.Contains(file, Encoding.UTF8.GetBytes(text)), $"« {text} » left in the stripped video");
        }
    }

    static List<int> IndexesOf(byte[] bytes, byte[] part)
    {
        var found = new List<int>();
        for (var at = bytes.AsSpan().IndexOf(part); at >= 0; at = bytes.AsSpan(at + 1).IndexOf(part) is var next and >= 0 ? at + 1 + next : -1)
        {
            found.Add(at);
        }

        return found;
    }
}
