using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Accessibility;
using Signage.Core.Accounts;
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

/// <summary>
/// How the slide fares at one resolution for the screens it targets: whether it can be drawn readably, and if so its
/// body text against the smallest size those screens allow and the worst contrast behind any line.
/// </summary>
public sealed record SizeVerdict(int Width, int Height, string? Refusal, float? BodyPixels, float MinimumPixels, double? WorstContrast);

/// <summary>The accessibility verdicts of a slide before it is saved: each resolution, and the reading time its words need.</summary>
public sealed record SlideVerdicts(IReadOnlyList<SizeVerdict> Sizes, int RequestedSeconds, int NeededSeconds, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Passes => Errors.Count == 0 && Sizes.All(s => s.Refusal is null);
}

public sealed record AnnouncementSummary(Guid Id, string Title, string Targets, Audience Audience, DateTimeOffset CreatedAt, AnnouncementStatus Status, ContentStatus ContentStatus, string? LastRenderError);

public sealed class AnnouncementService(SignageDb db, WriteUnit unit, SiteScope scope, AnnouncementRenderer renderer, SlideInputs inputs, TimeProvider clock)
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
        announcement.ReviewComment = null;
        announcement.ReviewedBy = null;
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

    /// <summary>
    /// Changes what the slide shows. A draft stays a draft; an announcement on screens is checked against the
    /// screens it targets and drawn again, its previous slide playing until the new one exists.
    /// </summary>
    public async Task<Announcement> UpdateAsync(Guid id, SlideFields fields, Audience audience, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        await RefuseAlertAsync(announcement, ct);
        if (announcement.Status == AnnouncementStatus.Archived)
        {
            throw new ConflictException("Une annonce archivée ne se modifie plus : dupliquez-la pour en écrire une nouvelle version.");
        }

        var errors = new Dictionary<string, string[]>();
        CheckAudience(audience, errors);
        var onScreens = announcement.Status is AnnouncementStatus.Rendering or AnnouncementStatus.Published;
        var minimums = onScreens
            ? await inputs.MinimumsForTargetsAsync(await db.TargetsOfAnnouncementAsync(id, ct), ct)
            : SlideInputs.Minimums([]);
        var content = await CheckContentAsync(fields, minimums, errors, ct);
        ValidationException.ThrowIfAny(errors);

        (announcement.Title, announcement.Body, announcement.Category, announcement.Template) = (content.Title, content.Body, content.Category, content.Template!);
        (announcement.ImageSha256, announcement.Link, announcement.DurationSeconds, announcement.Audience) = (content.ImageSha256, content.Link, content.DurationSeconds, audience);
        unit.Audit("announcement.edited", id, announcement.Title);
        if (onScreens)
        {
            announcement.LastRenderError = null;
            // The audience may have changed which screens may show it: their manifests follow at once.
            unit.AffectsAnnouncement(id);
            QueueRender(id);
        }

        await unit.CommitAsync(ct);
        return announcement;
    }

    /// <summary>
    /// Takes the announcement off every screen now: entries still to come are removed, running ones end now.
    /// The screens' manifests are rebuilt and pushed in the same call.
    /// </summary>
    public async Task<int> WithdrawAsync(Guid id, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        await RefuseAlertAsync(announcement, ct);
        var ended = await EndEntriesAsync(id, ct);
        if (ended == 0)
        {
            throw new ConflictException($"« {announcement.Title} » n'est programmée sur aucun écran : il n'y a rien à retirer.");
        }

        unit.Audit("announcement.withdrawn", id, announcement.Title);
        await unit.CommitAsync(ct);
        return ended;
    }

    /// <summary>Withdraws the announcement from every screen and archives it: it leaves the library's default view and cannot be shown again.</summary>
    public async Task ArchiveAsync(Guid id, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        await RefuseAlertAsync(announcement, ct);
        if (announcement.Status == AnnouncementStatus.Archived)
        {
            throw new ConflictException($"« {announcement.Title} » est déjà archivée.");
        }

        await EndEntriesAsync(id, ct);
        announcement.Status = AnnouncementStatus.Archived;
        unit.Audit("announcement.archived", id, announcement.Title);
        await unit.CommitAsync(ct);
    }

    /// <summary>
    /// Deletes the announcement, its schedule entries and slides. Refused while it is on screens or scheduled
    /// for later, naming where: it is withdrawn or archived first, so a deletion never changes what a screen shows.
    /// </summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        await RefuseAlertAsync(announcement, ct);
        var now = clock.GetUtcNow();
        var entries = await db.ScheduleEntries.Include(e => e.Targets).Where(e => e.AnnouncementId == id).ToListAsync(ct);
        if (announcement.Status is AnnouncementStatus.Rendering or AnnouncementStatus.Published
            && entries.Where(e => e.Until is null || e.Until > now).ToList() is { Count: > 0 } running)
        {
            var names = await TargetNamesAsync(running.SelectMany(e => e.TargetList()), ct);
            throw new ConflictException($"« {announcement.Title} » est encore programmée ({string.Join(", ", names)}) : retirez-la des écrans ou archivez-la avant de la supprimer.");
        }

        unit.Affects(entries.SelectMany(e => e.TargetList()));
        db.ScheduleEntries.RemoveRange(entries);
        db.Announcements.Remove(announcement);
        unit.Audit("announcement.deleted", id, announcement.Title);
        await unit.CommitAsync(ct);
    }

    /// <summary>A new draft with the same slide, written by whoever duplicates it; the original is untouched.</summary>
    public async Task<Announcement> DuplicateAsync(Guid id, CancellationToken ct = default)
    {
        var source = await FindAsync(id, ct);
        await RefuseAlertAsync(source, ct);
        const string suffix = " (copie)";
        var title = source.Title.Length + suffix.Length <= Announcement.MaxTitleLength
            ? source.Title + suffix
            : source.Title[..(Announcement.MaxTitleLength - suffix.Length)] + suffix;
        var copy = New(Fields(source) with { Title = title }, source.Audience, AnnouncementStatus.Draft);
        db.Announcements.Add(copy);
        unit.Audit("announcement.duplicated", copy.Id, $"{title} (from {id})");
        await unit.CommitAsync(ct);
        return copy;
    }

    /// <summary>A Publisher returns a submitted draft to its Editor with what to change.</summary>
    public async Task SendBackAsync(Guid id, string comment, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        var text = comment?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new ValidationException("comment", "Dites à l'auteur ce qu'il faut changer.");
        }

        if (text.Length > Announcement.MaxReviewCommentLength)
        {
            throw new ValidationException("comment", $"Le commentaire dépasse {Announcement.MaxReviewCommentLength} caractères ({text.Length}).");
        }

        if (announcement.Status != AnnouncementStatus.Submitted)
        {
            throw new ConflictException("Seule une annonce en attente d'approbation peut être renvoyée à son auteur.");
        }

        announcement.Status = AnnouncementStatus.Draft;
        announcement.ReviewComment = text;
        announcement.ReviewedBy = unit.Actor;
        unit.Audit("announcement.sent-back", id, text);
        await unit.CommitAsync(ct);
    }

    /// <summary>Puts an announcement that left the screens (withdrawn, expired) back on a group, now and until withdrawn.</summary>
    public async Task RepublishAsync(Guid id, Guid groupId, CancellationToken ct = default)
    {
        var announcement = await FindAsync(id, ct);
        await RefuseAlertAsync(announcement, ct);
        if (announcement.Status is not (AnnouncementStatus.Published or AnnouncementStatus.Rendering))
        {
            throw new ConflictException(announcement.Status == AnnouncementStatus.Archived
                ? "Une annonce archivée ne repasse plus : dupliquez-la."
                : "Un brouillon passe par l'approbation avant d'être publié.");
        }

        var errors = new Dictionary<string, string[]>();
        await CheckGroupAsync(groupId, errors, ct);
        if (errors.Count == 0)
        {
            var targets = (await db.TargetsOfAnnouncementAsync(id, ct)).Append(new Target(TargetKind.Group, groupId)).ToList();
            await CheckContentAsync(Fields(announcement), await inputs.MinimumsForTargetsAsync(targets, ct), errors, ct);
        }

        ValidationException.ThrowIfAny(errors);
        Schedule(announcement, groupId);
        unit.Audit("announcement.republished", id, announcement.Title);
        unit.AffectsAnnouncement(id);
        // The new group's screens may need larger text: drawn again if so, reused otherwise.
        QueueRender(id);
        await unit.CommitAsync(ct);
    }

    /// <summary>Ends the announcement's entries now (those still to come are removed); returns how many there were.</summary>
    async Task<int> EndEntriesAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entries = await db.ScheduleEntries.Include(e => e.Targets)
            .Where(e => e.AnnouncementId == id && (e.Until == null || e.Until > now)).ToListAsync(ct);
        foreach (var entry in entries)
        {
            if (entry.From > now)
            {
                db.ScheduleEntries.Remove(entry);
            }
            else
            {
                entry.Until = now;
            }

            unit.Affects(entry.TargetList());
        }

        return entries.Count;
    }

    /// <summary>Alerts are announcements too, but raised and ended from the alerts page only.</summary>
    async Task RefuseAlertAsync(Announcement announcement, CancellationToken ct)
    {
        if (await db.ScheduleEntries.AnyAsync(e => e.AnnouncementId == announcement.Id && e.Tier == Tier.Alert, ct))
        {
            throw new ConflictException("C'est une alerte : elle se termine depuis la page Alertes.");
        }
    }

    /// <summary>« le groupe Accueil mairie », « l'écran Hall », in order.</summary>
    internal async Task<List<string>> TargetNamesAsync(IEnumerable<Target> targets, CancellationToken ct)
    {
        var list = targets.Distinct().ToList();
        var ids = list.Select(t => t.Id).ToList();
        var groups = await db.ScreenGroups.AsNoTracking().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var sites = await db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var screens = await db.Screens.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return [.. list.Select(t => t.Kind switch
        {
            TargetKind.Group => groups.TryGetValue(t.Id, out var g) ? $"groupe {g}" : null,
            TargetKind.Site => sites.TryGetValue(t.Id, out var s) ? $"site {s}" : null,
            _ => screens.TryGetValue(t.Id, out var e) ? $"écran {e}" : null,
        }).OfType<string>().Distinct().Order()];
    }

    /// <summary>The verdicts of new fields for an existing announcement, for the screens its entries target.</summary>
    public async Task<SlideVerdicts> VerdictsAsync(Guid id, SlideFields fields, CancellationToken ct = default) =>
        await VerdictsAsync(fields, await db.TargetsOfAnnouncementAsync(id, ct), ct);

    /// <summary>
    /// Checks the slide as publication would, without saving anything: the field errors, and for each resolution
    /// whether it fits, its text size and contrast, for the screens <paramref name="targets"/> reach (the default
    /// screen when none).
    /// </summary>
    public async Task<SlideVerdicts> VerdictsAsync(SlideFields fields, IReadOnlyCollection<Target> targets, CancellationToken ct = default)
    {
        var minimums = targets.Count == 0 ? SlideInputs.Minimums([]) : await inputs.MinimumsForTargetsAsync(targets, ct);
        var errors = new Dictionary<string, string[]>();
        var content = await CheckContentAsync(fields with { DurationSeconds = Math.Clamp(fields.DurationSeconds, 1, ScheduleService.MaxDurationSeconds) }, minimums, errors, ct);
        var sizes = new List<SizeVerdict>();
        // Drawn whenever a slide can be laid out at all, so a size where the text does not fit says so beside the others.
        if (content.Title.Length is > 0 and <= Announcement.MaxTitleLength && content.Body.Length <= Announcement.MaxBodyLength
            && Templates.Find(content.Template!) is not null && Enum.IsDefined(content.Category))
        {
            var theme = await inputs.ThemeAsync(ct);
            using var logo = theme.Logo;
            using var image = await inputs.ImageAsync(content.ImageSha256, ct);
            var slide = new AnnouncementSlide(content.Title, content.Body, content.Template!, content.Category, content.Link, image, theme);
            foreach (var size in RenderSizes.All)
            {
                try
                {
                    var check = renderer.Check(slide, size, minimums[size]);
                    sizes.Add(new SizeVerdict(size.Width, size.Height, null, check.BodyPixels, minimums[size], check.WorstContrast));
                }
                catch (SlideRefusedException e)
                {
                    sizes.Add(new SizeVerdict(size.Width, size.Height, e.Message, null, minimums[size], null));
                }
            }
        }

        var needed = ReadingTime.MinimumSeconds(string.Join(' ', content.Title, content.Body));
        return new SlideVerdicts(sizes, fields.DurationSeconds, needed, errors);
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
        // A scoped person reads only the targets on their sites: other sites' groups are not named.
        var shown = (await scope.WithinAsync(entries, e => e.TargetList(), ct)).ToHashSet();
        var groupIds = shown.SelectMany(e => e.Targets).Where(t => t.Kind == TargetKind.Group).Select(t => t.TargetId).Distinct().ToList();
        var groups = await db.ScreenGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var now = clock.GetUtcNow();
        return [.. recent.Select(a =>
        {
            var own = entries.Where(e => e.AnnouncementId == a.Id).ToList();
            var targets = own.Where(shown.Contains).SelectMany(e => e.Targets).Where(t => t.Kind == TargetKind.Group && groups.ContainsKey(t.TargetId)).Select(t => groups[t.TargetId]).Distinct().Order();
            return new AnnouncementSummary(a.Id, a.Title, string.Join(", ", targets), a.Audience, a.CreatedAt, a.Status, ContentStatuses.Of(a.Status, own, now), a.LastRenderError);
        })];
    }
}
