using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.TestSupport;

namespace Signage.Benchmarks;

/// <summary>
/// Manifest rebuilds against a real PostgreSQL (SIGNAGE_TEST_PG, e.g. from deploy/pg.sh):
/// 5,000 screens, 100 groups, 20 sites, 2,000 published announcements each with one entry.
/// Each iteration first deletes the manifests it rebuilds, so every one is composed and written.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class and releases it in [GlobalCleanup].")]
public class DatabaseRebuildBenchmarks
{
    const int Screens = 5000;
    const int Entries = 2000;
    readonly PostgresDatabase database = new();
    readonly TempFolder assets = new();
    ServiceProvider services = null!;
    List<Guid> oneGroup = null!;

    [GlobalSetup]
    public Task Setup() => SetupAsync();

    async Task SetupAsync()
    {
        await database.InitializeAsync();
        services = CoreTestServices.Build(database, assets.Path, new RecordingNotifier());
        var random = new Random(5000);
        var now = TestClock.Start;
        await using var db = database.CreateDb();
        var sites = Enumerable.Range(0, 20).Select(i => new Site { Id = Guid.NewGuid(), Name = $"Site {i}" }).ToList();
        var groups = Enumerable.Range(0, 100).Select(i => new ScreenGroup { Id = Guid.NewGuid(), Name = $"Groupe {i}" }).ToList();
        db.Sites.AddRange(sites);
        db.ScreenGroups.AddRange(groups);
        var screens = Enumerable.Range(0, Screens).Select(i => new Screen
        {
            Id = Guid.NewGuid(),
            Name = $"Écran {i}",
            TokenHash = Guid.NewGuid().ToString("N"),
            GroupIds = [groups[i % groups.Count].Id],
            SiteId = sites[i % sites.Count].Id,
            Audience = i % 4 == 0 ? Audience.Staff : Audience.Public,
            CreatedAt = now,
        }).ToList();
        db.Screens.AddRange(screens);
        for (var i = 0; i < Entries; i++)
        {
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
            db.Assets.Add(new Asset { Sha256 = sha, MediaType = "image/png", Size = 100_000, CreatedAt = now });
            var announcement = new Announcement
            {
                Id = Guid.NewGuid(),
                Title = $"Annonce {i}",
                Body = "Texte",
                CreatedBy = "bench",
                CreatedAt = now,
                Status = AnnouncementStatus.Published,
                AssetSha256 = sha,
                PublishedAt = now,
                Audience = i % 5 == 0 ? Audience.Staff : Audience.Public,
            };
            db.Announcements.Add(announcement);
            var entryId = Guid.NewGuid();
            var (kind, target) = (i % 10) switch
            {
                0 => (TargetKind.Site, sites[random.Next(sites.Count)].Id),
                1 => (TargetKind.Screen, screens[random.Next(Screens)].Id),
                _ => (TargetKind.Group, groups[random.Next(groups.Count)].Id),
            };
            db.ScheduleEntries.Add(new ScheduleEntry
            {
                Id = entryId,
                AnnouncementId = announcement.Id,
                CreatedBy = "bench",
                CreatedAt = now.AddMinutes(-i),
                Targets = [new ScheduleTarget { EntryId = entryId, Kind = kind, TargetId = target }],
            });
        }

        await db.SaveChangesAsync();
        // Statistics and visibility as autovacuum leaves them within a minute of a bulk load: without
        // them the planner guesses, and the first iterations pay for setting hint bits.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        oneGroup = [.. screens.Where(s => s.GroupIds.Contains(groups[0].Id)).Select(s => s.Id)];
    }

    [IterationSetup(Target = nameof(FullRebuild))]
    public void ForgetAll() => Forget(null);

    [IterationSetup(Target = nameof(OneGroupChange))]
    public void ForgetOneGroup() => Forget(oneGroup);

    [Benchmark]
    public async Task FullRebuild()
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RefreshManifestsJob>().RunAsync(CancellationToken.None);
    }

    [Benchmark]
    public async Task OneGroupChange()
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ManifestService>().RefreshScreensAsync(oneGroup, CancellationToken.None);
    }

    void Forget(List<Guid>? screens)
    {
        using var db = database.CreateDb();
        var query = db.ScreenManifests.AsQueryable();
        if (screens is not null)
        {
            query = query.Where(m => screens.Contains(m.ScreenId));
        }

        query.ExecuteDelete();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
        assets.Dispose();
    }
}
