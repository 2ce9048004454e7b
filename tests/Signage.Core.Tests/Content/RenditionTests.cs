using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Content;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Core.Tests.Content;

public class RenditionTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task EveryScreenGetsTheSlideDrawnForItsOwnResolution()
    {
        var group = await fixture.GroupAsync("Renditions");
        var landscape = await fixture.ScreenAsync("Paysage", group.Id);
        var portrait = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>()
            .CreateScreenAsync(new NewScreen("Totem", group.Id, Width: 1080, Height: 1920)));

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
            .PublishAsync(new PublishAnnouncement("Deux mots", body, group.Id, DurationSeconds: 5)));

        Assert.Equal(3 + 16, announcement.DurationSeconds);
    }

    [Fact]
    public async Task AnImageOutsideTheMediaLibraryOrABadLinkIsRefused()
    {
        var group = await fixture.GroupAsync("Champs refusés");
        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement("Expo photo", "", group.Id, Template: "image-texte", ImageSha256: new string('a', 64), Link: "javascript:alert(1)"))));

        Assert.Contains("image", error.Errors.Keys);
        Assert.Contains("link", error.Errors.Keys);
    }

    [Fact]
    public async Task ALibraryPhotoIsDrawnFromItsScaledCopiesAtPublicationAndByTheJob()
    {
        var group = await fixture.GroupAsync("Photos");
        await fixture.ScreenAsync("Hall photos", group.Id);
        var photo = SampleSlides.LargePhoto();
        var (item, _) = await fixture.UploadAsync(photo, "marché.jpg");
        await fixture.MakeCopiesAsync(item.Id);
        var request = new PublishAnnouncement("Marché de Noël", "Place de la mairie, du vendredi 11 au dimanche 13 décembre.", group.Id,
            Category: Category.Evenement, Template: Templates.FullImage, ImageSha256: item.Sha256);
        using var fromOriginal = SlideImage.FromBytes(photo);
        var reference = new AnnouncementRenderer().RenderPng(
            new AnnouncementSlide(request.Title, request.Body, request.Template!, request.Category, Image: fromOriginal), RenderSizes.FullHd);

        // The original becomes unreadable: the check and the job must not need it.
        var original = await fixture.WithAsync(s => s.GetRequiredService<AssetStore>().FindAsync(item.Sha256));
        await File.WriteAllBytesAsync(original!.Value.Path, [0x00, 0x01, 0x02]);
        var announcement = await fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>().PublishAsync(request));
        await RunJobAsync(announcement.Id);

        await using var db = fixture.Database.CreateDb();
        var stored = await db.Announcements.SingleAsync(a => a.Id == announcement.Id);
        Assert.Equal((AnnouncementStatus.Published, null), (stored.Status, stored.LastRenderError));
        var renditions = await db.Renditions.Where(r => r.AnnouncementId == announcement.Id).ToListAsync();
        foreach (var size in RenderSizes.All)
        {
            Assert.Equal((size.Width, size.Height), await SizeOfAsync(renditions.Single(r => r.Width == size.Width && r.Height == size.Height).AssetSha256));
        }

        // Drawn from the copy, the slide looks like the one drawn from the original.
        var found = await fixture.WithAsync(s => s.GetRequiredService<AssetStore>().FindAsync(stored.AssetSha256!));
        using var fromCopy = SKBitmap.Decode(found!.Value.Path);
        using var fromFull = SKBitmap.Decode(reference);
        var (mean, changed) = Pixels.Difference(fromCopy, fromFull);
        Assert.True(mean <= 2.0 && changed == 0, $"the slide drawn from the copy differs: mean {mean:0.00}/255, {changed:P2} of pixels by more than 64");
    }

    [Fact]
    public async Task ALibraryImageWithoutScaledCopiesIsStillDrawnAtEverySize()
    {
        var group = await fixture.GroupAsync("Photos anciennes");
        await fixture.ScreenAsync("Hall anciennes", group.Id);
        // Published before its copies job has run, as an image uploaded before copies existed.
        var (item, _) = await fixture.UploadAsync(SampleSlides.LargePhoto(3000, 2000), "médiathèque.jpg");
        await using var db = fixture.Database.CreateDb();
        Assert.False(await db.MediaVariants.AnyAsync(v => v.MediaItemId == item.Id));

        var announcement = await fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>().PublishAsync(
            new PublishAnnouncement("La médiathèque s'agrandit", "Nouvel espace jeunesse.", group.Id, Template: Templates.Split, ImageSha256: item.Sha256)));
        await RunJobAsync(announcement.Id);

        Assert.Equal(AnnouncementStatus.Published, (await db.Announcements.SingleAsync(a => a.Id == announcement.Id)).Status);
        var renditions = await db.Renditions.Where(r => r.AnnouncementId == announcement.Id).ToListAsync();
        Assert.Equal(RenderSizes.All.Count, renditions.Count);
        foreach (var rendition in renditions)
        {
            Assert.Equal((rendition.Width, rendition.Height), await SizeOfAsync(rendition.AssetSha256));
        }
    }

    [Fact]
    public async Task PhotoSlidesReachScreensAsJpegAndFlatSlidesAsPng()
    {
        var group = await fixture.GroupAsync("Formats");
        var screen = await fixture.ScreenAsync("Hall formats", group.Id);
        var (item, _) = await fixture.UploadAsync(SampleSlides.LargePhoto(2400, 1600), "parc.jpg");
        var photo = await fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>().PublishAsync(
            new PublishAnnouncement("Le parc rouvre", "Allées refaites et nouveaux bancs.", group.Id, Template: Templates.FullImage, ImageSha256: item.Sha256)));
        await RunJobAsync(photo.Id);
        var flat = await fixture.PublishedAsync("Collecte des encombrants", group.Id, body: "Jeudi 3 décembre.");

        var items = (await CurrentAsync(screen.Screen.Id)).Body.Items;
        Assert.Equal("image/jpeg", items.Single(i => i.ContentId == photo.Id).Asset.MediaType);
        Assert.Equal("image/png", items.Single(i => i.ContentId == flat.Id).Asset.MediaType);
        await using var db = fixture.Database.CreateDb();
        var jpeg = await db.Renditions.Where(r => r.AnnouncementId == photo.Id).Select(r => r.AssetSha256).ToListAsync();
        Assert.All(await db.Assets.Where(a => jpeg.Contains(a.Sha256)).ToListAsync(), a => Assert.Equal("image/jpeg", a.MediaType));
    }

    async Task RunJobAsync(Guid id)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RenderAnnouncementJob>().RunAsync(id, CancellationToken.None);
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
