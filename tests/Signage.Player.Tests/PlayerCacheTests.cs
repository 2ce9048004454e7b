using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Signage.Contracts.Manifests;
using Signage.Player.Cache;
using Signage.Player.Sync;

namespace Signage.Player.Tests;

public sealed class PlayerCacheTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("signage-player-").FullName;

    PlayerCache NewCache() => new(Options.Create(new PlayerOptions { CacheDir = folder }), NullLogger<PlayerCache>.Instance);

    [Fact]
    public async Task AssetWithTheAnnouncedHashIsKept()
    {
        var cache = NewCache();
        var bytes = Encoding.UTF8.GetBytes("une image");

        await cache.StoreAssetAsync(new MemoryStream(bytes), Sha(bytes), CancellationToken.None);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(cache.AssetPath(Sha(bytes))));
    }

    [Fact]
    public async Task AssetWhoseBytesDoNotMatchItsHashIsRefusedAndLeavesNoFile()
    {
        var cache = NewCache();
        var claimed = Sha(Encoding.UTF8.GetBytes("the real image"));

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            cache.StoreAssetAsync(new MemoryStream(Encoding.UTF8.GetBytes("tampered")), claimed, CancellationToken.None));

        Assert.False(cache.HasAsset(claimed));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder, "assets")));
    }

    [Fact]
    public async Task ManifestAndAssetsSurviveARestart()
    {
        var (manifest, _) = await StoreManifestWithAssetAsync(NewCache());

        var loaded = await NewCache().LoadAsync(CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(manifest.Version, loaded.Version);
        Assert.Equal(manifest.Hash, loaded.Hash);
    }

    [Fact]
    public async Task CorruptedCachedAssetIsNotPlayedAndIsDeleted()
    {
        var (_, sha) = await StoreManifestWithAssetAsync(NewCache());
        var cache = NewCache();
        await File.WriteAllTextAsync(cache.AssetPath(sha), "bit rot");

        Assert.Null(await cache.LoadAsync(CancellationToken.None));
        Assert.False(cache.HasAsset(sha));
    }

    [Fact]
    public async Task TamperedCachedManifestIsNotPlayed()
    {
        await StoreManifestWithAssetAsync(NewCache());
        var path = Path.Combine(folder, "manifest.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("Piscine", "Pirate", StringComparison.Ordinal));

        Assert.Null(await NewCache().LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PruneDeletesOnlyUnreferencedAssets()
    {
        var cache = NewCache();
        var (_, kept) = await StoreManifestWithAssetAsync(cache);
        var other = Encoding.UTF8.GetBytes("an old slide");
        await cache.StoreAssetAsync(new MemoryStream(other), Sha(other), CancellationToken.None);

        cache.PruneExcept(new HashSet<string> { kept });

        Assert.True(cache.HasAsset(kept));
        Assert.False(cache.HasAsset(Sha(other)));
    }

    static async Task<(ScreenManifest Manifest, string Sha)> StoreManifestWithAssetAsync(PlayerCache cache)
    {
        var bytes = Encoding.UTF8.GetBytes("slide");
        var sha = Sha(bytes);
        await cache.StoreAssetAsync(new MemoryStream(bytes), sha, CancellationToken.None);
        var body = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"),
            [new ManifestItem(Guid.NewGuid(), Guid.NewGuid(), ItemKind.RenderedAnnouncement, new AssetRef(sha, bytes.Length, "image/png"), 10, "Piscine fermée")]);
        var manifest = new ScreenManifest(4, ManifestCanonical.Hash(body), body);
        await cache.SaveManifestAsync(manifest, CancellationToken.None);
        return (manifest, sha);
    }

    static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
