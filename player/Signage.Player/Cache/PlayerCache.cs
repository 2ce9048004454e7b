using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Signage.Contracts.Manifests;
using Signage.Player.Sync;

namespace Signage.Player.Cache;

/// <summary>
/// The offline cache: assets by SHA-256 and the last manifest. Every write goes to a temporary
/// file then is renamed, so a power cut never leaves a half-written file under a real name.
/// </summary>
public sealed class PlayerCache
{
    readonly string assetsDir;
    readonly string manifestPath;
    readonly ILogger<PlayerCache> logger;

    public PlayerCache(IOptions<PlayerOptions> options, ILogger<PlayerCache> logger)
    {
        var root = Path.GetFullPath(options.Value.CacheDir);
        assetsDir = Path.Combine(root, "assets");
        manifestPath = Path.Combine(root, "manifest.json");
        this.logger = logger;
        Directory.CreateDirectory(assetsDir);
    }

    public string AssetPath(string sha256) => Path.Combine(assetsDir, sha256);

    public bool HasAsset(string sha256) => File.Exists(AssetPath(sha256));

    /// <summary>Streams an asset into the cache, keeping it only when its bytes hash to <paramref name="sha256"/>.</summary>
    public async Task StoreAssetAsync(Stream content, string sha256, CancellationToken ct)
    {
        var temp = Path.Combine(assetsDir, $".{sha256}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
                var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (actual != sha256)
                {
                    throw new InvalidDataException($"Asset {sha256} arrived with hash {actual}: refused.");
                }
            }

            File.Move(temp, AssetPath(sha256), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task SaveManifestAsync(ScreenManifest manifest, CancellationToken ct)
    {
        var temp = $"{manifestPath}.{Guid.NewGuid():N}.tmp";
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            await JsonSerializer.SerializeAsync(file, manifest, ManifestCanonical.Options, ct);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, manifestPath, overwrite: true);
    }

    /// <summary>
    /// The cached manifest, provided it is intact and every asset it references is present with
    /// the right hash; assets that fail are deleted so the next sync fetches them again.
    /// </summary>
    public async Task<ScreenManifest?> LoadAsync(CancellationToken ct)
    {
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        ScreenManifest? manifest;
        try
        {
            await using var file = File.OpenRead(manifestPath);
            manifest = await JsonSerializer.DeserializeAsync<ScreenManifest>(file, ManifestCanonical.Options, ct);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "The cached manifest is unreadable; waiting for the server.");
            return null;
        }

        if (manifest is null || !ManifestCanonical.IsIntact(manifest))
        {
            logger.LogWarning("The cached manifest does not match its hash; waiting for the server.");
            return null;
        }

        var allPresent = true;
        foreach (var sha in manifest.Body.Items.Select(i => i.Asset.Sha256).Distinct())
        {
            if (!await IsIntactAsync(sha, ct))
            {
                File.Delete(AssetPath(sha));
                allPresent = false;
            }
        }

        return allPresent ? manifest : null;
    }

    /// <summary>Deletes cached assets that the current manifest no longer references.</summary>
    public void PruneExcept(IReadOnlySet<string> keep)
    {
        foreach (var path in Directory.EnumerateFiles(assetsDir))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith('.') && !keep.Contains(name))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Bytes the cached assets take, and bytes free on their disk.</summary>
    public (long Bytes, long FreeBytes) Usage() =>
        (new DirectoryInfo(assetsDir).EnumerateFiles().Sum(f => f.Length), new DriveInfo(assetsDir).AvailableFreeSpace);

    async Task<bool> IsIntactAsync(string sha256, CancellationToken ct)
    {
        var path = AssetPath(sha256);
        if (!File.Exists(path))
        {
            return false;
        }

        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct)) == sha256;
    }
}
