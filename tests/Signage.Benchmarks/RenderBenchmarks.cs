using BenchmarkDotNet.Attributes;
using Signage.Core.Rendering;
using Signage.TestSupport;

namespace Signage.Benchmarks;

/// <summary>
/// Draw + checks + encode of one slide per template, as the render job does it, at 1080p and 4K,
/// PNG against lossless WebP. The encoded size of each case is printed by `-- sizes`.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    readonly AnnouncementRenderer renderer = new();
    AnnouncementSlide slide = null!;
    RenderSize size;

    [Params(Templates.Banner, Templates.Split, Templates.FullImage, Templates.Poster, Templates.Alert, Templates.Internal)]
    public string Template { get; set; } = Templates.Banner;

    [Params("1920x1080", "3840x2160")]
    public string Resolution { get; set; } = "1920x1080";

    [Params(SlideFormat.Png, SlideFormat.Webp)]
    public SlideFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        slide = SampleSlides.For(Template);
        size = Parse(Resolution);
    }

    [Benchmark]
    public RenderedSlide Render() => renderer.Render(slide, size, AnnouncementRenderer.DefaultMinimum(size), Format);

    static RenderSize Parse(string text) => new(int.Parse(text.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(text.Split('x')[1], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Bytes per template, resolution and format, as a Markdown table.</summary>
    public static void PrintSizes(TextWriter output)
    {
        var renderer = new AnnouncementRenderer();
        output.WriteLine("| Template | Resolution | PNG bytes | WebP bytes |");
        output.WriteLine("|---|---|---:|---:|");
        foreach (var template in Templates.All)
        {
            foreach (var size in new[] { RenderSizes.FullHd, RenderSizes.Uhd })
            {
                var s = SampleSlides.For(template.Key);
                var png = renderer.Render(s, size, AnnouncementRenderer.DefaultMinimum(size), SlideFormat.Png).Bytes.Length;
                var webp = renderer.Render(s, size, AnnouncementRenderer.DefaultMinimum(size), SlideFormat.Webp).Bytes.Length;
                output.WriteLine($"| {template.Key} | {size} | {png:N0} | {webp:N0} |");
            }
        }
    }
}
