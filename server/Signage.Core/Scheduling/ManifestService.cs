using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Screens;

namespace Signage.Core.Scheduling;

public sealed class ManifestService(SignageDb db, IScreenNotifier notifier, TimeProvider clock)
{
    /// <summary>
    /// Rebuilds the manifests of a group's screens; a screen whose manifest did not change keeps
    /// its version and gets no push.
    /// </summary>
    public async Task RefreshGroupAsync(Guid groupId, CancellationToken ct = default)
    {
        var changed = new List<ScreenManifest>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Serialises concurrent refreshes of one group so versions stay monotonic.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({GroupLockKey(groupId)})", ct);

            var screens = await db.Screens.AsNoTracking().Where(s => s.GroupId == groupId).ToListAsync(ct);
            var items = await PublishedItemsAsync(groupId, ct);
            var ids = screens.Select(s => s.Id).ToList();
            var records = await db.ScreenManifests.Where(m => ids.Contains(m.ScreenId)).ToDictionaryAsync(m => m.ScreenId, ct);
            foreach (var screen in screens)
            {
                var body = new ManifestBody(screen.Id, new ScreenSettings(screen.Width, screen.Height, screen.TimeZone), items);
                var hash = ManifestCanonical.Hash(body);
                records.TryGetValue(screen.Id, out var record);
                if (record?.Hash == hash)
                {
                    continue;
                }

                if (record is null)
                {
                    record = new ScreenManifestRecord { ScreenId = screen.Id, Hash = hash, BodyJson = "" };
                    db.ScreenManifests.Add(record);
                }

                record.Version++;
                record.Hash = hash;
                record.BodyJson = Encoding.UTF8.GetString(ManifestCanonical.Serialize(body));
                record.AssetHashes = [.. items.Select(i => i.Asset.Sha256).Distinct()];
                record.UpdatedAt = clock.GetUtcNow();
                changed.Add(new ScreenManifest(record.Version, hash, body));
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        foreach (var manifest in changed)
        {
            await notifier.ManifestChangedAsync(manifest.Body.ScreenId, manifest, ct);
        }
    }

    public async Task<ScreenManifest?> CurrentAsync(Guid screenId, CancellationToken ct = default)
    {
        var record = await db.ScreenManifests.AsNoTracking().FirstOrDefaultAsync(m => m.ScreenId == screenId, ct);
        return record is null
            ? null
            : new ScreenManifest(record.Version, record.Hash, JsonSerializer.Deserialize<ManifestBody>(record.BodyJson, ManifestCanonical.Options)!);
    }

    /// <summary>A screen may download only the assets its own manifest references.</summary>
    public Task<bool> ScreenMayReadAsync(Guid screenId, string sha256, CancellationToken ct = default) =>
        db.ScreenManifests.AnyAsync(m => m.ScreenId == screenId && m.AssetHashes.Contains(sha256), ct);

    async Task<List<ManifestItem>> PublishedItemsAsync(Guid groupId, CancellationToken ct)
    {
        var rows = await db.Announcements.AsNoTracking()
            .Where(a => a.GroupId == groupId && a.Status == AnnouncementStatus.Published && a.AssetSha256 != null)
            .Join(db.Assets, a => a.AssetSha256, s => s.Sha256, (a, s) => new { a, s })
            .OrderBy(x => x.a.PublishedAt).ThenBy(x => x.a.Id)
            .ToListAsync(ct);
        return [.. rows.Select(x => new ManifestItem(
            x.a.Id,
            ItemKind.RenderedAnnouncement,
            new AssetRef(x.s.Sha256, x.s.Size, x.s.MediaType),
            x.a.DurationSeconds,
            string.IsNullOrEmpty(x.a.Body) ? x.a.Title : $"{x.a.Title}\n{x.a.Body}"))];
    }

    static long GroupLockKey(Guid groupId) => BitConverter.ToInt64(groupId.ToByteArray(), 0);
}
