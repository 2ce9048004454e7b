using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Signage.Core.Data;
using SkiaSharp;

namespace Signage.Core.Media;

/// <summary>
/// Makes the scaled copies of a library image (<see cref="ImageVariants"/>) from its stored original, stores them and
/// lists them as <see cref="MediaVariant"/> rows. Enqueued by an upload, so scaling a photo keeps no uploader waiting,
/// and at start-up for images that lack some. Idempotent: only the sizes still missing are stored, under the library's
/// lock, so a retry or a second run adds nothing, and an item gone meanwhile is skipped. On failure the files it wrote
/// are deleted and Hangfire retries; until it succeeds, slides are drawn from the original.
/// </summary>
public sealed class MediaCopiesJob(SignageDb db, AssetStore store, ILogger<MediaCopiesJob> logger)
{
    /// <summary>
    /// The Hangfire queue of this job, which servers poll after the default one: a worker that frees up takes a
    /// waiting render before more copies, so a start-up catching up on many images never holds back a publication.
    /// </summary>
    public const string Queue = "media";

    // Class of the per-item advisory locks (two-int keys, apart from the library's single-bigint lock).
    internal const int ItemLockClass = 0x5167_0003;

    [AutomaticRetry(Attempts = 5)]
    [Queue(Queue)]
    public async Task RunAsync(Guid mediaItemId, CancellationToken ct)
    {
        // Two runs for one item (a retry and a start-up's catch-up, two nodes starting) take turns on a session lock:
        // the second finds the copies made and scales nothing, instead of decoding the photo for nothing.
        var key = ItemKey(mediaItemId);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({ItemLockClass}, {key})", ct);
            try
            {
                await MakeAsync(mediaItemId, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({ItemLockClass}, {key})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The item's lock key: its 128 bits folded into 32 (two items sharing one only take turns).</summary>
    internal static int ItemKey(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes[..4]) ^ BitConverter.ToInt32(bytes[4..8]) ^ BitConverter.ToInt32(bytes[8..12]) ^ BitConverter.ToInt32(bytes[12..]);
    }

    async Task MakeAsync(Guid mediaItemId, CancellationToken ct)
    {
        var item = await db.MediaItems.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaItemId && m.Kind == MediaKind.Image, ct);
        var sizes = item is null ? [] : await MissingAsync(item, ct);
        if (item is null || sizes.Count == 0)
        {
            return;
        }

        if (store.FileOf(item.Sha256) is not { } original)
        {
            logger.LogWarning("Media item {Id} has no stored original {Sha256}: no copies made.", item.Id, item.Sha256);
            return;
        }

        // Scaled before taking the lock: a photo takes a moment that uploads need not wait for. Written in the
        // incoming folder, on the store's file system, where the stale-uploads sweep finds what a crash leaves.
        List<(SKSizeI Size, string Path)> copies;
        try
        {
            copies = ImageVariants.Write(original, item.MediaType, sizes, store.NewIncomingPath(), ct);
        }
        catch (MediaRejectedException e)
        {
            // The stored original no longer decodes (damaged on disk): retrying cannot help, slides keep refusing it.
            logger.LogWarning(e, "The stored original of media item {Id} does not decode: no copies made.", item.Id);
            return;
        }

        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await MediaLibrary.LockStoreAsync(db, ct);
            // The item may have been removed, or another run may have stored some copies, meanwhile.
            var missing = await db.MediaItems.AnyAsync(m => m.Id == item.Id, ct) ? await MissingAsync(item, ct) : [];
            if (missing.Count == 0)
            {
                return;
            }

            List<string> stored = [];
            try
            {
                foreach (var (size, path) in copies.Where(c => missing.Contains(c.Size)))
                {
                    var (asset, created) = await store.PutFileAsync(path, item.MediaType, ct);
                    if (created)
                    {
                        stored.Add(asset.Sha256);
                    }

                    db.MediaVariants.Add(new MediaVariant { MediaItemId = item.Id, Width = size.Width, Height = size.Height, AssetSha256 = asset.Sha256 });
                }

                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch
            {
                foreach (var sha in stored)
                {
                    store.RemoveUnsaved(sha);
                }

                throw;
            }

            logger.LogInformation("Stored {Count} scaled copies of media item {Id}.", missing.Count, item.Id);
        }
        finally
        {
            // Those moved into the store are gone already; deleting a missing file does nothing.
            foreach (var (_, path) in copies)
            {
                File.Delete(path);
            }
        }
    }

    async Task<IReadOnlyList<SKSizeI>> MissingAsync(MediaItem item, CancellationToken ct)
    {
        var made = await db.MediaVariants.AsNoTracking().Where(v => v.MediaItemId == item.Id).Select(v => new { v.Width, v.Height }).ToListAsync(ct);
        return ImageVariants.Missing(item.Width, item.Height, made.Select(v => new SKSizeI(v.Width, v.Height)));
    }
}
