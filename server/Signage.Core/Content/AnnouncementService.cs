using Hangfire;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Audit;
using Signage.Core.Data;
using Signage.Core.Rendering;

namespace Signage.Core.Content;

public sealed record PublishAnnouncement(string Title, string Body, Guid GroupId);

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
            GroupId = request.GroupId,
            Status = AnnouncementStatus.Rendering,
            CreatedBy = actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Announcements.Add(announcement);
        db.Audit(clock, actor, "announcement.published", announcement.Id, title);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<RenderAnnouncementJob>(job => job.RunAsync(announcement.Id, CancellationToken.None));
        return announcement;
    }

    public Task<List<Announcement>> RecentAsync(int count, CancellationToken ct = default) =>
        db.Announcements.AsNoTracking().Include(a => a.Group)
            .OrderByDescending(a => a.CreatedAt).Take(count).ToListAsync(ct);
}
