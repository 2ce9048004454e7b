using Microsoft.EntityFrameworkCore;
using Signage.Core.Accounts;
using Signage.Core.Alerts;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Fleet;
using Signage.Core.Scheduling;

namespace Signage.Core.Home;

/// <summary>A slide that players report showing now, with the screens showing it.</summary>
public sealed record LiveSlide(string Sha256, string MediaType, string AccessibleText, IReadOnlyList<string> Screens);

/// <summary>An announcement a Publisher sent back to its author, as the audit log recorded it.</summary>
public sealed record SentBack(Guid AnnouncementId, string Title, string By, DateTimeOffset At, string? Comment);

/// <summary>The console's home page: what plays, which screens are silent, what waits for someone.</summary>
public sealed record HomeSummary(
    IReadOnlyList<LiveSlide> Live,
    int Online,
    IReadOnlyList<FleetScreen> Offline,
    int PendingApprovals,
    IReadOnlyList<ActiveAlert> Alerts,
    IReadOnlyList<SentBack> Refusals);

/// <summary>Gathers the home page from the fleet status, the alerts in force, the approval queue and the audit log, on the caller's sites.</summary>
public sealed class HomeService(SignageDb db, FleetService fleet, AlertService alerts, SiteScope scope)
{
    public const int RecentRefusals = 5;

    /// <summary>Whether the caller sees only their sites' screens.</summary>
    public bool Scoped => scope.Limited;

    public async Task<HomeSummary> SummaryAsync(CancellationToken ct = default)
    {
        var screens = await fleet.ListAsync(ct);
        var live = screens.Where(s => s.Online && s.Showing is not null)
            .GroupBy(s => s.Showing!.Sha256)
            .Select(g => new LiveSlide(g.Key, g.First().Showing!.MediaType, g.First().Showing!.AccessibleText, [.. g.Select(s => s.Name).Order()]))
            .OrderByDescending(s => s.Screens.Count).ThenBy(s => s.AccessibleText)
            .ToList();
        var pending = await db.Announcements.CountAsync(a => a.Status == AnnouncementStatus.Submitted, ct);
        return new HomeSummary(live, screens.Count(s => s.Online), [.. screens.Where(s => !s.Online)], pending,
            await AlertsOnMySitesAsync(ct), await SentBackAsync(ct));
    }

    /// <summary>The alerts in force; for a scoped person, those that reach at least one screen of their sites.</summary>
    async Task<IReadOnlyList<ActiveAlert>> AlertsOnMySitesAsync(CancellationToken ct)
    {
        var active = await alerts.ActiveAsync(ct);
        if (!scope.Limited)
        {
            return active;
        }

        var mine = new List<ActiveAlert>();
        foreach (var alert in active)
        {
            var reached = await db.ScreensTargetedAsync(await db.TargetsOfAnnouncementAsync(alert.AlertId, ct), ct);
            var sites = await db.Screens.AsNoTracking().Where(s => reached.Contains(s.Id)).Select(s => s.SiteId).Distinct().ToListAsync(ct);
            if (sites.Any(scope.Reaches))
            {
                mine.Add(alert);
            }
        }

        return mine;
    }

    async Task<IReadOnlyList<SentBack>> SentBackAsync(CancellationToken ct)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "announcement.sent-back" && a.SubjectId != null)
            .OrderByDescending(a => a.At).Take(RecentRefusals).ToListAsync(ct);
        var ids = entries.Select(e => e.SubjectId!.Value).ToList();
        var titles = await db.Announcements.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        return [.. entries.Where(e => titles.ContainsKey(e.SubjectId!.Value))
            .Select(e => new SentBack(e.SubjectId!.Value, titles[e.SubjectId.Value], e.Actor, e.At, e.Details))];
    }
}
