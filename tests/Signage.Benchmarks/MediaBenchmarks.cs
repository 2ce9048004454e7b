using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.TestSupport;

namespace Signage.Benchmarks;

/// <summary>
/// What the media library does with a 12-megapixel camera-like JPEG: <c>Inspect</c> is the upload's share (format by
/// content, a full decode, EXIF orientation, a re-encoded copy without metadata), <c>Copies</c> the copies job's
/// (the copies per render size and the thumbnail, from the normalized original). Each removes what it wrote.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class and releases it in [GlobalCleanup].")]
public class MediaBenchmarks
{
    readonly TempFolder folder = new();
    readonly MediaInspector inspector = new(Options.Create(new MediaLimits()), new DecodeBudget(Options.Create(new MediaLimits())));
    string upload = null!;
    string normalized = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        upload = Path.Combine(folder.Path, "photo.jpg");
        await File.WriteAllBytesAsync(upload, SampleSlides.LargePhoto());
        normalized = (await inspector.InspectAsync(upload, CancellationToken.None)).NormalizedPath;
    }

    [GlobalCleanup]
    public void Cleanup() => folder.Dispose();

    [Benchmark]
    public async Task<long> Inspect()
    {
        var media = await inspector.InspectAsync(upload, CancellationToken.None);
        var bytes = new FileInfo(media.NormalizedPath).Length;
        File.Delete(media.NormalizedPath);
        return bytes;
    }

    [Benchmark]
    public int Copies()
    {
        var written = ImageVariants.Write(normalized, "image/jpeg", ImageVariants.SizesFor(4000, 3000), normalized, CancellationToken.None);
        foreach (var (_, path) in written)
        {
            File.Delete(path);
        }

        return written.Count;
    }
}
