using Signage.Core.Media;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Core.Tests.Rendering;

public sealed class SlideImageTests
{
    [Fact]
    public void NoBoxIsDrawnFromACopySmallerThanItNotEvenTheThumbnail()
    {
        using var folder = new TempFolder();
        var stored = new StoredPhoto(folder.Path, 4000, 3000);
        Assert.Contains(stored.Copies, c => c.Size == ImageVariants.ThumbnailBox);
        using var photo = stored.Open();

        // Under, at and just over the thumbnail, between copies, and the full picture.
        foreach (var need in new SKSizeI[] { new(100, 75), new(192, 144), new(193, 145), new(640, 480), new(1707, 1280), new(4000, 3000) })
        {
            var pixels = photo.Pixels(need, "image");

            Assert.True(pixels.Width >= need.Width && pixels.Height >= need.Height, $"{need.Width} × {need.Height} drawn from {pixels.Width} × {pixels.Height} pixels");
        }
    }
}
