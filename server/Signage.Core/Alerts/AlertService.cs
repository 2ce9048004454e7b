using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.Core.Alerts;

/// <summary>An emergency message for these targets, from now for <paramref name="Minutes"/> minutes.</summary>
public sealed record RaiseAlert(string Title, string Body, IReadOnlyList<Target> Targets, int Minutes = AlertService.DefaultMinutes);

/// <summary>
/// Alerts are announcements on the Alert tier: while active they play alone on their screens,
/// before anything else. They carry an end, so a screen cut off from the server ends them by
/// itself; ending one early pushes the change at once.
/// </summary>
public sealed class AlertService(SignageDb db, WriteUnit unit, AnnouncementService announcements, SlideInputs inputs, TimeProvider clock)
{
    public const int DefaultMinutes = 120;
    public const int MaxMinutes = 24 * 60;

    public async Task<Announcement> RaiseAsync(RaiseAlert request, CancellationToken ct = default)
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

        if (request.Minutes is < 1 or > MaxMinutes)
        {
            errors["minutes"] = [$"Une alerte dure de 1 minute à {MaxMinutes / 60} heures ; elle peut être levée plus tôt."];
        }

        var minimums = errors.ContainsKey("targets") ? SlideInputs.Minimums([]) : await inputs.MinimumsForTargetsAsync(targets, ct);
        var content = await announcements.CheckContentAsync(new SlideFields(request.Title, request.Body, Category.Alerte, Templates.Alert, DurationSeconds: 30), minimums, errors, ct);
        ValidationException.ThrowIfAny(errors);

        // Alerts concern everyone in the building: they go to public and staff screens alike.
        var alert = announcements.New(content, Audience.Public, AnnouncementStatus.Rendering);
        db.Announcements.Add(alert);
        var now = clock.GetUtcNow();
        var entry = ScheduleEntry.Create(alert.Id, targets, unit.Actor, now, Tier.Alert, from: now, until: now.AddMinutes(request.Minutes),
            durationSeconds: alert.DurationSeconds);
        db.ScheduleEntries.Add(entry);
        unit.Audit("alert.raised", alert.Id, $"{alert.Title} until {entry.Until:O}");
        // The render job puts it in the manifests once the image exists.
        announcements.QueueRender(alert.Id);
        await unit.CommitAsync(ct);
        return alert;
    }

    /// <summary>Ends an active alert now; false when no active alert has this id.</summary>
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

        foreach (var entry in active)
        {
            entry.Until = now;
            unit.Affects(entry.TargetList());
        }

        unit.Audit("alert.ended", alertId);
        await unit.CommitAsync(ct);
        return true;
    }
}
