using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Fleet;

/// <summary>A report as received, with the server's time of receipt.</summary>
public sealed record ReceivedReport(Guid ScreenId, PlayerReport Report, DateTimeOffset ReceivedAt);

/// <summary>What the screen shows now according to its report: the item of its manifest, with its slide.</summary>
public sealed record ShowingNow(Guid ItemId, string Sha256, string MediaType, string AccessibleText);

/// <summary>One screen of the fleet page.</summary>
/// <param name="LastHeardAt">The latest report or connection contact; null for a screen never heard from.</param>
/// <param name="Online">Heard from within <see cref="FleetOptions.OfflineAfter"/>.</param>
/// <param name="ClockOff">Its clock is further than <see cref="FleetOptions.ClockTolerance"/> from the server's.</param>
public sealed record FleetScreen(
    Guid Id,
    string Name,
    Guid SiteId,
    string Site,
    string TimeZone,
    DateTimeOffset? LastHeardAt,
    bool Online,
    bool Revoked,
    ScreenStatus? Status,
    ShowingNow? Showing,
    bool ClockOff);

/// <summary>The fleet's latest reports: written in batches, read by the console's fleet page.</summary>
public sealed class FleetService(SignageDb db, WriteUnit unit, SiteScope scope, IOptions<FleetOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Stores the latest report of each screen in one statement (insert or update in place); reports of screens
    /// deleted meanwhile are dropped.
    /// </summary>
    public Task RecordAsync(IReadOnlyCollection<ReceivedReport> reports, CancellationToken ct = default)
    {
        var latest = reports.GroupBy(r => r.ScreenId).Select(g => g.MaxBy(r => r.ReceivedAt)!).ToList();
        if (latest.Count == 0)
        {
            return Task.CompletedTask;
        }

        var ids = latest.Select(r => r.ScreenId).ToArray();
        var at = latest.Select(r => r.ReceivedAt.ToUniversalTime()).ToArray();
        var items = latest.Select(r => r.Report.ShowingItemId).ToArray();
        var versions = latest.Select(r => r.Report.ManifestVersion).ToArray();
        var cache = latest.Select(r => r.Report.CacheBytes).ToArray();
        var free = latest.Select(r => r.Report.FreeDiskBytes).ToArray();
        var agents = latest.Select(r => r.Report.AgentVersion).ToArray();
        var uptime = latest.Select(r => r.Report.UptimeSeconds).ToArray();
        var display = latest.Select(r => r.Report.DisplayOn).ToArray();
        var offset = latest.Select(r => r.Report.ClockOffsetSeconds).ToArray();
        return unit.CommitAsync(() => db.Database.ExecuteSqlAsync($"""
            INSERT INTO signage."ScreenStatuses" ("ScreenId", "ReportedAt", "ShowingItemId", "ManifestVersion", "CacheBytes", "FreeDiskBytes", "AgentVersion", "UptimeSeconds", "DisplayOn", "ClockOffsetSeconds")
            SELECT r.* FROM unnest({ids}, {at}, {items}, {versions}, {cache}, {free}, {agents}, {uptime}, {display}, {offset})
                AS r(screen_id, reported_at, item, version, cache, free, agent, uptime, display, clock_offset)
            WHERE EXISTS (SELECT 1 FROM signage."Screens" s WHERE s."Id" = r.screen_id)
            ON CONFLICT ("ScreenId") DO UPDATE SET
                "ReportedAt" = excluded."ReportedAt", "ShowingItemId" = excluded."ShowingItemId", "ManifestVersion" = excluded."ManifestVersion",
                "CacheBytes" = excluded."CacheBytes", "FreeDiskBytes" = excluded."FreeDiskBytes", "AgentVersion" = excluded."AgentVersion",
                "UptimeSeconds" = excluded."UptimeSeconds", "DisplayOn" = excluded."DisplayOn", "ClockOffsetSeconds" = excluded."ClockOffsetSeconds"
            WHERE "ScreenStatuses"."ReportedAt" <= excluded."ReportedAt"
            """, ct), ct);
    }

    /// <summary>Every screen on the actor's sites with its status, by site then name.</summary>
    public async Task<IReadOnlyList<FleetScreen>> ListAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var rows = await (
            from s in db.Screens.AsNoTracking()
            join st in db.ScreenStatuses.AsNoTracking() on s.Id equals st.ScreenId into statuses
            from st in statuses.DefaultIfEmpty()
            join m in db.ScreenManifests.AsNoTracking() on s.Id equals m.ScreenId into manifests
            from m in manifests.DefaultIfEmpty()
            orderby s.Site!.Name, s.Name
            select new { s.Id, s.Name, s.SiteId, Site = s.Site!.Name, s.Site!.TimeZone, s.LastSeenAt, s.TokenRevokedAt, Status = st, Body = m == null ? null : m.BodyJson })
            .ToListAsync(ct);
        return [.. rows.Where(r => scope.Reaches(r.SiteId)).Select(r =>
        {
            var heard = Latest(r.LastSeenAt, r.Status?.ReportedAt);
            return new FleetScreen(
                r.Id, r.Name, r.SiteId, r.Site, r.TimeZone, heard,
                heard is { } h && now - h < settings.OfflineAfter,
                r.TokenRevokedAt != null,
                r.Status,
                Showing(r.Status?.ShowingItemId, r.Body),
                r.Status is { } st && Math.Abs(st.ClockOffsetSeconds) > settings.ClockTolerance.TotalSeconds);
        })];
    }

    static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    static ShowingNow? Showing(Guid? itemId, string? bodyJson)
    {
        if (itemId is not { } id || bodyJson is null)
        {
            return null;
        }

        var item = JsonSerializer.Deserialize<ManifestBody>(bodyJson, ManifestCanonical.Options)!.Items.FirstOrDefault(i => i.Id == id);
        return item is null ? null : new ShowingNow(item.Id, item.Asset.Sha256, item.Asset.MediaType, item.AccessibleText);
    }
}
