using System.Globalization;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Signage.Core.Audit;
using Signage.Core.Data;
using Signage.Core.Writes;
using SkiaSharp;

namespace Signage.Core.Media;

/// <summary>
/// The media library: uploads are received into the store's incoming folder, inspected by content, stored once by
/// hash and listed; an image's scaled copies are made afterwards by <see cref="MediaCopiesJob"/>. A refused or failed
/// upload leaves no file and no row behind.
/// </summary>
public sealed class MediaLibrary(SignageDb db, WriteUnit unit, AssetStore store, MediaInspector inspector, IBackgroundJobClient jobs, IOptions<MediaLimits> limits, TimeProvider clock)
{

    /// <summary>Size of the reads while receiving an upload: progress moves often enough without a render per packet.</summary>
    public const int ChunkBytes = 256 * 1024;

    // Serialises the store-and-save step of uploads and copies across nodes: a file created by a change whose save
    // fails is removed under the lock, so a concurrent change storing the same bytes never ends up with a row and no file.
    const long LockKey = 0x5167_6e61_6765_0002;

    public long MaxBytes => limits.Value.MaxBytes;

    /// <summary>Refuses up front a file whose declared size is over the limit (the console knows it before sending).</summary>
    /// <exception cref="MediaRejectedException">Code "too-large".</exception>
    public void EnsureSizeAllowed(long bytes)
    {
        if (bytes > MaxBytes)
        {
            throw MediaRejectedException.TooLarge(bytes, MaxBytes);
        }
    }

    /// <summary>The refusal of an upload stopped while being received because it passed the limit.</summary>
    public MediaRejectedException UploadTooLarge() => MediaRejectedException.TooLargeUpload(MaxBytes);

    /// <summary>
    /// Copies an upload into a new file of the store's incoming folder, <see cref="ChunkBytes"/> at a time, and stops
    /// as soon as it passes <see cref="MediaLimits.MaxBytes"/>. Returns the file's path, for <see cref="UploadAsync"/>;
    /// on any failure the partial file is deleted.
    /// </summary>
    /// <exception cref="MediaRejectedException">Code "too-large".</exception>
    public async Task<string> ReceiveAsync(Stream source, Func<long, Task>? progress, CancellationToken ct)
    {
        var path = store.NewIncomingPath();
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            var buffer = new byte[ChunkBytes];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > MaxBytes)
                {
                    throw UploadTooLarge();
                }

                await file.WriteAsync(buffer.AsMemory(0, read), ct);
                if (progress is not null)
                {
                    await progress(total);
                }
            }

            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Inspects the file at <paramref name="tempPath"/>, stores its normalized form and adds it to the library; for a
    /// new image larger than its copies (<see cref="ImageVariants.SizesFor"/>), enqueues <see cref="MediaCopiesJob"/>
    /// to make them. The same bytes uploaded again give back the item already there (<c>Created</c> false). The file at
    /// <paramref name="tempPath"/> is consumed in every case: on any refusal or error it and the normalized copy are
    /// deleted and nothing is left in the store or the database.
    /// </summary>
    /// <exception cref="MediaRejectedException">The content is not an acceptable image or video.</exception>
    /// <exception cref="ValidationException">The display name is empty.</exception>
    public async Task<(MediaItem Item, bool Created)> UploadAsync(string tempPath, string displayName, CancellationToken ct)
    {
        string? normalized = null;
        try
        {
            var name = CleanName(displayName);
            var media = await inspector.InspectAsync(tempPath, ct);
            normalized = media.NormalizedPath;
            var (item, created) = await unit.CommitAsync(async () =>
            {
                await LockStoreAsync(db, ct);
                var (asset, stored) = await store.PutFileAsync(media.NormalizedPath, media.MediaType, ct);
                try
                {
                    var existing = await db.MediaItems.FirstOrDefaultAsync(m => m.Sha256 == asset.Sha256, ct);
                    var item = existing ?? new MediaItem
                    {
                        Id = Guid.CreateVersion7(),
                        Name = name,
                        Sha256 = asset.Sha256,
                        Kind = media.Kind,
                        MediaType = media.MediaType,
                        Width = media.Width,
                        Height = media.Height,
                        DurationSeconds = media.Duration?.TotalSeconds,
                        Size = asset.Size,
                        UploadedBy = unit.Actor,
                        UploadedAt = clock.GetUtcNow(),
                    };
                    if (existing is null)
                    {
                        db.MediaItems.Add(item);
                        unit.Audit("media.uploaded", item.Id,
                            string.Create(CultureInfo.InvariantCulture, $"{item.Name} ({item.MediaType}, {item.Width}×{item.Height}, {item.Size} octets, {item.Sha256})"));
                        if (item.Kind == MediaKind.Image && ImageVariants.SizesFor(item.Width, item.Height).Count > 0)
                        {
                            // Committed with the row: the job always finds it, and the row never lacks its job.
                            unit.Enqueue<MediaCopiesJob>(job => job.RunAsync(item.Id, CancellationToken.None));
                        }
                    }

                    // Saved here, under the store lock, so a file whose row fails to save is removed before anyone else stores those bytes.
                    await unit.SaveAsync(ct);
                    return (item, existing is null);
                }
                catch
                {
                    if (stored)
                    {
                        store.RemoveUnsaved(asset.Sha256);
                    }

                    throw;
                }
            }, ct);

            return (item, created);
        }
        finally
        {
            // The normalized copy is gone once moved into the store; deleting a missing file does nothing.
            File.Delete(tempPath);
            if (normalized is not null)
            {
                File.Delete(normalized);
            }
        }
    }

    /// <summary>
    /// Enqueues <see cref="MediaCopiesJob"/> for every image that lacks some of its copies: uploaded before copies were
    /// made, or whose job gave up (its retries spent while the store was unreachable). Run at start-up; a job that
    /// finds nothing missing does nothing, so a node starting while another works costs one query per item.
    /// Returns the items queued.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> EnqueueMissingCopiesAsync(CancellationToken ct)
    {
        var images = await db.MediaItems.AsNoTracking().Where(m => m.Kind == MediaKind.Image)
            .Select(m => new { m.Id, m.Width, m.Height }).ToListAsync(ct);
        var made = (await db.MediaVariants.AsNoTracking().Select(v => new { v.MediaItemId, v.Width, v.Height }).ToListAsync(ct))
            .ToLookup(v => v.MediaItemId, v => new SKSizeI(v.Width, v.Height));
        var lacking = images.Where(i => ImageVariants.Missing(i.Width, i.Height, made[i.Id]).Count > 0).Select(i => i.Id).ToList();
        foreach (var id in lacking)
        {
            jobs.Enqueue<MediaCopiesJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        return lacking;
    }

    /// <summary>Takes the lock that serialises storing files with saving the rows that reference them, until the transaction ends.</summary>
    internal static Task LockStoreAsync(SignageDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);

    /// <summary>Every item, newest first.</summary>
    public Task<List<MediaItem>> ListAsync(CancellationToken ct = default) =>
        db.MediaItems.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).ToListAsync(ct);

    /// <summary>
    /// For each image with copies, the hash of its smallest: the thumbnail (<see cref="ImageVariants.ThumbnailBox"/>),
    /// or a render copy for an image whose thumbnail is not made yet. Images without copies show their original.
    /// </summary>
    public async Task<Dictionary<Guid, string>> ThumbnailsAsync(CancellationToken ct = default)
    {
        var copies = await db.MediaVariants.AsNoTracking().Select(v => new { v.MediaItemId, v.Width, v.Height, v.AssetSha256 }).ToListAsync(ct);
        return copies.GroupBy(c => c.MediaItemId).ToDictionary(g => g.Key, g => g.MinBy(c => c.Width * (long)c.Height)!.AssetSha256);
    }

    public Task<MediaItem?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.MediaItems.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>Gives an item the name staff see in the library and on the slide form.</summary>
    public async Task<MediaItem> RenameAsync(Guid id, string displayName, CancellationToken ct = default)
    {
        var item = await db.MediaItems.FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Ce média n'existe pas (ou plus).");
        var name = CleanName(displayName);
        unit.Audit("media.renamed", id, $"{item.Name} -> {name}");
        item.Name = name;
        await unit.CommitAsync(ct);
        return item;
    }

    /// <summary>Where an item is used: the announcements whose slide shows it, and the organisation's logo.</summary>
    public async Task<List<MediaUse>> UsesAsync(Guid id, CancellationToken ct = default)
    {
        var item = await db.MediaItems.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Ce média n'existe pas (ou plus).");
        var hashes = await db.MediaVariants.AsNoTracking().Where(v => v.MediaItemId == id).Select(v => v.AssetSha256).ToListAsync(ct);
        hashes.Add(item.Sha256);
        List<MediaUse> uses = [.. await db.Announcements.AsNoTracking().Where(a => a.ImageSha256 != null && hashes.Contains(a.ImageSha256))
            .OrderBy(a => a.Title).Select(a => new MediaUse(MediaUseKind.Announcement, a.Title, a.Id)).ToListAsync(ct)];
        if (await db.Themes.AsNoTracking().AnyAsync(t => t.LogoSha256 != null && hashes.Contains(t.LogoSha256), ct))
        {
            uses.Add(new MediaUse(MediaUseKind.Logo, "Logo de l'organisation", null));
        }

        return uses;
    }

    /// <summary>
    /// Removes an item and its copies from the library; refused while a slide or the logo uses it, naming where. The
    /// stored files stay: they are addressed by content, and a rendered slide may share them.
    /// </summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var uses = await UsesAsync(id, ct);
        if (uses.Count > 0)
        {
            throw new ConflictException($"Ce média est encore utilisé : {string.Join(", ", uses.Select(u => u.Kind == MediaUseKind.Announcement ? $"annonce « {u.Name} »" : u.Name))}. Retirez-le de ces contenus avant de le supprimer.");
        }

        var item = await db.MediaItems.FirstAsync(m => m.Id == id, ct);
        db.MediaItems.Remove(item);
        unit.Audit("media.deleted", id, $"{item.Name} ({item.Sha256})");
        await unit.CommitAsync(ct);
    }

    /// <summary>
    /// The name shown in the console: trimmed, without path separators (some browsers send the full path) or control
    /// characters, at most <see cref="MediaItem.MaxNameLength"/> characters.
    /// </summary>
    /// <exception cref="ValidationException">Nothing is left of the name.</exception>
    public static string CleanName(string? displayName)
    {
        var kept = new StringBuilder(displayName?.Length ?? 0);
        foreach (var c in displayName ?? "")
        {
            if (c is not ('/' or '\\') && !char.IsControl(c))
            {
                kept.Append(c);
            }
        }

        var name = kept.ToString().Trim();
        if (name.Length > MediaItem.MaxNameLength)
        {
            // Never cut a surrogate pair in two.
            var cut = char.IsLowSurrogate(name[MediaItem.MaxNameLength]) ? MediaItem.MaxNameLength - 1 : MediaItem.MaxNameLength;
            name = name[..cut].TrimEnd();
        }

        return name.Length > 0 ? name : throw new ValidationException("name", "Le nom du fichier est obligatoire.");
    }
}

public enum MediaUseKind
{
    Announcement,
    Logo,
}

/// <summary>One place an item of the library is shown: an announcement (with its id) or the organisation's logo.</summary>
public sealed record MediaUse(MediaUseKind Kind, string Name, Guid? AnnouncementId);
