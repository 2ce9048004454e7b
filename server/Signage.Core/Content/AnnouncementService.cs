using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Accessibility;
using Signage.Core.Audit;
using Signage.Core.Data;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.Core.Content;

/// <summary>What a slide shows: its text, category, template, optional image (media library hash) and link.</summary>
public sealed record SlideFields(
    string Title,
    string Body,
    Category Category = Category.Information,
    string? Template = null,
    string? ImageSha256 = null,
    string? Link = null,
    int DurationSeconds = 10);

/// <summary>Publish to every screen of a group, now and until withdrawn.</summary>
public sealed record PublishAnnouncement(string Title, string Body, Guid GroupId, Audience Audience = Audience.Public,
    Category Category = Category.Information, string? Template = null, string? ImageSha256 = null, string? Link = null, int DurationSeconds = 10)
{
    public SlideFields Fields => new(Title, Body, Category, Template, ImageSha256, Link, DurationSeconds);
}

/// <summary>An Editor's draft, not on any screen until a Publisher approves it.</summary>
public sealed record DraftAnnouncement(string Title, string Body, Audience Audience = Audience.Public,
    Category Category = Category.Information, string? Template = null, string? ImageSha256 = null, string? Link = null, int DurationSeconds = 10)
{
    public SlideFields Fields => new(Title, Body, Category, Template, ImageSha256, Link, DurationSeconds);
}

public sealed record AnnouncementSummary(Guid Id, string Title, string Targets, Audience Audience, DateTimeOffset CreatedAt, AnnouncementStatus Status, ContentStatus ContentStatus, string? LastRenderError);

public sealed class AnnouncementService(SignageDb db, WriteUnit unit, AnnouncementRenderer renderer, SlideInputs inputs, TimeProvider clock)
{
    /// <summary>
    /// Validates and saves the announcement with its render job; screens get it once the
    /// image exists, so a failed render never leaves a half-published item on a screen.
    /// </summary>
    public async Task<Announcement> PublishAsync(PublishAnnouncement request, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        CheckAudience(request.Audience, errors);
        await CheckGroupAsync(request.GroupId, errors, ct);
        var minimums = await inputs.MinimumsForTargetsAsync([new Target(TargetKind.Group, request.GroupId)], ct);
        var content = await CheckContentAsync(request.Fields, minimums, errors, ct);
        ValidationException.ThrowIfAny(errors);

        var announcement = New(content, request.Audience, AnnouncementStatus.Rendering);
        db.Announcements.Add(announcement);
        Schedule(announcement, request.GroupId);
        unit.Audit("announcement.published", announcement.Id, announcement.Title);
        QueueRender(announcement.Id);
        await unit.CommitAsync(ct);
        return announcement;
    }

    /// <summary>An Editor's draft: checked like a publication (so a slide that cannot be drawn is caught early), on no screen.</summary>
    public async Task<Announcement> SaveDraftAsync(DraftAnnouncement request, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        CheckAudience(request.Audience, errors);
        var content = await CheckContentAsync(request.Fields, SlideInputs.Minimums([]), errors, ct);
        ValidationException.ThrowIfAny(errors);

        var announcement = New(content, request.Audience, AnnouncementStatus.Draft);
        db.Announcements.Add(announcement);
        unit.Audit("announcement.drafted", announcement.Id, announcement.Title);
        await unit.CommitAsync(ct);
        return announcement;
    }

    /// <summary>Sends a draft for approval.</summary>
    public async Task SubmitAsync(Guid id, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        if (announcement.Status != AnnouncementStatus.Draft)
        {
            throw new ConflictException("Seul un brouillon peut être soumis pour approbation.");
        }

        announcement.Status = AnnouncementStatus.Submitted;
        unit.Audit("announcement.submitted", id, announcement.Title);
        await unit.CommitAsync(ct);
    }

    /// <summary>A Publisher approves a draft or a submitted announcement: it is rendered and scheduled on the group.</summary>
    public async Task<Announcement> ApproveAsync(Guid id, Guid groupId, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        var errors = new Dictionary<string, string[]>();
        if (announcement.Status is not (AnnouncementStatus.Draft or AnnouncementStatus.Submitted))
        {
            throw new ConflictException("Cette annonce est déjà approuvée.");
        }

        await CheckGroupAsync(groupId, errors, ct);
        if (errors.Count == 0)
        {
            var minimums = await inputs.MinimumsForTargetsAsync([new Target(TargetKind.Group, groupId)], ct);
            await CheckContentAsync(Fields(announcement), minimums, errors, ct);
        }

        ValidationException.ThrowIfAny(errors);

        announcement.Status = AnnouncementStatus.Rendering;
        Schedule(announcement, groupId);
        unit.Audit("announcement.approved", id, announcement.Title);
        QueueRender(id);
        await unit.CommitAsync(ct);
        return announcement;
    }

    static void CheckAudience(Audience audience, Dictionary<string, string[]> errors)
    {
        if (!Enum.IsDefined(audience))
        {
            errors["audience"] = ["Le public doit être « tout public » (Public) ou « agents » (Staff)."];
        }
    }

    static SlideFields Fields(Announcement a) => new(a.Title, a.Body, a.Category, a.Template, a.ImageSha256, a.Link, a.DurationSeconds);

    /// <summary>
    /// The cleaned fields and what is wrong with them: lengths, template, image, link, and a slide
    /// that cannot be drawn readably at one of the resolutions for the targeted screens. A
    /// duration too short to read the text is raised (see <see cref="ReadingTime"/>).
    /// </summary>
    internal async Task<SlideFields> CheckContentAsync(SlideFields raw, IReadOnlyDictionary<RenderSize, float> minimums, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var title = raw.Title?.Trim() ?? "";
        var body = raw.Body?.Trim() ?? "";
        var link = string.IsNullOrWhiteSpace(raw.Link) ? null : raw.Link.Trim();
        var template = raw.Template ?? Templates.DefaultFor(raw.Category);
        if (title.Length == 0)
        {
            errors["title"] = ["Le titre est obligatoire."];
        }
        else if (title.Length > Announcement.MaxTitleLength)
        {
            errors["title"] = [$"Le titre dépasse {Announcement.MaxTitleLength} caractères ({title.Length})."];
        }

        if (body.Length > Announcement.MaxBodyLength)
        {
            errors["body"] = [$"Le texte dépasse {Announcement.MaxBodyLength} caractères ({body.Length})."];
        }

        if (!Enum.IsDefined(raw.Category))
        {
            errors["category"] = ["Cette catégorie n'existe pas."];
        }

        if (Templates.Find(template) is null)
        {
            errors["template"] = [$"Le modèle « {template} » n'existe pas."];
        }

        if (link is not null && (link.Length > Announcement.MaxLinkLength || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors["link"] = [$"Le lien doit être une adresse web complète (https://…) de {Announcement.MaxLinkLength} caractères au plus."];
        }

        // One picture for the four sizes: each copy it needs is decoded once for the whole check.
        using var image = raw.ImageSha256 is { } sha && await db.MediaItems.AnyAsync(m => m.Sha256 == sha && m.Kind == MediaKind.Image, ct)
            ? await inputs.ImageAsync(sha, ct)
            : null;
        if (raw.ImageSha256 is not null && image is null)
        {
            errors["image"] = ["Cette image n'est pas dans la médiathèque."];
        }

        if (raw.DurationSeconds is < 1 or > ScheduleService.MaxDurationSeconds)
        {
            errors["durationSeconds"] = [$"La durée d'affichage va de 1 à {ScheduleService.MaxDurationSeconds} secondes."];
        }

        if (errors.Count == 0)
        {
            var theme = await inputs.ThemeAsync(ct);
            using var logo = theme.Logo;
            var slide = new AnnouncementSlide(title, body, template, raw.Category, link, image, theme);
            foreach (var size in RenderSizes.All)
            {
                if (renderer.Refusal(slide, size, minimums[size]) is { } refusal)
                {
                    errors[refusal.Field] = [refusal.Message];
                    break;
                }
            }
        }

        var duration = ReadingTime.Adjust(raw.DurationSeconds, string.Join(' ', title, body)).Seconds;
        return new SlideFields(title, body, raw.Category, template, raw.ImageSha256, link, duration);
    }

    internal Announcement New(SlideFields content, Audience audience, AnnouncementStatus status) => new()
    {
        Id = Guid.NewGuid(),
        Title = content.Title,
        Body = content.Body,
        Category = content.Category,
        Template = content.Template!,
        ImageSha256 = content.ImageSha256,
        Link = content.Link,
        DurationSeconds = content.DurationSeconds,
        Audience = audience,
        Status = status,
        CreatedBy = unit.Actor,
        CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>Queues the render in the same transaction as the change that needs it.</summary>
    internal void QueueRender(Guid id) => unit.Enqueue<RenderAnnouncementJob>(job => job.RunAsync(id, CancellationToken.None));

    async Task CheckGroupAsync(Guid groupId, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (!await db.ScreenGroups.AnyAsync(g => g.Id == groupId, ct))
        {
            errors["groupId"] = ["Choisissez un groupe d'écrans existant."];
        }
    }

    void Schedule(Announcement announcement, Guid groupId) =>
        db.ScheduleEntries.Add(ScheduleEntry.Create(announcement.Id, [new Target(TargetKind.Group, groupId)], unit.Actor, clock.GetUtcNow(),
            durationSeconds: announcement.DurationSeconds));

    async Task<Announcement> FindAsync(Guid id, CancellationToken ct) =>
        await db.Announcements.FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("Cette annonce n'existe pas.");

    /// <summary>The images of the media library a slide may show, newest first.</summary>
    public Task<List<MediaItem>> ImagesAsync(CancellationToken ct = default) =>
        db.MediaItems.AsNoTracking().Where(m => m.Kind == MediaKind.Image).OrderByDescending(m => m.UploadedAt).ToListAsync(ct);

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
