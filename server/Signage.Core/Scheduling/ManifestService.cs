using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.Core.Screens;

namespace Signage.Core.Scheduling;

public sealed class ManifestService(SignageDb db, IScreenNotifier notifier, TimeProvider clock)
{
    /// <summary>
    /// Rebuilds the manifests of these screens; a screen whose manifest did not change keeps its
    /// version and gets no push. Called by <see cref="Writes.WriteUnit"/> after a commit and by jobs.
    /// </summary>
    public async Task RefreshScreensAsync(IReadOnlyCollection<Guid> screenIds, CancellationToken ct = default)
    {
        if (screenIds.Count == 0)
        {
            return;
        }

        var changed = new List<ScreenManifest>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Serialises concurrent refreshes of a screen so versions stay monotonic; taken in key
            // order, in one round trip, so two refreshes never deadlock.
            var keys = screenIds.Select(LockKey).Distinct().Order().ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(k) FROM unnest({keys}) AS k ORDER BY k", ct);

            // Each screen with the version and hash of its stored manifest, not the body: reading the
            // bodies would cost more than composing them again.
            var screens = await db.Screens.AsNoTracking().Include(s => s.Site).ThenInclude(s => s!.Closures)
                .Where(s => screenIds.Contains(s.Id))
                .LeftJoin(db.ScreenManifests, s => s.Id, m => m.ScreenId, (s, m) => new { Screen = s, Version = (long?)m!.Version, Hash = (string?)m.Hash })
                .ToListAsync(ct);
            var scheduled = ManifestComposer.IndexByTarget(await ScheduledForAsync([.. screens.Select(s => s.Screen)], ct));
            var now = clock.GetUtcNow();
            // Ticker lines are few and short: all live ones are read and matched in memory.
            var ticker = await db.TickerMessages.AsNoTracking().Where(m => m.Until == null || m.Until > now).ToListAsync(ct);
            var rows = new List<ManifestRow>();
            foreach (var stored in screens)
            {
                var screen = stored.Screen;
                var composed = ManifestComposer.Compose(screen, screen.Site!.TimeZone, scheduled, now, ManifestComposer.Power(screen, screen.Site, now));
                var body = composed with { Ticker = ManifestComposer.TickerFor(screen, ticker, now) };
                var canonical = ManifestCanonical.Serialize(body);
                var hash = ManifestCanonical.Hash(canonical);
                if (stored.Hash == hash)
                {
                    continue;
                }

                var version = (stored.Version ?? 0) + 1;
                rows.Add(new ManifestRow(screen.Id, version, hash, canonical, string.Join(' ', body.Items.Select(i => i.Asset.Sha256).Distinct())));
                changed.Add(new ScreenManifest(version, hash, body));
            }

            await WriteAsync(rows, now, ct);
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

    /// <summary>Every published, rendered announcement scheduled on any of these screens, their groups or their sites.</summary>
    async Task<List<ScheduledContent>> ScheduledForAsync(List<Screen> screens, CancellationToken ct)
    {
        var ids = screens.Select(s => s.Id).Concat(screens.SelectMany(s => s.GroupIds)).Concat(screens.Select(s => s.SiteId)).Distinct().ToList();
        // Each entry with its announcement, slide and named targets in one round trip. An announcement
        // not rendered yet has no asset, and the inner join leaves it out.
        var found = await db.ScheduleEntries.AsNoTracking()
            .Where(e => e.Targets.Any(t => ids.Contains(t.TargetId)) && e.Announcement!.Status == AnnouncementStatus.Published)
            .Join(db.Assets, e => e.Announcement!.AssetSha256, a => a.Sha256, (e, a) => new
            {
                Entry = e,
                e.Announcement,
                Asset = a,
                Targets = e.Targets.Select(t => new
                {
                    Target = t,
                    Name = t.Kind == TargetKind.Group ? db.ScreenGroups.Where(g => g.Id == t.TargetId).Select(g => "le groupe " + g.Name).FirstOrDefault()
                        : t.Kind == TargetKind.Site ? db.Sites.Where(s => s.Id == t.TargetId).Select(s => "le site " + s.Name).FirstOrDefault()
                        : db.Screens.Where(s => s.Id == t.TargetId).Select(s => "l'écran " + s.Name).FirstOrDefault(),
                }).ToList(),
            })
            .ToListAsync(ct);
        // Renditions come in a query of their own: as a second collection of the entry they would be
        // joined with its targets, each entry row repeated for every target and rendition pair.
        var announcementIds = found.Select(r => r.Entry.AnnouncementId).Distinct().ToList();
        var renditions = (await db.Renditions.AsNoTracking().Where(r => announcementIds.Contains(r.AnnouncementId))
                .Join(db.Assets.AsNoTracking(), r => r.AssetSha256, a => a.Sha256, (r, a) => new { r.AnnouncementId, r.Width, r.Height, Asset = a })
                .ToListAsync(ct))
            .GroupBy(r => r.AnnouncementId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<RenderSize, Asset>)g.ToDictionary(r => new RenderSize(r.Width, r.Height), r => r.Asset));
        return [.. found.Select(r =>
        {
            r.Entry.Announcement = r.Announcement;
            r.Entry.Targets = [.. r.Targets.Select(t => t.Target)];
            var names = string.Join(", ", r.Targets.Select(t => t.Name ?? "une cible supprimée"));
            return new ScheduledContent(r.Entry, r.Announcement!, r.Asset, names, renditions.GetValueOrDefault(r.Entry.AnnouncementId));
        })];
    }

    /// <summary>Upserts the changed manifests in one statement, whatever their number.</summary>
    async Task WriteAsync(List<ManifestRow> rows, DateTimeOffset now, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var ids = rows.Select(r => r.ScreenId).ToArray();
        var versions = rows.Select(r => r.Version).ToArray();
        var hashes = rows.Select(r => r.Hash).ToArray();
        var bodies = rows.Select(r => r.Canonical).ToArray();
        var assets = rows.Select(r => r.AssetHashes).ToArray();
        // The canonical bytes are sent as they are and read as UTF-8 text by PostgreSQL, without a .NET
        // string in between. PostgreSQL compresses each body (about 15 kB of JSON) on write: with its
        // default pglz that was the largest cost of a refresh, lz4 takes a third of the time. Each
        // stored value records its method, so rows written before still read.
        await db.Database.ExecuteSqlAsync($"""
            SET LOCAL default_toast_compression = lz4;
            INSERT INTO signage."ScreenManifests" ("ScreenId", "Version", "Hash", "BodyJson", "AssetHashes", "UpdatedAt")
            SELECT id, version, hash, convert_from(body, 'UTF8'), string_to_array(assets, ' '), {now}
            FROM unnest({ids}, {versions}, {hashes}, {bodies}, {assets}) AS r(id, version, hash, body, assets)
            ON CONFLICT ("ScreenId") DO UPDATE SET "Version" = excluded."Version", "Hash" = excluded."Hash",
                "BodyJson" = excluded."BodyJson", "AssetHashes" = excluded."AssetHashes", "UpdatedAt" = excluded."UpdatedAt"
            """, ct);
    }

    /// <summary>A manifest to store; its asset hashes joined by spaces (they are hex, so a space never occurs in one).</summary>
    sealed record ManifestRow(Guid ScreenId, long Version, string Hash, byte[] Canonical, string AssetHashes);

    static long LockKey(Guid id) => BitConverter.ToInt64(id.ToByteArray(), 0);
}
