using Hangfire;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Audit;
using Signage.Core.Data;
using Signage.Contracts.Manifests;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;

namespace Signage.Core.Content;

/// <summary>Publish to every screen of a group, now and until withdrawn.</summary>
public sealed record PublishAnnouncement(string Title, string Body, Guid GroupId, Audience Audience = Audience.Public);

public sealed record AnnouncementSummary(Guid Id, string Title, string Targets, Audience Audience, DateTimeOffset CreatedAt, AnnouncementStatus Status, ContentStatus ContentStatus, string? LastRenderError);

public sealed class AnnouncementService(SignageDb db, IBackgroundJobClient jobs, AnnouncementRenderer renderer, TimeProvider clock)
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 1000;

    /// <summary>
    /// Validates and saves the announcement, then queues its render; screens get it once the
    /// image exists, so a failed render never leaves a half-published item on a screen.
    /// </summary>
    public async Task<Announcement> PublishAsync(PublishAnnouncement request, string actor, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim() ?? "";
        var body = request.Body?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors["title"] = ["Le titre est obligatoire."];
        }
        else if (title.Length > MaxTitleLength)
        {
            errors["title"] = [$"Le titre dépasse {MaxTitleLength} caractères ({title.Length})."];
        }

        if (body.Length > MaxBodyLength)
        {
            errors["body"] = [$"Le texte dépasse {MaxBodyLength} caractères ({body.Length})."];
        }

        if (errors.Count == 0 && renderer.Refusal(new AnnouncementSlide(title, body), AnnouncementRenderer.FullHd) is { } refusal)
        {
            errors[refusal.Field] = [refusal.Message];
        }

        if (!await db.ScreenGroups.AnyAsync(g => g.Id == request.GroupId, ct))
        {
            errors["groupId"] = ["Choisissez un groupe d'écrans existant."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var announcement = new Announcement
        {
            Id = Guid.NewGuid(),
            Title = title,
            Body = body,
            Audience = request.Audience,
            Status = AnnouncementStatus.Rendering,
            CreatedBy = actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Announcements.Add(announcement);
        var entryId = Guid.NewGuid();
        db.ScheduleEntries.Add(new ScheduleEntry
        {
            Id = entryId,
            AnnouncementId = announcement.Id,
            Targets = [new ScheduleTarget { EntryId = entryId, Kind = TargetKind.Group, TargetId = request.GroupId }],
            DurationSeconds = announcement.DurationSeconds,
            CreatedBy = actor,
            CreatedAt = announcement.CreatedAt,
        });
        db.Audit(clock, actor, "announcement.published", announcement.Id, title);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<RenderAnnouncementJob>(job => job.RunAsync(announcement.Id, CancellationToken.None));
        return announcement;
    }

    public async Task<List<AnnouncementSummary>> RecentAsync(int count, CancellationToken ct = default)
    {
        var recent = await db.Announcements.AsNoTracking().OrderByDescending(a => a.CreatedAt).Take(count).ToListAsync(ct);
        var ids = recent.Select(a => a.Id).ToList();
        var entries = await db.ScheduleEntries.AsNoTracking().Include(e => e.Targets).Where(e => ids.Contains(e.AnnouncementId)).ToListAsync(ct);
        var groupIds = entries.SelectMany(e => e.Targets).Where(t => t.Kind == TargetKind.Group).Select(t => t.TargetId).Distinct().ToList();
        var groups = await db.ScreenGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var now = clock.GetUtcNow();
        return [.. recent.Select(a =>
        {
            var own = entries.Where(e => e.AnnouncementId == a.Id).ToList();
            var targets = own.SelectMany(e => e.Targets).Where(t => t.Kind == TargetKind.Group && groups.ContainsKey(t.TargetId)).Select(t => groups[t.TargetId]).Distinct().Order();
            return new AnnouncementSummary(a.Id, a.Title, string.Join(", ", targets), a.Audience, a.CreatedAt, a.Status, ContentStatuses.Of(a.Status, own, now), a.LastRenderError);
        })];
    }
}
