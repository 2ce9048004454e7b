using Signage.Core.Imaging;
using Signage.Core.Rendering;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Core.Tests.Imaging;

public class JpegTests
{
    readonly AnnouncementRenderer renderer = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheSystemLibraryAndSkiaSharpBothGiveAJpegThatLooksLikeTheSlide(bool fullChroma)
    {
        using var slide = SKBitmap.Decode(renderer.RenderPng(SampleSlides.For(Templates.Banner), RenderSizes.FullHd));
        using var pixmap = slide.PeekPixels();

        foreach (var bytes in new[] { Jpeg.EncodeWithTurbo(pixmap, 90, fullChroma), Jpeg.EncodeWithSkia(pixmap, 90, fullChroma) })
        {
            using var codec = SKCodec.Create(new MemoryStream(bytes));
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
            using var decoded = SKBitmap.Decode(bytes);
            var (mean, changed) = Pixels.Difference(decoded, slide);
            Assert.True(mean <= 1.5 && changed <= 0.001, $"the JPEG differs from the slide: mean {mean:0.00}/255, {changed:P2} of pixels by more than 64");
        }
    }

    [Fact]
    public void TheSystemLibraryDecodesAPhotoAtItsScaledSizesAsSkiaSharpDoes()
    {
        var photo = SampleSlides.LargePhoto(1600, 1200);
        using var codec = SKCodec.Create(new MemoryStream(photo));

        foreach (var size in new[] { codec.Info.Size, codec.GetScaledDimensions(0.5f), codec.GetScaledDimensions(3 / 8f) })
        {
            using var fast = Jpeg.TryDecode(photo, size);
            using var reference = ImageCodec.DecodeWithSkia(codec, size);
            Assert.NotNull(fast);
            Assert.Equal((size.Width, size.Height), (fast.Width, fast.Height));
            var (mean, changed) = Pixels.Difference(fast, reference!);
            Assert.True(mean <= 1.0 && changed == 0, $"at {size} the decode differs from SkiaSharp's: mean {mean:0.00}/255");
        }
    }

    [Fact]
    public void WhatTheSystemLibraryCannotDecodeIsLeftToSkiaSharp()
    {
        var photo = SampleSlides.LargePhoto(1600, 1200);
        var cut = photo[..(photo.Length / 2)];
        using var codec = SKCodec.Create(new MemoryStream(cut));

        Assert.Null(Jpeg.TryDecode(photo, new SKSizeI(1001, 750)));
        Assert.Null(Jpeg.TryDecode(cut, codec.Info.Size));
        Assert.Null(Jpeg.TryDecode([0x89, 0x50, 0x4E, 0x47], new SKSizeI(1, 1)));
        // SkiaSharp keeps the top of the cut-short file, as before.
        using var kept = ImageCodec.Decode(codec, cut, codec.Info.Size);
        using var whole = SKBitmap.Decode(photo);
        Assert.NotNull(kept);
        for (var x = 0; x < 1600; x += 97)
        {
            Assert.Equal(whole.GetPixel(x, 100), kept.GetPixel(x, 100));
        }
    }

    [Fact]
    public void TheSystemLibraryIsThereToEncodePhotoSlides() =>
        Assert.True(Jpeg.Accelerated, "libturbojpeg.so.0 is missing (Debian: apt-get install libturbojpeg0): photo slides fall back to SkiaSharp's slower encoder.");

    [Fact]
    public void ABadQualityIsRefused()
    {
        using var bitmap = new SKBitmap(8, 8);
        using var pixmap = bitmap.PeekPixels();
        Assert.Throws<ArgumentOutOfRangeException>(() => Jpeg.Encode(pixmap, 0, fullChroma: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => Jpeg.Encode(pixmap, 101, fullChroma: true));
    }

    [Fact]
    public void PhotoTemplatesAreEncodedAsJpegAndFlatOnesAsPng()
    {
        foreach (var template in Templates.All)
        {
            var slide = SampleSlides.For(template.Key);
            using var image = slide.Image;
            var rendered = renderer.Render(slide, RenderSizes.FullHd, AnnouncementRenderer.DefaultMinimum(RenderSizes.FullHd));
            using var codec = SKCodec.Create(new MemoryStream(rendered.Bytes));
            var expected = template.Image == ImageUse.Required ? (SKEncodedImageFormat.Jpeg, "image/jpeg") : (SKEncodedImageFormat.Png, "image/png");
            Assert.Equal(expected, (codec.EncodedFormat, rendered.MediaType));
        }
    }
}
