using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Signage.Core.Content;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

public class PublishToPlayerTests(SignageSystem system) : IClassFixture<SignageSystem>
{
    [Fact]
    public async Task PublishedAnnouncementReachesThePlayerAsARenderedImageWithinTenSeconds()
    {
        var announcement = await Publish.AnnouncementAsync(system, "Fermeture exceptionnelle", "La mairie ferme à 16 h ce vendredi.");

        var status = await system.WaitUntilShownAsync(announcement.Id, TimeSpan.FromSeconds(10));

        Assert.True(status.Connected);
        Assert.Contains("Fermeture exceptionnelle", status.Current!.AccessibleText);
        var bytes = await system.Http.GetByteArrayAsync(new Uri(system.PlayerUrl, $"/media/{status.Current.Sha256}"));
        Assert.Equal(status.Current.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var image = SKBitmap.Decode(bytes);
        Assert.Equal(1920, image.Width);
        Assert.Equal(1080, image.Height);
        Assert.True(Pixels.LightShare(image, new SKRectI(96, 150, 1824, 300)) > 0.01, "the title area of the shown image has no text");
    }
}

public class OfflinePlayerTests(SignageSystem system) : IClassFixture<SignageSystem>
{
    [Fact]
    public async Task PlayerRestartedWithTheServerDownShowsItsCachedContent()
    {
        var announcement = await Publish.AnnouncementAsync(system, "Collecte de sang", "Salle des fêtes, mardi de 14 h à 19 h.");
        var online = await system.WaitUntilShownAsync(announcement.Id, TimeSpan.FromSeconds(10));

        system.StopServer();
        system.StopPlayer();
        await system.StartPlayerAsync();

        var offline = await system.WaitUntilShownAsync(announcement.Id, TimeSpan.FromSeconds(10));
        Assert.False(offline.Connected);
        Assert.Equal(online.ManifestVersion, offline.ManifestVersion);
        var bytes = await system.Http.GetByteArrayAsync(new Uri(system.PlayerUrl, $"/media/{offline.Current!.Sha256}"));
        Assert.Equal(offline.Current.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}

static class Publish
{
    /// <summary>Publishes through the same Core service the console calls; the server process renders and pushes.</summary>
    public static async Task<Announcement> AnnouncementAsync(SignageSystem system, string title, string body)
    {
        await using var services = CoreTestServices.Build(system.Database, system.AssetRoot, new RecordingNotifier());
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement(title, body, system.GroupId), "redaction@mairie.test");
    }
}
