using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Data;
using Signage.Core.Scheduling;

namespace Signage.Core.Content;

public enum LibrarySort
{
    CreatedAt,
    Title,
    Status,
    Category,
    Author,
}

/// <summary>
/// What the library shows: <paramref name="Search"/> in the title or the text, and each filter when set.
/// Archived announcements appear only when <paramref name="Status"/> asks for them. <paramref name="Page"/> counts from 1.
/// </summary>
public sealed record LibraryQuery(
    string? Search = null,
    ContentStatus? Status = null,
    Category? Category = null,
    Audience? Audience = null,
    string? Author = null,
    Guid? GroupId = null,
    LibrarySort Sort = LibrarySort.CreatedAt,
    bool Descending = true,
    int Page = 1,
    int PageSize = AnnouncementLibrary.DefaultPageSize);

/// <summary>One announcement in the library; <see cref="SlideSha256"/> is its Full HD slide, null until drawn.</summary>
public sealed record LibraryRow(Guid Id, string Title, string Body, Category Category, Audience Audience, string CreatedBy,
    DateTimeOffset CreatedAt, ContentStatus Status, string Targets, string? SlideSha256, string? LastRenderError);

public sealed record LibraryPage(IReadOnlyList<LibraryRow> Rows, int Total, int Page, int PageCount);

/// <summary>A schedule entry of an announcement, its targets named.</summary>
public sealed record EntryDetails(Guid Id, IReadOnlyList<string> Targets, DateTimeOffset? From, DateTimeOffset? Until, Tier Tier, bool Running);

public sealed record AnnouncementDetails(Announcement Announcement, ContentStatus Status, IReadOnlyList<EntryDetails> Entries,
    IReadOnlyList<AnnouncementRendition> Renditions);

/// <summary>The announcements staff look for: searched, filtered, sorted and paged (alerts have their own page).</summary>
public sealed class AnnouncementLibrary(SignageDb db, AnnouncementService announcements, TimeProvider clock)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<LibraryPage> SearchAsync(LibraryQuery query, CancellationToken ct = default)
    {
        var found = Announcements();
        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            var pattern = "%" + search.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            found = found.Where(a => EF.Functions.ILike(a.Title, pattern) || EF.Functions.ILike(a.Body, pattern));
        }

        if (query.Category is { } category)
        {
            found = found.Where(a => a.Category == category);
        }

        if (query.Audience is { } audience)
        {
            found = found.Where(a => a.Audience == audience);
        }

        if (query.Author is { Length: > 0 } author)
        {
            found = found.Where(a => a.CreatedBy == author);
        }

        if (query.GroupId is { } groupId)
        {
            found = found.Where(a => db.ScheduleEntries.Any(e => e.AnnouncementId == a.Id && e.Targets.Any(t => t.Kind == TargetKind.Group && t.TargetId == groupId)));
        }

        found = query.Status == ContentStatus.Archived
            ? found.Where(a => a.Status == AnnouncementStatus.Archived)
            : found.Where(a => a.Status != AnnouncementStatus.Archived);

        // The status depends on the clock and the entries: computed here, on the rows the database filters left.
        var rows = await found.Select(a => new { a.Id, a.Title, a.Body, a.Category, a.Audience, a.CreatedBy, a.CreatedAt, a.Status, a.AssetSha256, a.LastRenderError }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var entries = (await db.ScheduleEntries.AsNoTracking().Include(e => e.Targets).Where(e => ids.Contains(e.AnnouncementId)).ToListAsync(ct))
            .ToLookup(e => e.AnnouncementId);
        var groupIds = entries.SelectMany(e => e).SelectMany(e => e.Targets).Where(t => t.Kind == TargetKind.Group).Select(t => t.TargetId).Distinct().ToList();
        var groups = await db.ScreenGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var now = clock.GetUtcNow();
        var all = rows.Select(a =>
        {
            var own = entries[a.Id].ToList();
            var targets = own.SelectMany(e => e.Targets).Where(t => t.Kind == TargetKind.Group && groups.ContainsKey(t.TargetId)).Select(t => groups[t.TargetId]).Distinct().Order();
            return new LibraryRow(a.Id, a.Title, a.Body, a.Category, a.Audience, a.CreatedBy, a.CreatedAt, ContentStatuses.Of(a.Status, own, now),
                string.Join(", ", targets), a.AssetSha256, a.LastRenderError);
        }).Where(r => query.Status is null || r.Status == query.Status).ToList();

        var sorted = Sort(all, query.Sort, query.Descending).ToList();
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var pageCount = Math.Max(1, (sorted.Count + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        return new LibraryPage([.. sorted.Skip((page - 1) * size).Take(size)], sorted.Count, page, pageCount);
    }

    /// <summary>Everyone who wrote an announcement of the library, for its author filter.</summary>
    public Task<List<string>> AuthorsAsync(CancellationToken ct = default) =>
        Announcements().Select(a => a.CreatedBy).Distinct().OrderBy(a => a).ToListAsync(ct);

    /// <summary>The announcement with its entries and slides; null when it does not exist or is an alert.</summary>
    public async Task<AnnouncementDetails?> DetailsAsync(Guid id, CancellationToken ct = default)
    {
        var announcement = await Announcements().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (announcement is null)
        {
            return null;
        }

        var entries = await db.ScheduleEntries.AsNoTracking().Include(e => e.Targets).Where(e => e.AnnouncementId == id).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        var renditions = await db.Renditions.AsNoTracking().Where(r => r.AnnouncementId == id).OrderBy(r => r.Width).ThenBy(r => r.Height).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var details = new List<EntryDetails>();
        foreach (var entry in entries)
        {
            details.Add(new EntryDetails(entry.Id, await announcements.TargetNamesAsync(entry.TargetList(), ct), entry.From, entry.Until, entry.Tier,
                (entry.From is null || entry.From <= now) && (entry.Until is null || entry.Until > now)));
        }

        return new AnnouncementDetails(announcement, ContentStatuses.Of(announcement.Status, entries, now), details, renditions);
    }

    /// <summary>The drafts and submissions written by <paramref name="author"/>, newest first.</summary>
    public Task<List<Announcement>> DraftsOfAsync(string author, CancellationToken ct = default) =>
        Announcements().Where(a => a.CreatedBy == author && (a.Status == AnnouncementStatus.Draft || a.Status == AnnouncementStatus.Submitted))
            .OrderByDescending(a => a.CreatedAt).ToListAsync(ct);

    /// <summary>What waits for a Publisher, oldest first.</summary>
    public Task<List<Announcement>> SubmittedAsync(CancellationToken ct = default) =>
        Announcements().Where(a => a.Status == AnnouncementStatus.Submitted).OrderBy(a => a.CreatedAt).ToListAsync(ct);

    IQueryable<Announcement> Announcements() =>
        db.Announcements.AsNoTracking().Where(a => !db.ScheduleEntries.Any(e => e.AnnouncementId == a.Id && e.Tier == Tier.Alert));

    static readonly StringComparer French = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), System.Globalization.CompareOptions.IgnoreCase);

    static IEnumerable<LibraryRow> Sort(IEnumerable<LibraryRow> rows, LibrarySort sort, bool descending)
    {
        var ordered = sort switch
        {
            LibrarySort.Title => descending ? rows.OrderByDescending(r => r.Title, French) : rows.OrderBy(r => r.Title, French),
            LibrarySort.Author => descending ? rows.OrderByDescending(r => r.CreatedBy, French) : rows.OrderBy(r => r.CreatedBy, French),
            LibrarySort.Status => descending ? rows.OrderByDescending(r => r.Status) : rows.OrderBy(r => r.Status),
            LibrarySort.Category => descending ? rows.OrderByDescending(r => r.Category) : rows.OrderBy(r => r.Category),
            _ => descending ? rows.OrderByDescending(r => r.CreatedAt) : rows.OrderBy(r => r.CreatedAt),
        };
        return ordered.ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id);
    }
}
