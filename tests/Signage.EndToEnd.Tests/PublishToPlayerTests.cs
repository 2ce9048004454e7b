using System.Security.Cryptography;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.EndToEnd.Tests;

public class PublishToPlayerTests(SignageSystem system) : IClassFixture<SignageSystem>
{
    [Fact]
    public async Task PublishedAnnouncementReachesThePlayerAsARenderedImageWithinTenSeconds()
    {
        var announcement = await system.PublishAsync("Fermeture exceptionnelle", "La mairie ferme à 16 h ce vendredi.");

        var status = await system.WaitUntilShownAsync(announcement.Id, TimeSpan.FromSeconds(10));

        Assert.True(status.Connected);
        Assert.True(status.DisplayOn);
        Assert.Equal("image/png", status.Current!.MediaType);
        Assert.Contains("Fermeture exceptionnelle", status.Current.AccessibleText);
        var bytes = await Shown.ImageAsync(system, status.Current);
        using var image = SKBitmap.Decode(bytes);
        Assert.NotNull(image);
        Assert.Equal(1920, image.Width);
        Assert.Equal(1080, image.Height);
        Shown.AssertTitleIsDrawn(image);
    }
}

public class OfflinePlayerTests(SignageSystem system) : IClassFixture<SignageSystem>
{
    [Fact]
    public async Task PlayerRestartedWithTheServerDownShowsItsCachedContent()
    {
        var announcement = await system.PublishAsync("Collecte de sang", "Salle des fêtes, mardi de 14 h à 19 h.");
        var online = await system.WaitUntilShownAsync(announcement.Id, TimeSpan.FromSeconds(10));

        system.StopServer();
        system.StopPlayer();
        await system.StartPlayerAsync();

        var offline = await system.WaitUntilShownAsync(announcement.Id, TimeSpan.FromSeconds(10));
        Assert.False(offline.Connected);
        Assert.True(offline.DisplayOn);
        Assert.Equal(online.ManifestVersion, offline.ManifestVersion);
        Assert.Equal(online.Current!.Sha256, offline.Current!.Sha256);
        using var image = SKBitmap.Decode(await Shown.ImageAsync(system, offline.Current));
        Assert.Equal(1920, image.Width);
        Shown.AssertTitleIsDrawn(image);
    }
}

/// <summary>What the player serves for the item it shows, checked as a reader would see it.</summary>
static class Shown
{
    /// <summary>The bytes of the item from the player's <c>/media/{sha256}</c>, checked against their declared hash.</summary>
    public static async Task<byte[]> ImageAsync(SignageSystem system, ShownItem item)
    {
        var bytes = await system.Http.GetByteArrayAsync(new Uri(system.PlayerUrl, $"/media/{item.Sha256}"));
        Assert.Equal(item.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return bytes;
    }

    /// <summary>
    /// The banner template draws the bold title in white below its category label, from y = 216,
    /// on the #0B2E4F background of a 1080p slide: a blank slide has no light pixel there, one
    /// line of title has several percent.
    /// </summary>
    public static void AssertTitleIsDrawn(SKBitmap image)
    {
        var background = image.GetPixel(image.Width - 8, image.Height - 8);
        Assert.True(background.Red < 40 && background.Green < 80 && background.Blue < 120, $"the background is not dark blue but {background}");
        var light = Pixels.LightShare(image, new SKRectI(96, 216, 1824, 400));
        Assert.True(light is > 0.005 and < 0.5, $"the title area has {light:P2} light pixels: no title drawn");
    }
}
