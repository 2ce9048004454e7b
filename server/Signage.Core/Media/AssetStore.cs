using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Signage.Core.Data;

namespace Signage.Core.Media;

public sealed class AssetStoreOptions
{
    /// <summary>Folder holding asset files; shared storage when several nodes run.</summary>
    public string Root { get; set; } = Path.Combine(".data", "assets");
}

/// <summary>Content-addressed files: the name is the SHA-256 of the bytes, so a file never changes once written.</summary>
public sealed class AssetStore(SignageDb db, IOptions<AssetStoreOptions> options, TimeProvider clock)
{
    readonly string root = Path.GetFullPath(options.Value.Root);

    public async Task<Asset> PutAsync(byte[] bytes, string mediaType, CancellationToken ct = default)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = PathOf(sha);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
        }

        var existing = await db.Assets.FindAsync([sha], ct);
        if (existing is not null)
        {
            return existing;
        }

        var asset = new Asset { Sha256 = sha, Size = bytes.LongLength, MediaType = mediaType, CreatedAt = clock.GetUtcNow() };
        db.Assets.Add(asset);
        return asset;
    }

    /// <summary>The asset's row and the path of its file, or null when unknown or missing on disk.</summary>
    public async Task<(Asset Asset, string Path)?> FindAsync(string sha256, CancellationToken ct = default)
    {
        if (!IsSha256(sha256))
        {
            return null;
        }

        var asset = await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Sha256 == sha256, ct);
        var path = PathOf(sha256);
        return asset is null || !File.Exists(path) ? null : (asset, path);
    }

    public static bool IsSha256(string value) =>
        value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    string PathOf(string sha) => Path.Combine(root, sha[..2], sha);
}
