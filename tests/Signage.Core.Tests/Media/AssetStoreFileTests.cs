using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Media;
using Signage.TestSupport;

namespace Signage.Core.Tests.Media;

public sealed class AssetStoreFileTests(CoreFixture fixture) : IClassFixture<CoreFixture>, IDisposable
{
    readonly TempFolder elsewhere = new();

    public void Dispose() => elsewhere.Dispose();

    [Fact]
    public async Task AFileIsMovedUnderItsHashAndTheSameBytesTwiceAreStoredOnce()
    {
        var bytes = RandomBytes(3 * 1024 * 1024 + 17, seed: 1);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var first = Write("first.bin", bytes);
        var second = Write("second.bin", bytes);

        var (stored, created) = await PutAndSaveAsync(first, "video/mp4");
        var (again, createdAgain) = await PutAndSaveAsync(second, "video/mp4");

        Assert.Equal(sha, stored.Sha256);
        Assert.Equal(bytes.LongLength, stored.Size);
        Assert.True(created);
        Assert.Equal(sha, again.Sha256);
        Assert.False(createdAgain, "the second copy should not be written again");
        Assert.False(File.Exists(first), "the first file should have been moved");
        Assert.False(File.Exists(second), "the duplicate should have been deleted");
        var files = Directory.GetFiles(Path.Combine(fixture.Assets.Path, sha[..2]));
        Assert.Equal([Path.Combine(fixture.Assets.Path, sha[..2], sha)], files);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(files[0]));
        await using var db = fixture.Database.CreateDb();
        Assert.Equal(1, await db.Assets.CountAsync(a => a.Sha256 == sha));
    }

    [Fact]
    public async Task TheRowIsOnlyAddedForTheCallerToSave()
    {
        var path = Write("unsaved.bin", RandomBytes(1000, seed: 2));

        var (asset, created) = await fixture.WithAsync(s => s.GetRequiredService<AssetStore>().PutFileAsync(path, "image/png"));

        Assert.True(created);
        await using var db = fixture.Database.CreateDb();
        Assert.False(await db.Assets.AnyAsync(a => a.Sha256 == asset.Sha256));
        await fixture.WithAsync(s =>
        {
            s.GetRequiredService<AssetStore>().RemoveUnsaved(asset.Sha256);
            return Task.FromResult(0);
        });
        Assert.False(File.Exists(Path.Combine(fixture.Assets.Path, asset.Sha256[..2], asset.Sha256)));
    }

    Task<(Asset Asset, bool Created)> PutAndSaveAsync(string path, string mediaType) => fixture.WithAsync(async s =>
    {
        var result = await s.GetRequiredService<AssetStore>().PutFileAsync(path, mediaType);
        await s.GetRequiredService<Signage.Core.Data.SignageDb>().SaveChangesAsync();
        return result;
    });

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(elsewhere.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
