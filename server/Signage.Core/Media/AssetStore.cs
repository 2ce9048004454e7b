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

    /// <summary>
    /// Moves the file at <paramref name="path"/> into the store under the SHA-256 of its bytes, hashed while streaming
    /// (a video may weigh hundreds of megabytes), and adds its row if missing; the caller saves. The file at
    /// <paramref name="path"/> is consumed: moved into place, or deleted when the store already holds the same bytes.
    /// <c>Created</c> says this call put the file in the store, so a caller whose save then fails may remove it.
    /// </summary>
    public async Task<(Asset Asset, bool Created)> PutFileAsync(string path, string mediaType, CancellationToken ct = default)
    {
        string sha;
        long size;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            size = file.Length;
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        }

        var target = PathOf(sha);
        var created = false;
        if (File.Exists(target))
        {
            File.Delete(path);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // First to a temporary name beside the target (a copy when path is on another file system), then a
            // rename, which is atomic: readers see no file or the whole file, never a part.
            var temp = $"{target}.{Guid.NewGuid():N}.tmp";
            File.Move(path, temp);
            try
            {
                File.Move(temp, target, overwrite: false);
                created = true;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another upload stored the same bytes meanwhile.
                File.Delete(temp);
            }
        }

        var existing = await db.Assets.FindAsync([sha], ct);
        if (existing is not null)
        {
            return (existing, created);
        }

        var asset = new Asset { Sha256 = sha, Size = size, MediaType = mediaType, CreatedAt = clock.GetUtcNow() };
        db.Assets.Add(asset);
        return (asset, created);
    }

    /// <summary>
    /// Deletes the file <see cref="PutFileAsync"/> just created when the change that would have referenced it was not
    /// saved. Never for a file whose row is saved: assets are immutable and screens may hold them.
    /// </summary>
    public void RemoveUnsaved(string sha256)
    {
        if (IsSha256(sha256))
        {
            File.Delete(PathOf(sha256));
        }
    }

    /// <summary>
    /// A new path in the store's incoming folder for an upload being received: on the same file system as the store,
    /// so moving it in is a rename. The caller deletes it (or moves it in with <see cref="PutFileAsync"/>).
    /// </summary>
    public string NewIncomingPath()
    {
        Directory.CreateDirectory(IncomingPath);
        return Path.Combine(IncomingPath, $"{Guid.NewGuid():N}.upload");
    }

    /// <summary>Uploads being received; a dot name, so it never collides with the two-hex-digit folders of assets.</summary>
    public const string IncomingFolder = ".incoming";

    /// <summary>The full path of <see cref="IncomingFolder"/>, which may not exist yet.</summary>
    public string IncomingPath => Path.Combine(root, IncomingFolder);

    /// <summary>
    /// The temporary files in the store's hash folders: <see cref="PutAsync"/> and <see cref="PutFileAsync"/> write or
    /// move a file to "{sha256}.{guid}.tmp" beside its target before renaming it, so a crash in between leaves one.
    /// </summary>
    public IEnumerable<FileInfo> TemporaryFiles()
    {
        var folder = new DirectoryInfo(root);
        return folder.Exists
            ? folder.EnumerateDirectories().Where(d => d.Name.Length == 2 && d.Name.All(char.IsAsciiHexDigitLower)).SelectMany(d => d.EnumerateFiles("*.tmp"))
            : [];
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

    /// <summary>The path of the asset's file when it is on disk, without asking the database (its row was read with another).</summary>
    public string? FileOf(string sha256) => IsSha256(sha256) && File.Exists(PathOf(sha256)) ? PathOf(sha256) : null;

    public static bool IsSha256(string value) =>
        value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    string PathOf(string sha) => Path.Combine(root, sha[..2], sha);
}
