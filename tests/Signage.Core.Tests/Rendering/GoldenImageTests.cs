using System.Runtime.CompilerServices;
using SkiaSharp;
using Signage.Core.Rendering;
using Signage.TestSupport;

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
        using var rendered = SKBitmap.Decode(renderer.Render(SampleSlides.For(template), size, AnnouncementRenderer.DefaultMinimum(size)).Bytes);
        Assert.Equal(width, rendered.Width);
        Assert.Equal(height, rendered.Height);
        using var thumbnail = Thumbnail(rendered);
        var path = Path.Combine(GoldenFolder(), $"{template}-{width}x{height}.png");

        if (Environment.GetEnvironmentVariable("SIGNAGE_UPDATE_GOLDEN") == "1")
        {
            using var encoded = thumbnail.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, encoded.ToArray());
            return;
        }

        Assert.True(File.Exists(path), $"No reference {path}: run the tests with SIGNAGE_UPDATE_GOLDEN=1 to create it.");
        using var reference = SKBitmap.Decode(path);
        var (mean, changed) = Difference(thumbnail, reference);
        Assert.True(mean <= 3.0 && changed <= 0.01,
            $"{template} at {width}×{height} differs from its reference: mean difference {mean:0.00}/255, {changed:P1} of pixels changed by more than 64.");
    }

    [Fact]
    public void TheComparisonNoticesAChangedSlide()
    {
        var size = new RenderSize(1920, 1080);
        var slide = SampleSlides.For(Templates.Banner);
        using var a = Thumbnail(SKBitmap.Decode(renderer.RenderPng(slide, size)));
        using var b = Thumbnail(SKBitmap.Decode(renderer.RenderPng(slide with { Theme = SlideTheme.Default with { Primary = new SKColor(0x5A, 0x10, 0x40) } }, size)));
        var (mean, _) = Difference(a, b);
        Assert.True(mean > 3.0, $"a new background colour should be a failure, mean difference was {mean:0.00}");
    }

    static SKBitmap Thumbnail(SKBitmap source)
    {
        var height = (int)Math.Round(source.Height * (double)ThumbnailWidth / source.Width);
        return source.Resize(new SKImageInfo(ThumbnailWidth, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    static (double Mean, double Changed) Difference(SKBitmap a, SKBitmap b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        double total = 0;
        var changed = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                var d = (Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue)) / 3.0;
                total += d;
                changed += d > 64 ? 1 : 0;
            }
        }

        var count = a.Width * a.Height;
        return (total / count, (double)changed / count);
    }

    static string GoldenFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");
}
