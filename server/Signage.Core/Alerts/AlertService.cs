using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core.Accounts;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.Core.Alerts;

/// <summary>
/// An emergency message for these targets, from now for <paramref name="Minutes"/> minutes: a
/// ready-made one (<paramref name="Template"/>, see <see cref="AlertTemplates"/>; its wording is
/// fixed) or free text (<paramref name="Title"/> and <paramref name="Body"/>).
/// </summary>
public sealed record RaiseAlert(string? Title, string? Body, IReadOnlyList<Target> Targets, int Minutes = AlertService.DefaultMinutes, string? Template = null);

/// <summary>An alert in force.</summary>
public sealed record ActiveAlert(Guid AlertId, string Title, DateTimeOffset RaisedAt, DateTimeOffset Until);

/// <summary>One targeted screen and when its display confirmed the alert (null: not yet).</summary>
public sealed record AlertScreen(Guid ScreenId, string Name, DateTimeOffset? ShownAt);

/// <summary>
/// Where an alert stands: how many of its screens confirmed it, how long the last confirmation took
/// after the raise, and which screens have not confirmed.
/// </summary>
public sealed record AlertStatus(
    Guid AlertId,
    string Title,
    DateTimeOffset RaisedAt,
    DateTimeOffset Until,
    bool Active,
    int Targeted,
    int Confirmed,
    double? SecondsToLastConfirmation,
    IReadOnlyList<AlertScreen> Screens);

/// <summary>
/// Alerts are announcements on the Alert tier: while active they play alone on their screens,
/// before anything else. Raising one draws its slide in the request, commits, then sends one
/// <see cref="AlertMessage"/> straight to the targeted hub groups; the manifests follow in
/// <see cref="AlertManifestsJob"/>, so the alert is also in every targeted screen's manifest. Each display
/// confirms it once it is on screen; a screen that connects while it is active receives it at
/// once. Alerts carry an end, so a screen cut off from the server ends them by itself.
/// </summary>
public sealed class AlertService(SignageDb db, WriteUnit unit, SiteScope scope, AnnouncementService announcements, SlideInputs inputs, SlideDrawing drawing, ActiveAlerts inForce, AcknowledgementBatches acknowledgements, TimeProvider clock)
{
    public const int DefaultMinutes = 120;
    public const int MaxMinutes = 24 * 60;

    public Task<Announcement> RaiseAsync(RaiseAlert request, CancellationToken ct = default) => RaiseAsync(request, null, ct);

    /// <summary>Raises the alert; <paramref name="created"/> sees it before the commit, to record what refers to it in the same transaction.</summary>
    internal async Task<Announcement> RaiseAsync(RaiseAlert request, Action<Announcement>? created, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var targets = request.Targets ?? [];
        if (targets.Count == 0)
        {
            errors["targets"] = ["Choisissez au moins un site, un groupe ou un écran."];
        }
        else if (await db.MissingTargetsAsync(targets, ct) > 0)
        {
            errors["targets"] = ["Une des cibles n'existe pas (ou plus)."];
        }
        else
        {
            await scope.EnsureTargetsAsync(targets, ct);
        }

        if (request.Minutes is < 1 or > MaxMinutes)
        {
            errors["minutes"] = [$"Une alerte dure de 1 minute à {MaxMinutes / 60} heures ; elle peut être levée plus tôt."];
        }

        var template = AlertTemplates.Find(request.Template);
        if (request.Template is not null && template is null)
        {
            errors["template"] = [$"Le modèle d'alerte « {request.Template} » n'existe pas."];
        }

        // A ready-made alert is sized for the most demanding screen of the fleet, as it was drawn ahead of need.
        var minimums = errors.ContainsKey("targets") ? SlideInputs.Minimums([])
            : template is not null ? await inputs.FleetMinimumsAsync(ct)
            : await inputs.MinimumsForTargetsAsync(targets, ct);
        var content = await announcements.CheckContentAsync(
            new SlideFields(template?.Title ?? request.Title ?? "", template?.Body ?? request.Body ?? "", AlertTemplates.SlideCategory, AlertTemplates.SlideTemplate, DurationSeconds: 30),
            minimums, errors, ct);
        ValidationException.ThrowIfAny(errors);

        // Alerts concern everyone in the building: they go to public and staff screens alike.
        var alert = announcements.New(content, Audience.Public, AnnouncementStatus.Published);
        alert.HiddenFromStreet = template?.HiddenFromStreet == true;
        var now = clock.GetUtcNow();
        alert.PublishedAt = now;
        db.Announcements.Add(alert);
        var entry = ScheduleEntry.Create(alert.Id, targets, unit.Actor, now, Tier.Alert, from: now, until: now.AddMinutes(request.Minutes),
            durationSeconds: alert.DurationSeconds);
        db.ScheduleEntries.Add(entry);

        // Drawn here, not in the render queue: an alert never waits behind ordinary renders.
        IReadOnlyList<AnnouncementRendition> drawn;
        try
        {
            drawn = await drawing.DrawAsync(alert, minimums, ct);
        }
        catch (SlideRefusedException e)
        {
            throw new ValidationException(e.Field, e.Message);
        }

        var message = new AlertMessage(alert.Id, ManifestComposer.AccessibleText(alert), entry.From!.Value, entry.Until!.Value,
            await ImagesAsync(drawn, ct));
        unit.Audit("alert.raised", alert.Id, $"{template?.Key ?? "free text"}: {alert.Title} until {entry.Until:O}");
        // The node's alerts in force are read again before the send: a screen that joins its channels after the
        // send finds the alert when it connects.
        unit.SendFirst((_, _) =>
        {
            inForce.Invalidate();
            return Task.CompletedTask;
        });
        unit.SendFirst((notifier, token) => notifier.AlertRaisedAsync(message, targets, alert.HiddenFromStreet, token));
        // The N manifests are rebuilt by a job once the message is out, not in this request.
        unit.EnqueueAfterSends<AlertManifestsJob>(job => job.RunAsync(alert.Id, CancellationToken.None));
        created?.Invoke(alert);
        await unit.CommitAsync(ct);
        return alert;
    }

    /// <summary>Ends an active alert now on all its screens at once; false when no active alert has this id.</summary>
    public async Task<bool> EndAsync(Guid alertId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var active = await db.ScheduleEntries.Include(e => e.Targets)
            .Where(e => e.AnnouncementId == alertId && e.Tier == Tier.Alert && (e.Until == null || e.Until > now))
            .ToListAsync(ct);
        if (active.Count == 0)
        {
            return false;
        }

        var targets = active.SelectMany(e => e.TargetList()).Distinct().ToList();
        await scope.EnsureTargetsAsync(targets, ct);
        foreach (var entry in active)
        {
            entry.Until = now;
        }

        var targeted = await TargetedScreensAsync(alertId, targets, ct);
        var confirmed = await db.AlertAcknowledgements.CountAsync(a => a.AlertId == alertId && targeted.Contains(a.ScreenId), ct);
        unit.Audit("alert.ended", alertId, $"{confirmed} / {targeted.Count} screens confirmed");
        unit.SendFirst((notifier, token) =>
        {
            inForce.Invalidate();
            return notifier.AlertClearedAsync(alertId, targets, token);
        });
        unit.Affects(targets);
        await unit.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Records that the screen's display shows the alert; the first confirmation counts, repeats
    /// change nothing. False when the alert is not active or does not target this screen.
    /// </summary>
    public async Task<bool> AcknowledgeAsync(Guid screenId, Guid alertId, CancellationToken ct = default)
    {
        var screen = await db.Screens.AsNoTracking().Where(s => s.Id == screenId).Select(s => new { s.SiteId, s.GroupIds, s.VisibleFromStreet }).FirstOrDefaultAsync(ct);
        return screen is not null && await AcknowledgeAsync(screenId, screen.SiteId, screen.GroupIds, screen.VisibleFromStreet, alertId, ct);
    }

    /// <summary>
    /// As <see cref="AcknowledgeAsync(Guid, Guid, CancellationToken)"/> for a connected screen whose site and groups
    /// are known: checked against the node's alerts in force (no query), saved with others in one batch.
    /// </summary>
    public async Task<bool> AcknowledgeAsync(Guid screenId, Guid siteId, IReadOnlyCollection<Guid> groupIds, bool visibleFromStreet, Guid alertId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var reaches = (await ActiveForScreenAsync(screenId, siteId, groupIds, visibleFromStreet, ct)).Any(a => a.AlertId == alertId)
            // An alert raised on another node in the last second may not be in this node's snapshot yet.
            || await ActiveEntries(now).Where(e => e.AnnouncementId == alertId).AnyAsync(Reaching(screenId, siteId, groupIds, visibleFromStreet), ct);
        if (!reaches)
        {
            return false;
        }

        await acknowledgements.RecordAsync(alertId, screenId, now, ct);
        return true;
    }

    /// <summary>The alerts in force now, newest first.</summary>
    public async Task<IReadOnlyList<ActiveAlert>> ActiveAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rows = await ActiveEntries(now).Include(e => e.Targets)
            .Join(db.Announcements, e => e.AnnouncementId, a => a.Id, (e, a) => new { Entry = e, a.Title })
            .OrderByDescending(r => r.Entry.From)
            .ToListAsync(ct);
        // A scoped Publisher sees the alerts they could end: those whose every target stands on their sites.
        var alerts = rows.GroupBy(r => r.Entry.AnnouncementId).Select(g => g.ToList()).ToList();
        var mine = await scope.WithinAsync(alerts, a => a.SelectMany(r => r.Entry.TargetList()), ct);
        return [.. mine.Select(a => new ActiveAlert(a[0].Entry.AnnouncementId, a[0].Title, a[0].Entry.From!.Value, a[0].Entry.Until!.Value))];
    }

    /// <summary>Where the alert stands, or null when no alert has this id; refused outside the actor's sites.</summary>
    public async Task<AlertStatus?> StatusAsync(Guid alertId, CancellationToken ct = default)
    {
        var entries = await db.ScheduleEntries.AsNoTracking().Include(e => e.Targets)
            .Where(e => e.AnnouncementId == alertId && e.Tier == Tier.Alert)
            .ToListAsync(ct);
        var title = await db.Announcements.Where(a => a.Id == alertId).Select(a => a.Title).FirstOrDefaultAsync(ct);
        if (entries.Count == 0 || title is null)
        {
            return null;
        }

        await scope.EnsureTargetsAsync([.. entries.SelectMany(e => e.TargetList()).Distinct()], ct);
        var raisedAt = entries.Min(e => e.From!.Value);
        var until = entries.Max(e => e.Until!.Value);
        var targeted = await TargetedScreensAsync(alertId, [.. entries.SelectMany(e => e.TargetList()).Distinct()], ct);
        var screens = await db.Screens.AsNoTracking().Where(s => targeted.Contains(s.Id))
            .GroupJoin(db.AlertAcknowledgements.Where(a => a.AlertId == alertId), s => s.Id, a => a.ScreenId, (s, acks) => new { s, acks })
            .SelectMany(x => x.acks.DefaultIfEmpty(), (x, a) => new AlertScreen(x.s.Id, x.s.Name, a == null ? null : a.ShownAt))
            .ToListAsync(ct);
        var shown = screens.Where(s => s.ShownAt is not null).Select(s => s.ShownAt!.Value).ToList();
        var now = clock.GetUtcNow();
        return new AlertStatus(alertId, title, raisedAt, until, raisedAt <= now && now < until, screens.Count, shown.Count,
            shown.Count == 0 ? null : (shown.Max() - raisedAt).TotalSeconds,
            [.. screens.OrderBy(s => s.ShownAt is not null).ThenBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true))]);
    }

    /// <summary>The messages of the alerts in force for this screen, sent to it when it connects (from <see cref="ActiveAlerts"/>: no query per connection).</summary>
    public async Task<IReadOnlyList<AlertMessage>> ActiveForScreenAsync(Guid screenId, Guid siteId, IReadOnlyCollection<Guid> groupIds, bool visibleFromStreet, CancellationToken ct = default)
    {
        var held = await inForce.GetAsync(LoadActiveAsync, ct);
        var now = clock.GetUtcNow();
        return
        [
            .. held.Where(a => a.Message.IsActive(now) && !(visibleFromStreet && a.HiddenFromStreet)
                    && a.Targets.Any(t => t.Kind switch
                    {
                        TargetKind.Screen => t.Id == screenId,
                        TargetKind.Site => t.Id == siteId,
                        _ => groupIds.Contains(t.Id),
                    }))
                .Select(a => a.Message),
        ];
    }

    /// <summary>Compiles the alert path's queries and loads the alerts in force, so the first alert after start-up is as fast as the next.</summary>
    public async Task WarmUpAsync(CancellationToken ct = default)
    {
        inForce.Invalidate();
        await inForce.GetAsync(LoadActiveAsync, ct);
        await ActiveAsync(ct);
        await StatusAsync(Guid.Empty, ct);
        await ScreenMayReadAsync(Guid.Empty, new string('0', 64), ct);
        await AcknowledgeAsync(Guid.Empty, Guid.Empty, ct);
        await db.MissingTargetsAsync([new Target(TargetKind.Group, Guid.Empty), new Target(TargetKind.Site, Guid.Empty), new Target(TargetKind.Screen, Guid.Empty)], ct);
        await db.ScreensTargetedAsync([new Target(TargetKind.Group, Guid.Empty)], ct);
        await inputs.FleetMinimumsAsync(ct);
    }

    async Task<IReadOnlyList<AlertInForce>> LoadActiveAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entries = await ActiveEntries(now).Include(e => e.Targets)
            .Join(db.Announcements, e => e.AnnouncementId, a => a.Id, (e, a) => new { Entry = e, Announcement = a })
            .ToListAsync(ct);
        var held = new List<AlertInForce>();
        foreach (var group in entries.GroupBy(e => e.Announcement.Id))
        {
            var announcement = group.First().Announcement;
            var renditions = await db.Renditions.AsNoTracking().Where(r => r.AnnouncementId == announcement.Id).ToListAsync(ct);
            var message = new AlertMessage(announcement.Id, ManifestComposer.AccessibleText(announcement),
                group.Min(e => e.Entry.From!.Value), group.Max(e => e.Entry.Until!.Value), await ImagesAsync(renditions, ct));
            held.Add(new AlertInForce(message, [.. group.SelectMany(e => e.Entry.TargetList()).Distinct()], announcement.HiddenFromStreet));
        }

        return held;
    }

    /// <summary>True when the file is a picture of an alert in force for this screen (it may fetch it before its manifest names it).</summary>
    public async Task<bool> ScreenMayReadAsync(Guid screenId, string sha256, CancellationToken ct = default)
    {
        var screen = await db.Screens.AsNoTracking().Where(s => s.Id == screenId).Select(s => new { s.SiteId, s.GroupIds, s.VisibleFromStreet }).FirstOrDefaultAsync(ct);
        if (screen is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        return await ActiveEntries(now)
            .Where(e => db.Renditions.Any(r => r.AnnouncementId == e.AnnouncementId && r.AssetSha256 == sha256))
            .AnyAsync(Reaching(screenId, screen.SiteId, screen.GroupIds, screen.VisibleFromStreet), ct);
    }

    IQueryable<ScheduleEntry> ActiveEntries(DateTimeOffset now) =>
        db.ScheduleEntries.AsNoTracking().Where(e => e.Tier == Tier.Alert && e.From <= now && e.Until > now);

    /// <summary>Entries that reach this screen: by its id, site or groups, and never an alert hidden from the street on a screen seen from it.</summary>
    static System.Linq.Expressions.Expression<Func<ScheduleEntry, bool>> Reaching(Guid screenId, Guid siteId, IReadOnlyCollection<Guid> groupIds, bool visibleFromStreet) =>
        e => !(visibleFromStreet && e.Announcement!.HiddenFromStreet)
            && e.Targets.Any(t => (t.Kind == TargetKind.Screen && t.TargetId == screenId)
                || (t.Kind == TargetKind.Site && t.TargetId == siteId)
                || (t.Kind == TargetKind.Group && groupIds.Contains(t.TargetId)));

    /// <summary>The screens the alert is for: those its targets reach, less those seen from the street when it is hidden from it.</summary>
    async Task<List<Guid>> TargetedScreensAsync(Guid alertId, IReadOnlyCollection<Target> targets, CancellationToken ct)
    {
        var reached = await db.ScreensTargetedAsync(targets, ct);
        if (!await db.Announcements.AnyAsync(a => a.Id == alertId && a.HiddenFromStreet, ct))
        {
            return reached;
        }

        return await db.Screens.Where(s => reached.Contains(s.Id) && !s.VisibleFromStreet).Select(s => s.Id).ToListAsync(ct);
    }

    async Task<IReadOnlyList<AlertImage>> ImagesAsync(IEnumerable<AnnouncementRendition> renditions, CancellationToken ct)
    {
        var images = new List<AlertImage>();
        foreach (var rendition in renditions.OrderBy(r => r.Width).ThenBy(r => r.Height))
        {
            var asset = await db.Assets.FindAsync([rendition.AssetSha256], ct)
                ?? throw new InvalidOperationException($"Rendition {rendition.Width}×{rendition.Height} of {rendition.AnnouncementId} has no asset row.");
            images.Add(new AlertImage(rendition.Width, rendition.Height, new AssetRef(asset.Sha256, asset.Size, asset.MediaType)));
        }

        return images;
    }
}
