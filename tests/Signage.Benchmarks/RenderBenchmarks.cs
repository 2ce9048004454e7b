using BenchmarkDotNet.Attributes;
using Signage.Core.Imaging;
using Signage.Core.Rendering;
using Signage.TestSupport;

namespace Signage.Benchmarks;

/// <summary>
/// Draw + checks + encode of one slide per template, as the render job does it, at 1080p and 4K, in PNG, lossless
/// WebP and JPEG (the photo templates' format). The photo templates show a 12-megapixel camera-like JPEG stored as the media library stores it
/// (the original and its copies per render size) and opened as the job opens it; the picture is shared across
/// iterations as the job shares it across sizes, so its one decode falls in the warm-up (see
/// <see cref="PhotoRenderBenchmarks"/> for whole jobs, decoding included). The encoded size of each case is printed
/// by `-- sizes`.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class and releases it in [GlobalCleanup].")]
public class RenderBenchmarks
{
    readonly AnnouncementRenderer renderer = new();
    readonly TempFolder folder = new();
    SlideImage? photo;
    AnnouncementSlide slide = null!;
    RenderSize size;

    [Params(Templates.Banner, Templates.Split, Templates.FullImage, Templates.Poster, Templates.Alert, Templates.Internal)]
    public string Template { get; set; } = Templates.Banner;

    [Params("1920x1080", "3840x2160")]
    public string Resolution { get; set; } = "1920x1080";

    [Params(SlideFormat.Png, SlideFormat.Webp, SlideFormat.Jpeg)]
    public SlideFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        slide = SampleSlides.For(Template);
        if (slide.Image is not null)
        {
            slide.Image.Dispose();
            photo = new StoredPhoto(folder.Path).Open();
            slide = slide with { Image = photo };
        }

        size = Parse(Resolution);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        photo?.Dispose();
        folder.Dispose();
    }

    [Benchmark]
    public RenderedSlide Render() => renderer.Render(slide, size, AnnouncementRenderer.DefaultMinimum(size), Format);

    static RenderSize Parse(string text) => new(int.Parse(text.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(text.Split('x')[1], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Bytes per template, resolution and format, as a Markdown table.</summary>
    public static void PrintSizes(TextWriter output)
    {
        var renderer = new AnnouncementRenderer();
        using var folder = new TempFolder();
        using var photo = new StoredPhoto(folder.Path).Open();
        output.WriteLine("| Template | Resolution | PNG bytes | WebP bytes | JPEG bytes |");
        output.WriteLine("|---|---|---:|---:|---:|");
        foreach (var template in Templates.All)
        {
            var s = SampleSlides.For(template.Key);
            s.Image?.Dispose();
            s = s.Image is null ? s : s with { Image = photo };
            foreach (var size in new[] { RenderSizes.FullHd, RenderSizes.Uhd })
            {
                var png = renderer.Render(s, size, AnnouncementRenderer.DefaultMinimum(size), SlideFormat.Png).Bytes.Length;
                var webp = renderer.Render(s, size, AnnouncementRenderer.DefaultMinimum(size), SlideFormat.Webp).Bytes.Length;
                var jpeg = renderer.Render(s, size, AnnouncementRenderer.DefaultMinimum(size), SlideFormat.Jpeg).Bytes.Length;
                output.WriteLine($"| {template.Key} | {size} | {png:N0} | {webp:N0} | {jpeg:N0} |");
            }
        }
    }
}

/// <summary>
/// The photo templates as a whole render job (the four sizes in the template's format, JPEG, each picture decoded
/// once) and as the publish check (the four sizes, nothing encoded, pixels drawn behind the text only), each from a
/// freshly opened picture, so every decode is counted. <see cref="Copies"/> false is a library item uploaded before copies existed.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class and releases it in [GlobalCleanup].")]
public class PhotoRenderBenchmarks
{
    readonly AnnouncementRenderer renderer = new();
    readonly TempFolder folder = new();
    StoredPhoto stored = null!;
    AnnouncementSlide slide = null!;

    [Params(Templates.Split, Templates.FullImage)]
    public string Template { get; set; } = Templates.Split;

    [Params(true, false)]
    public bool Copies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        stored = new StoredPhoto(folder.Path);
        slide = SampleSlides.For(Template);
        slide.Image?.Dispose();
    }

    [GlobalCleanup]
    public void Cleanup() => folder.Dispose();

    [Benchmark]
    public int Job()
    {
        using var photo = stored.Open(Copies);
        var bytes = 0;
        foreach (var size in RenderSizes.All)
        {
            bytes += renderer.Render(slide with { Image = photo }, size, AnnouncementRenderer.DefaultMinimum(size)).Bytes.Length;
        }

        return bytes;
    }

    [Benchmark]
    public double Check()
    {
        using var photo = stored.Open(Copies);
        var worst = double.MaxValue;
        foreach (var size in RenderSizes.All)
        {
            worst = Math.Min(worst, renderer.Check(slide with { Image = photo }, size, AnnouncementRenderer.DefaultMinimum(size)).WorstContrast);
        }

        return worst;
    }
}
