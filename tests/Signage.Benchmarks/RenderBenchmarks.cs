using BenchmarkDotNet.Attributes;
using Signage.Core.Rendering;

namespace Signage.Benchmarks;

/// <summary>Render + PNG encode of one announcement, as the render job does it.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    readonly AnnouncementRenderer renderer = new();
    readonly AnnouncementSlide slide = new(
        "Fermeture exceptionnelle de la médiathèque",
        "La médiathèque François-Mitterrand sera fermée samedi 5 décembre pour inventaire. Les retours restent possibles dans la boîte extérieure.");

    [Benchmark]
    public byte[] RenderFullHdPng() => renderer.RenderPng(slide, AnnouncementRenderer.FullHd);

    [Benchmark]
    public SlideRefusedException? CheckFitFullHd() => renderer.Refusal(slide, AnnouncementRenderer.FullHd);
}
