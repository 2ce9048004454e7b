using System.Runtime.CompilerServices;
using Signage.Core.Imaging;
using Signage.Core.Rendering;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Core.Tests.Rendering;

/// <summary>
/// Every template at every screen resolution against a committed reference, compared on a
/// 240-pixel-wide thumbnail with a perceptual tolerance (anti-aliasing and encoder changes pass,
/// a moved block or a changed colour fails). To refresh the references after an intended
/// change, run the tests with SIGNAGE_UPDATE_GOLDEN=1 and review the PNGs in Rendering/Golden.
/// </summary>
public class GoldenImageTests
{
    const int ThumbnailWidth = 240;
    readonly AnnouncementRenderer renderer = new();

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var template in Templates.All)
        {
            foreach (var size in SampleSlides.Sizes)
            {
                data.Add(template.Key, size.Width, size.Height);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TemplateMatchesItsReference(string template, int width, int height)
    {
        var size = new RenderSize(width, height);
        var slide = SampleSlides.For(template);
        using var image = slide.Image;
        using var rendered = SKBitmap.Decode(renderer.Render(slide, size, AnnouncementRenderer.DefaultMinimum(size)).Bytes);
        Assert.Equal(width, rendered.Width);
        Assert.Equal(height, rendered.Height);
        using var thumbnail = Pixels.Thumbnail(rendered, ThumbnailWidth);
        var path = Path.Combine(GoldenFolder(), $"{template}-{width}x{height}.png");

        if (Environment.GetEnvironmentVariable("SIGNAGE_UPDATE_GOLDEN") == "1")
        {
            using var encoded = thumbnail.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, encoded.ToArray());
            return;
        }

        Assert.True(File.Exists(path), $"No reference {path}: run the tests with SIGNAGE_UPDATE_GOLDEN=1 to create it.");
        using var reference = SKBitmap.Decode(path);
        var (mean, changed) = Pixels.Difference(thumbnail, reference);
        Assert.True(mean <= 3.0 && changed <= 0.01,
            $"{template} at {width}×{height} differs from its reference: mean difference {mean:0.00}/255, {changed:P1} of pixels changed by more than 64.");
    }

    [Fact]
    public void TheComparisonNoticesAChangedSlide()
    {
        var size = new RenderSize(1920, 1080);
        var slide = SampleSlides.For(Templates.Banner);
        using var a = Pixels.Thumbnail(SKBitmap.Decode(renderer.RenderPng(slide, size)), ThumbnailWidth);
        using var b = Pixels.Thumbnail(SKBitmap.Decode(renderer.RenderPng(slide with { Theme = SlideTheme.Default with { Primary = new SKColor(0x5A, 0x10, 0x40) } }, size)), ThumbnailWidth);
        var (mean, _) = Pixels.Difference(a, b);
        Assert.True(mean > 3.0, $"a new background colour should be a failure, mean difference was {mean:0.00}");
    }

    static string GoldenFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");
}
