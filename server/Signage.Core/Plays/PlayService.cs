using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Hub;
using Signage.Core.Accounts;
using Signage.Core.Audit;
using Signage.Core.Data;

namespace Signage.Core.Plays;

/// <summary>Calendar days in Europe/Paris, both ends included, and optionally one site.</summary>
public sealed record PlayQuery(DateOnly? From, DateOnly? Until, Guid? SiteId = null);

/// <summary>Plays of one announcement on one screen on one Paris day, and the time they were on screen.</summary>
public sealed record PlayRow(DateOnly Day, Guid SiteId, string? SiteName, Guid ScreenId, string? ScreenName, Guid ContentId, string? Title, int Plays, double Seconds);

/// <summary>A total of plays and seconds on screen, for one announcement, screen or day.</summary>
public sealed record PlayCount(string Key, string Label, int Plays, double Seconds);

public sealed record PlayReport(IReadOnlyList<PlayRow> Rows)
{
    public int Plays => Rows.Sum(r => r.Plays);

    public double Seconds => Rows.Sum(r => r.Seconds);

    public IReadOnlyList<PlayCount> ByAnnouncement => Totals(r => r.ContentId.ToString(), r => r.Title ?? "Annonce supprimée");

    public IReadOnlyList<PlayCount> ByScreen => Totals(r => r.ScreenId.ToString(), r => r.ScreenName ?? "Écran supprimé");

    public IReadOnlyList<PlayCount> ByDay => [.. Totals(r => r.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r => r.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).OrderBy(c => c.Key, StringComparer.Ordinal)];

    IReadOnlyList<PlayCount> Totals(Func<PlayRow, string> key, Func<PlayRow, string> label) =>
    [
        .. Rows.GroupBy(key).Select(g => new PlayCount(g.Key, label(g.First()), g.Sum(r => r.Plays), g.Sum(r => r.Seconds)))
            .OrderByDescending(c => c.Plays).ThenBy(c => c.Label, StringComparer.Ordinal),
    ];
}

/// <summary>Proof of play: stores the plays players report, and counts them per announcement, screen and day.</summary>
public sealed class PlayService(SignageDb db, SiteScope scope, TimeProvider clock)
{
    /// <summary>The longest report: a year and a day.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// Stores a batch reported by <paramref name="screenId"/>'s player (on site <paramref name="siteId"/>); returns how
    /// many plays were new. The whole batch is refused, nothing stored, when any play is null, another screen's, ends
    /// before it starts or lasts longer than <see cref="PlayRecord.MaxDuration"/>.
    /// </summary>
    public async Task<int> RecordAsync(Guid screenId, Guid siteId, IReadOnlyList<PlayRecord?>? plays, CancellationToken ct = default)
    {
        Validate(screenId, plays);
        var batch = plays!.Select(p => p!).DistinctBy(p => p.Id).ToList();
        if (batch.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        Guid[] ids = [.. batch.Select(p => p.Id)];
        Guid[] items = [.. batch.Select(p => p.ItemId)];
        Guid[] contents = [.. batch.Select(p => p.ContentId)];
        long[] versions = [.. batch.Select(p => p.ManifestVersion)];
        DateTimeOffset[] starts = [.. batch.Select(p => p.StartedAt.ToUniversalTime())];
        DateTimeOffset[] ends = [.. batch.Select(p => p.EndedAt.ToUniversalTime())];
        // One statement; a play already stored (a batch sent again after a lost answer) is skipped by its key.
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO signage."Plays" ("Id", "ScreenId", "SiteId", "ItemId", "ContentId", "ManifestVersion", "StartedAt", "EndedAt", "ReceivedAt")
            SELECT p.id, {screenId}, {siteId}, p.item, p.content, p.version, p.started, p.ended, {now.ToUniversalTime()}
            FROM unnest({ids}, {items}, {contents}, {versions}, {starts}, {ends}) AS p(id, item, content, version, started, ended)
            ON CONFLICT ("Id") DO NOTHING
            """, ct);
    }

    /// <summary>The plays the query selects, within the actor's sites.</summary>
    public async Task<PlayReport> ReportAsync(PlayQuery query, CancellationToken ct = default)
    {
        await ValidateAsync(query, ct);
        var start = AuditLog.StartOfDay(query.From!.Value);
        var end = AuditLog.StartOfDay(query.Until!.Value.AddDays(1));
        Guid[] sites = query.SiteId is { } one ? [one] : [.. scope.Sites ?? new HashSet<Guid>()];
        var every = query.SiteId is null && scope.Sites is null;
        var rows = await db.Database.SqlQuery<PlayRow>($"""
            SELECT (p."StartedAt" AT TIME ZONE 'Europe/Paris')::date AS "Day", p."SiteId", si."Name" AS "SiteName",
                   p."ScreenId", s."Name" AS "ScreenName", p."ContentId", a."Title",
                   count(*)::int AS "Plays", sum(extract(epoch FROM p."EndedAt" - p."StartedAt"))::float8 AS "Seconds"
            FROM signage."Plays" p
            LEFT JOIN signage."Screens" s ON s."Id" = p."ScreenId"
            LEFT JOIN signage."Sites" si ON si."Id" = p."SiteId"
            LEFT JOIN signage."Announcements" a ON a."Id" = p."ContentId"
            WHERE p."StartedAt" >= {start} AND p."StartedAt" < {end} AND ({every} OR p."SiteId" = ANY({sites}))
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            ORDER BY 1, 3, 5, 7
            """).ToListAsync(ct);
        return new PlayReport(rows);
    }

    /// <summary>Refuses a query the report cannot answer, or a site outside the actor's (before an export starts).</summary>
    public async Task ValidateAsync(PlayQuery query, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.From is null)
        {
            errors["from"] = ["La date de début est obligatoire."];
        }

        if (query.Until is null)
        {
            errors["until"] = ["La date de fin est obligatoire."];
        }
        else if (query.From is { } from && query.Until < from)
        {
            errors["until"] = ["La date de fin précède la date de début."];
        }
        else if (query.From is { } first && query.Until.Value.DayNumber - first.DayNumber >= MaxDays)
        {
            errors["until"] = [$"Une période compte au plus {MaxDays} jours."];
        }

        if (query.SiteId is { } site && !await db.Sites.AnyAsync(s => s.Id == site, ct))
        {
            errors["siteId"] = ["Ce site n'existe pas."];
        }

        ValidationException.ThrowIfAny(errors);
        if (query.SiteId is { } chosen)
        {
            await scope.EnsureSiteAsync(chosen, ct);
        }
    }

    static void Validate(Guid screenId, IReadOnlyList<PlayRecord?>? plays)
    {
        if (plays is null)
        {
            throw new ValidationException("plays", "La liste des diffusions est obligatoire.");
        }

        if (plays.Count > PlayRecord.MaxBatch)
        {
            throw new ValidationException("plays", $"Un envoi compte au plus {PlayRecord.MaxBatch} diffusions.");
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < plays.Count; i++)
        {
            var message = plays[i] switch
            {
                null => "Diffusion absente.",
                { Id: var id } when id == Guid.Empty => "L'identifiant de la diffusion est obligatoire.",
                { ScreenId: var screen } when screen != screenId => "Un écran ne déclare que ses propres diffusions.",
                { StartedAt: var s, EndedAt: var e } when e <= s => "La fin précède le début.",
                { StartedAt: var s, EndedAt: var e } when e - s > PlayRecord.MaxDuration => "Une diffusion dure au plus un jour.",
                _ => null,
            };
            if (message is not null)
            {
                errors[$"plays[{i}]"] = [message];
            }
        }

        ValidationException.ThrowIfAny(errors);
    }
}
