using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Core.Tests.Content;

public class RenditionTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task EveryScreenGetsTheSlideDrawnForItsOwnResolution()
    {
        var group = await fixture.GroupAsync("Renditions");
        var landscape = await fixture.ScreenAsync("Paysage", group.Id);
        var portrait = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>()
            .CreateScreenAsync(new NewScreen("Totem", group.Id, Width: 1080, Height: 1920), "test"));

        var announcement = await fixture.PublishedAsync("Vaccination antigrippale", group.Id, body: "Au centre social, le mardi de 9 h à 12 h.");

        await using var db = fixture.Database.CreateDb();
        var renditions = await db.Renditions.Where(r => r.AnnouncementId == announcement.Id).ToListAsync();
        Assert.Equal(4, renditions.Select(r => r.AssetSha256).Distinct().Count());
        var onPortrait = Assert.Single((await CurrentAsync(portrait.Screen.Id)).Body.Items).Asset.Sha256;
        var onLandscape = Assert.Single((await CurrentAsync(landscape.Screen.Id)).Body.Items).Asset.Sha256;
        Assert.Equal((1080, 1920), await SizeOfAsync(onPortrait));
        Assert.Equal((1920, 1080), await SizeOfAsync(onLandscape));
    }

    [Fact]
    public async Task TheSameInputsAreNeverDrawnTwiceNorStoredTwice()
    {
        var group = await fixture.GroupAsync("Cache de rendu");
        await fixture.ScreenAsync("Hall cache", group.Id);
        var first = await fixture.PublishedAsync("Déchetterie fermée", group.Id, body: "Lundi 1er décembre.");
        await using var db = fixture.Database.CreateDb();
        var assets = await db.Assets.CountAsync();

        var second = await fixture.PublishedAsync("Déchetterie fermée", group.Id, body: "Lundi 1er décembre.");
        var changed = await fixture.PublishedAsync("Déchetterie fermée", group.Id, body: "Mardi 2 décembre.");

        var keys = await db.Renditions.Where(r => r.AnnouncementId == first.Id || r.AnnouncementId == second.Id)
            .GroupBy(r => r.AnnouncementId).Select(g => g.OrderBy(r => r.Width).ThenBy(r => r.Height).Select(r => r.AssetSha256).ToList()).ToListAsync();
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(assets + 4, await db.Assets.CountAsync());
        Assert.NotEqual(
            (await db.Announcements.SingleAsync(a => a.Id == first.Id)).AssetSha256,
            (await db.Announcements.SingleAsync(a => a.Id == changed.Id)).AssetSha256);
    }

    [Fact]
    public async Task ATooShortDurationIsRaisedToTheReadingTimeOfTheText()
    {
        var group = await fixture.GroupAsync("Durées");
        var body = string.Join(' ', Enumerable.Repeat("mot", 30));
        var announcement = await fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement("Deux mots", body, group.Id, DurationSeconds: 5), "editor"));

        Assert.Equal(3 + 16, announcement.DurationSeconds);
    }

    [Fact]
    public async Task AnImageOutsideTheMediaLibraryOrABadLinkIsRefused()
    {
        var group = await fixture.GroupAsync("Champs refusés");
        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement("Expo photo", "", group.Id, Template: "image-texte", ImageSha256: new string('a', 64), Link: "javascript:alert(1)"), "editor")));

        Assert.Contains("image", error.Errors.Keys);
        Assert.Contains("link", error.Errors.Keys);
    }

    async Task<(int, int)> SizeOfAsync(string sha)
    {
        var found = await fixture.WithAsync(s => s.GetRequiredService<AssetStore>().FindAsync(sha));
        using var codec = SKCodec.Create(found!.Value.Path);
        return (codec.Info.Width, codec.Info.Height);
    }

    async Task<Signage.Contracts.Manifests.ScreenManifest> CurrentAsync(Guid screenId) =>
        (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId)))!;
}
