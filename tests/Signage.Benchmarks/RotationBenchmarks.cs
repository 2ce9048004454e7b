using BenchmarkDotNet.Attributes;
using Signage.Contracts.Manifests;

namespace Signage.Benchmarks;

/// <summary>Rotation.At as a player calls it: the same manifest, instants moving forward.</summary>
[MemoryDiagnoser]
public class RotationBenchmarks
{
    const int Calls = 1000;
    ManifestBody plain = null!;
    ManifestBody windowed = null!;
    readonly DateTimeOffset start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        var asset = new AssetRef(new string('a', 64), 1, "image/png");
        plain = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"),
            [.. Enumerable.Range(0, 20).Select(i => new ManifestItem(Guid.NewGuid(), Guid.NewGuid(), ItemKind.RenderedAnnouncement, asset, 10, "x", Weight: 1 + (i % 3)))]);
        var hours = new PlayWindow(Days: [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
            Times: [new TimeRange(new TimeOnly(8, 30), new TimeOnly(12, 0)), new TimeRange(new TimeOnly(13, 30), new TimeOnly(18, 0))]);
        windowed = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"),
            [.. Enumerable.Range(0, 20).Select(i => new ManifestItem(Guid.NewGuid(), Guid.NewGuid(), ItemKind.RenderedAnnouncement, asset, 10, "x", (Tier)(i % 3), 1 + (i % 3), Audience.Public, i % 2 == 0 ? hours : null))]);
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int PlainManifest() => Run(plain);

    [Benchmark(OperationsPerInvoke = Calls)]
    public int WindowedManifest() => Run(windowed);

    int Run(ManifestBody body)
    {
        var seen = 0;
        for (var i = 0; i < Calls; i++)
        {
            seen += Rotation.At(body, start.AddMilliseconds(i * 500))?.Current.DurationSeconds ?? 0;
        }

        return seen;
    }
}
