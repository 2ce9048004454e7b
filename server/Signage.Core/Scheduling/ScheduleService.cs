using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Accessibility;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Scheduling;

public sealed record Target(TargetKind Kind, Guid Id);

/// <summary>
/// A rule putting an announcement on screens. Days null = every day (an empty list is refused:
/// it would never play); Times null = the whole day.
/// </summary>
public sealed record NewScheduleEntry(
    Guid AnnouncementId,
    IReadOnlyList<Target> Targets,
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    IReadOnlyList<DayOfWeek>? Days = null,
    IReadOnlyList<TimeRange>? Times = null,
    Tier Tier = Tier.Scheduled,
    int Weight = 1,
    int DurationSeconds = 10);

public sealed class ScheduleService(SignageDb db, WriteUnit unit, SiteScope scope, TimeProvider clock)
{
    public const int MaxDurationSeconds = 600;

    public async Task<ScheduleEntry> AddAsync(NewScheduleEntry request, CancellationToken ct = default)
    {
        var text = await ValidateAsync(request, ct);
        // Never shorter than the time a slow reader needs for the announcement's text.
        var entry = ScheduleEntry.Create(request.AnnouncementId, request.Targets, unit.Actor, clock.GetUtcNow(), request.Tier,
            request.From, request.Until, request.Days, request.Times, request.Weight, ReadingTime.Adjust(request.DurationSeconds, text).Seconds);
        db.ScheduleEntries.Add(entry);
        unit.Audit("schedule.added", entry.Id, $"{entry.Tier} for announcement {entry.AnnouncementId}");
        unit.Affects(entry.TargetList());
        await unit.CommitAsync(ct);
        return entry;
    }

    /// <summary>
    /// Replaces every part of an entry with the rule given (validated as a new one); the screens it reached before
    /// and those it reaches now get their manifests again.
    /// </summary>
    public async Task<ScheduleEntry> UpdateAsync(Guid id, NewScheduleEntry request, CancellationToken ct = default)
    {
        var entry = await db.ScheduleEntries.Include(e => e.Targets).FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException("Cette programmation n'existe pas (ou plus).");
        // Neither the screens it reaches now nor those it would reach may be outside the person's sites.
        await scope.EnsureTargetsAsync([.. entry.TargetList()], ct);
        var text = await ValidateAsync(request, ct);
        var made = ScheduleEntry.Create(request.AnnouncementId, request.Targets, entry.CreatedBy, entry.CreatedAt, request.Tier,
            request.From, request.Until, request.Days, request.Times, request.Weight, ReadingTime.Adjust(request.DurationSeconds, text).Seconds);
        unit.Affects(entry.TargetList());
        var wanted = made.TargetList().ToHashSet();
        entry.Targets.RemoveAll(t => !wanted.Contains(new Target(t.Kind, t.TargetId)));
        foreach (var target in wanted.Where(w => !entry.Targets.Any(t => t.Kind == w.Kind && t.TargetId == w.Id)))
        {
            entry.Targets.Add(new ScheduleTarget { EntryId = entry.Id, Kind = target.Kind, TargetId = target.Id });
        }

        (entry.AnnouncementId, entry.From, entry.Until, entry.Days, entry.Times, entry.Tier, entry.Weight, entry.DurationSeconds) =
            (made.AnnouncementId, made.From, made.Until, made.Days, made.Times, made.Tier, made.Weight, made.DurationSeconds);
        unit.Audit("schedule.updated", entry.Id, $"{entry.Tier} for announcement {entry.AnnouncementId}");
        unit.Affects(wanted);
        await unit.CommitAsync(ct);
        return entry;
    }

    /// <summary>Deletes an entry: its screens stop playing it at once.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var entry = await db.ScheduleEntries.Include(e => e.Targets).FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException("Cette programmation n'existe pas (ou plus).");
        await scope.EnsureTargetsAsync([.. entry.TargetList()], ct);
        db.ScheduleEntries.Remove(entry);
        unit.Audit("schedule.deleted", entry.Id, $"{entry.Tier} for announcement {entry.AnnouncementId}");
        unit.Affects(entry.TargetList());
        await unit.CommitAsync(ct);
    }

    /// <summary>The entries of an announcement aimed within the actor's sites, with their targets, soonest first.</summary>
    public async Task<List<ScheduleEntry>> ForAnnouncementAsync(Guid announcementId, CancellationToken ct = default) =>
        await scope.WithinAsync(await db.ScheduleEntries.AsNoTracking().Include(e => e.Targets).Include(e => e.Announcement)
            .Where(e => e.AnnouncementId == announcementId).OrderBy(e => e.From).ThenBy(e => e.CreatedAt).ToListAsync(ct), e => e.TargetList(), ct);

    /// <summary>
    /// The entries that reach a screen (aimed at it, at one of its groups or at its site) or a group (aimed at it),
    /// with their announcements, soonest first; refused for a target outside the actor's sites, and without the entries
    /// also aimed outside them.
    /// </summary>
    public async Task<List<ScheduleEntry>> ForTargetAsync(Target target, CancellationToken ct = default)
    {
        await scope.EnsureTargetsAsync([target], ct);
        List<Target> reaching = [target];
        if (target.Kind == TargetKind.Screen && await db.Screens.AsNoTracking().FirstOrDefaultAsync(s => s.Id == target.Id, ct) is { } screen)
        {
            reaching.Add(new Target(TargetKind.Site, screen.SiteId));
            reaching.AddRange(screen.GroupIds.Select(g => new Target(TargetKind.Group, g)));
        }

        var ids = reaching.Select(t => t.Id).ToList();
        var entries = await db.ScheduleEntries.AsNoTracking().Include(e => e.Targets).Include(e => e.Announcement)
            .Where(e => e.Targets.Any(t => ids.Contains(t.TargetId))).OrderBy(e => e.From).ThenBy(e => e.CreatedAt).ToListAsync(ct);
        return await scope.WithinAsync([.. entries.Where(e => e.TargetList().Any(reaching.Contains))], e => e.TargetList(), ct);
    }

    /// <summary>Checks a rule; returns the announcement's text (for its reading time).</summary>
    async Task<string> ValidateAsync(NewScheduleEntry request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        var text = await db.Announcements.Where(a => a.Id == request.AnnouncementId).Select(a => a.Title + " " + a.Body).FirstOrDefaultAsync(ct);
        if (text is null)
        {
            Error("announcementId", "Cette annonce n'existe pas.");
        }

        if (request.Targets.Count == 0)
        {
            Error("targets", "Choisissez au moins un site, un groupe ou un écran.");
        }
        else if (await db.MissingTargetsAsync(request.Targets, ct) > 0)
        {
            Error("targets", "Une des cibles n'existe pas (ou plus).");
        }

        if (request.From is { } from && request.Until is { } until && until <= from)
        {
            Error("until", "La fin doit venir après le début.");
        }

        if (request.Days is { Count: 0 })
        {
            Error("days", "Choisissez au moins un jour, sinon l'annonce ne passerait jamais.");
        }

        if (request.Days?.Any(d => !Enum.IsDefined(d)) == true)
        {
            Error("days", "Les jours vont de 0 (dimanche) à 6 (samedi).");
        }

        foreach (var range in request.Times ?? [])
        {
            if (range.Start == range.End)
            {
                Error("times", $"La plage {range.Start:HH\\:mm}–{range.End:HH\\:mm} est vide.");
            }
        }

        if (Overlap(request.Times ?? []) is { } overlap)
        {
            Error("times", $"Les plages {overlap.A.Start:HH\\:mm}–{overlap.A.End:HH\\:mm} et {overlap.B.Start:HH\\:mm}–{overlap.B.End:HH\\:mm} se chevauchent.");
        }

        if (request.DurationSeconds is < 1 or > MaxDurationSeconds)
        {
            Error("durationSeconds", $"La durée d'affichage va de 1 à {MaxDurationSeconds} secondes.");
        }

        if (request.Weight is < 1 or > Rotation.MaxWeight)
        {
            Error("weight", $"Le poids va de 1 à {Rotation.MaxWeight}.");
        }

        if (!Enum.IsDefined(request.Tier))
        {
            Error("tier", "Le niveau doit être Default, Scheduled ou Override.");
        }
        else if (request.Tier == Tier.Alert)
        {
            Error("tier", "Les alertes se déclenchent depuis la page Alertes, pas par programmation.");
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        await scope.EnsureTargetsAsync(request.Targets, ct);
        return text!;
    }

    /// <summary>Two ranges of one rule that share minutes of the day, or null.</summary>
    static (TimeRange A, TimeRange B)? Overlap(IReadOnlyList<TimeRange> ranges)
    {
        var minutes = new TimeRange?[24 * 60];
        foreach (var range in ranges.Where(r => r.Start != r.End))
        {
            var start = (int)range.Start.ToTimeSpan().TotalMinutes;
            var end = (int)range.End.ToTimeSpan().TotalMinutes;
            for (var m = start; m != end; m = (m + 1) % minutes.Length)
            {
                if (minutes[m] is { } other)
                {
                    return (other, range);
                }

                minutes[m] = range;
            }
        }

        return null;
    }
}
