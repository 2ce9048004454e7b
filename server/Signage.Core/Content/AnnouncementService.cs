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

/// <summary>An Editor's draft, not on any screen until a Publisher approves it.</summary>
public sealed record DraftAnnouncement(string Title, string Body, Audience Audience = Audience.Public);

public sealed record AnnouncementSummary(Guid Id, string Title, string Targets, Audience Audience, DateTimeOffset CreatedAt, AnnouncementStatus Status, ContentStatus ContentStatus, string? LastRenderError);

public sealed class AnnouncementService(SignageDb db, IBackgroundJobClient jobs, AnnouncementRenderer renderer, TimeProvider clock)
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 1000;
    public const int MaxLinkLength = 500;

    /// <summary>
    /// Validates and saves the announcement, then queues its render; screens get it once the
    /// image exists, so a failed render never leaves a half-published item on a screen.
    /// </summary>
    public async Task<Announcement> PublishAsync(PublishAnnouncement request, string actor, CancellationToken ct = default)
    {
        var (title, body, errors) = CheckText(request.Title, request.Body);
        await CheckGroupAsync(request.GroupId, errors, ct);
        ValidationException.ThrowIfAny(errors);

        var announcement = New(title, body, request.Audience, AnnouncementStatus.Rendering, actor);
        db.Announcements.Add(announcement);
        Schedule(announcement, request.GroupId, actor);
        db.Audit(clock, actor, "announcement.published", announcement.Id, title);
        await db.SaveChangesAsync(ct);
        QueueRender(announcement.Id);
        return announcement;
    }

    /// <summary>An Editor's draft: checked like a publication (so a slide that cannot be drawn is caught early), on no screen.</summary>
    public async Task<Announcement> SaveDraftAsync(DraftAnnouncement request, string actor, CancellationToken ct = default)
    {
        var (title, body, errors) = CheckText(request.Title, request.Body);
        ValidationException.ThrowIfAny(errors);

        var announcement = New(title, body, request.Audience, AnnouncementStatus.Draft, actor);
        db.Announcements.Add(announcement);
        db.Audit(clock, actor, "announcement.drafted", announcement.Id, title);
        await db.SaveChangesAsync(ct);
        return announcement;
    }

    /// <summary>Sends a draft for approval.</summary>
    public async Task SubmitAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        if (announcement.Status != AnnouncementStatus.Draft)
        {
            throw new ValidationException("status", "Seul un brouillon peut être soumis pour approbation.");
        }

        announcement.Status = AnnouncementStatus.Submitted;
        db.Audit(clock, actor, "announcement.submitted", id, announcement.Title);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A Publisher approves a draft or a submitted announcement: it is rendered and scheduled on the group.</summary>
    public async Task<Announcement> ApproveAsync(Guid id, Guid groupId, string actor, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        var errors = new Dictionary<string, string[]>();
        if (announcement.Status is not (AnnouncementStatus.Draft or AnnouncementStatus.Submitted))
        {
            errors["status"] = ["Cette annonce est déjà approuvée."];
        }

        await CheckGroupAsync(groupId, errors, ct);
        ValidationException.ThrowIfAny(errors);

        announcement.Status = AnnouncementStatus.Rendering;
        Schedule(announcement, groupId, actor);
        db.Audit(clock, actor, "announcement.approved", id, announcement.Title);
        await db.SaveChangesAsync(ct);
        QueueRender(id);
        return announcement;
    }

    /// <summary>Trimmed title and body, and what is wrong with them (lengths, and a slide that cannot be drawn readably).</summary>
    internal (string Title, string Body, Dictionary<string, string[]> Errors) CheckText(string? rawTitle, string? rawBody)
    {
        var errors = new Dictionary<string, string[]>();
        var title = rawTitle?.Trim() ?? "";
        var body = rawBody?.Trim() ?? "";
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

        return (title, body, errors);
    }

    internal Announcement New(string title, string body, Audience audience, AnnouncementStatus status, string actor) => new()
    {
        Id = Guid.NewGuid(),
        Title = title,
        Body = body,
        Audience = audience,
        Status = status,
        CreatedBy = actor,
        CreatedAt = clock.GetUtcNow(),
    };

    internal void QueueRender(Guid id) => jobs.Enqueue<RenderAnnouncementJob>(job => job.RunAsync(id, CancellationToken.None));

    async Task CheckGroupAsync(Guid groupId, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (!await db.ScreenGroups.AnyAsync(g => g.Id == groupId, ct))
        {
            errors["groupId"] = ["Choisissez un groupe d'écrans existant."];
        }
    }

    void Schedule(Announcement announcement, Guid groupId, string actor)
    {
        var entryId = Guid.NewGuid();
        db.ScheduleEntries.Add(new ScheduleEntry
        {
            Id = entryId,
            AnnouncementId = announcement.Id,
            Targets = [new ScheduleTarget { EntryId = entryId, Kind = TargetKind.Group, TargetId = groupId }],
            DurationSeconds = announcement.DurationSeconds,
            CreatedBy = actor,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    async Task<Announcement> FindAsync(Guid id, CancellationToken ct) =>
        await db.Announcements.FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new ValidationException("id", "Cette annonce n'existe pas.");

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
