using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.TestSupport;

namespace Signage.Core.Tests.Content;

public class RenderAnnouncementJobTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task RenderedAnnouncementReachesEveryScreenOfItsGroupAndNoOther()
    {
        var group = await fixture.GroupAsync($"Piscine {Guid.NewGuid():N}");
        var other = await fixture.GroupAsync($"Crèche {Guid.NewGuid():N}");
        var bassin = await fixture.ScreenAsync("Bassin", group.Id);
        var accueil = await fixture.ScreenAsync("Accueil", group.Id);
        var creche = await fixture.ScreenAsync("Crèche", other.Id);

        var announcement = await fixture.PublishedAsync("Bassin fermé", group.Id, body: "Réouverture samedi.");

        foreach (var screen in new[] { bassin, accueil })
        {
            var manifest = await CurrentAsync(screen.Screen.Id);
            Assert.NotNull(manifest);
            // Version 1 is the empty manifest the screen got when it was created.
            Assert.Equal(2, manifest.Version);
            Assert.True(ManifestCanonical.IsIntact(manifest));
            var item = Assert.Single(manifest.Body.Items);
            Assert.Equal(announcement.Id, item.ContentId);
            Assert.Contains("Bassin fermé", item.AccessibleText);
            Assert.Contains(fixture.Notifier.Pushes, p => p.ScreenId == screen.Screen.Id && p.Manifest.Version == 2);
        }

        var untouched = await CurrentAsync(creche.Screen.Id);
        Assert.Equal(1, untouched!.Version);
        Assert.Empty(untouched.Body.Items);
        Assert.DoesNotContain(fixture.Notifier.Pushes, p => p.ScreenId == creche.Screen.Id && p.Manifest.Version > 1);

        await using var db = fixture.Database.CreateDb();
        var stored = await db.Announcements.SingleAsync(a => a.Id == announcement.Id);
        Assert.Equal(AnnouncementStatus.Published, stored.Status);
        Assert.NotNull(stored.PublishedAt);
        var found = await fixture.WithAsync(s => s.GetRequiredService<AssetStore>().FindAsync(stored.AssetSha256!));
        Assert.NotNull(found);
        Assert.Equal("image/png", found.Value.Asset.MediaType);
    }

    [Fact]
    public async Task RunningTheJobAgainStoresNothingNewAndPushesNothing()
    {
        var group = await fixture.GroupAsync($"Mairie {Guid.NewGuid():N}");
        var screen = await fixture.ScreenAsync("Hall", group.Id);
        var announcement = await fixture.PublishedAsync("Conseil municipal", group.Id, body: "Jeudi 18 h 30");
        await using var db = fixture.Database.CreateDb();
        var assetsBefore = await db.Assets.CountAsync();
        var pushesBefore = fixture.Notifier.Pushes.Count(p => p.ScreenId == screen.Screen.Id);

        await RunJobAsync(announcement.Id);

        Assert.Equal(assetsBefore, await db.Assets.CountAsync());
        Assert.Equal(pushesBefore, fixture.Notifier.Pushes.Count(p => p.ScreenId == screen.Screen.Id));
        Assert.Equal(2, (await CurrentAsync(screen.Screen.Id))!.Version);
    }

    [Fact]
    public async Task ASecondAnnouncementBumpsTheVersionAndKeepsTheFirst()
    {
        var group = await fixture.GroupAsync($"Bibliothèque {Guid.NewGuid():N}");
        var screen = await fixture.ScreenAsync("Hall", group.Id);
        var first = await fixture.PublishedAsync("Heure du conte", group.Id, body: "");
        var second = await fixture.PublishedAsync("Atelier numérique", group.Id, body: "Samedi à 14 h");

        var manifest = (await CurrentAsync(screen.Screen.Id))!;

        Assert.Equal(3, manifest.Version);
        Assert.Equal([first.Id, second.Id], manifest.Body.Items.Select(i => i.ContentId));
    }

    [Fact]
    public async Task FailedRenderLeavesTheAnnouncementOffScreenWithAReasonAndThrowsForRetry()
    {
        var group = await fixture.GroupAsync($"Stade {Guid.NewGuid():N}");
        var screen = await fixture.ScreenAsync("Tribune", group.Id);
        var announcement = await fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement("Match annulé", "", group.Id)));

        // The asset folder is a file: storing the image fails as on a broken disk.
        using var folder = new TempFolder();
        var notAFolder = Path.Combine(folder.Path, "assets");
        await File.WriteAllTextAsync(notAFolder, "");
        var brokenNotifier = new RecordingNotifier();
        await using (var broken = CoreTestServices.Build(fixture.Database, notAFolder, brokenNotifier))
        await using (var scope = broken.CreateAsyncScope())
        {
            await Assert.ThrowsAnyAsync<IOException>(() => scope.ServiceProvider.GetRequiredService<RenderAnnouncementJob>().RunAsync(announcement.Id, CancellationToken.None));
        }

        await using var db = fixture.Database.CreateDb();
        var stored = await db.Announcements.SingleAsync(a => a.Id == announcement.Id);
        Assert.Equal(AnnouncementStatus.Rendering, stored.Status);
        Assert.NotNull(stored.LastRenderError);
        Assert.Null(stored.AssetSha256);
        Assert.Empty((await CurrentAsync(screen.Screen.Id))!.Body.Items);
        Assert.Empty(brokenNotifier.Pushes);

        await RunJobAsync(announcement.Id);
        var retried = await db.Announcements.AsNoTracking().SingleAsync(a => a.Id == announcement.Id);
        Assert.Equal(AnnouncementStatus.Published, retried.Status);
        Assert.Null(retried.LastRenderError);
    }

    async Task RunJobAsync(Guid id)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RenderAnnouncementJob>().RunAsync(id, CancellationToken.None);
    }

    Task<ScreenManifest?> CurrentAsync(Guid screenId) =>
        fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId));
}
