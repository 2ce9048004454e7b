using BenchmarkDotNet.Attributes;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Benchmarks;

/// <summary>
/// The CPU part of a manifest rebuild: compose, serialize canonically and hash, for 5,000 screens
/// in 100 groups and 20 sites against 2,000 schedule entries. Database reads and writes are not
/// included (see docs/PERFORMANCE.md).
/// </summary>
[MemoryDiagnoser]
public class ManifestRebuildBenchmarks
{
    const int Screens = 5000;
    const int Entries = 2000;
    List<Screen> screens = null!;
    List<ScheduledContent> scheduled = null!;
    readonly DateTimeOffset now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5000);
        var groups = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToArray();
        var sites = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        screens = [.. Enumerable.Range(0, Screens).Select(i => new Screen
        {
            Id = Guid.NewGuid(),
            Name = $"screen {i}",
            TokenHash = "h",
            GroupIds = [groups[i % groups.Length]],
            SiteId = sites[i % sites.Length],
            Audience = i % 4 == 0 ? Audience.Staff : Audience.Public,
        })];
        var hours = new List<TimeRange> { new(new TimeOnly(8, 0), new TimeOnly(12, 0)) };
        scheduled = [.. Enumerable.Range(0, Entries).Select(i =>
        {
            var id = Guid.NewGuid();
            var (kind, target) = (i % 10) switch
            {
                0 => (TargetKind.Site, sites[random.Next(sites.Length)]),
                1 => (TargetKind.Screen, screens[random.Next(Screens)].Id),
                _ => (TargetKind.Group, groups[random.Next(groups.Length)]),
            };
            var announcement = new Announcement { Id = Guid.NewGuid(), Title = $"Annonce {i}", Body = "Texte de l'annonce", CreatedBy = "x", Audience = i % 5 == 0 ? Audience.Staff : Audience.Public };
            var entry = new ScheduleEntry
            {
                Id = id,
                AnnouncementId = announcement.Id,
                Targets = [new ScheduleTarget { EntryId = id, Kind = kind, TargetId = target }],
                Times = i % 3 == 0 ? hours : [],
                CreatedBy = "x",
                CreatedAt = now.AddMinutes(-i),
            };
            var asset = new Asset { Sha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), MediaType = "image/png", Size = 100_000 };
            return new ScheduledContent(entry, announcement, asset, "le groupe");
        })];
    }

    [Benchmark]
    public int FullRebuild() => Rebuild(screens);

    [Benchmark]
    public int OneGroupChange() => Rebuild([.. screens.Where(s => s.GroupIds.Contains(screens[0].GroupIds[0]))]);

    int Rebuild(List<Screen> targets)
    {
        var bytes = 0;
        var byTarget = ManifestComposer.IndexByTarget(scheduled);
        foreach (var screen in targets)
        {
            var body = ManifestComposer.Compose(screen, "Europe/Paris", byTarget, now);
            bytes += ManifestCanonical.Hash(ManifestCanonical.Serialize(body)).Length;
        }

        return bytes;
    }
}
