using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Writes;

namespace Signage.Core.Sites;

/// <summary>Sites: their time zone, opening hours, holiday calendar and exceptional closures, which make their screens' power plan.</summary>
public sealed class SiteService(SignageDb db, WriteUnit unit, CurrentActor actor, TimeProvider clock)
{
    public const string DefaultSiteName = "Site principal";

    /// <summary>Creates a site, or returns the one of that name.</summary>
    public async Task<Site> CreateSiteAsync(string name, string timeZone, CancellationToken ct = default)
    {
        var site = await AddSiteAsync(name, timeZone, ct);
        await unit.CommitAsync(ct);
        return site;
    }

    /// <summary>The site screens join when none is chosen, added to the unit (not committed) when it does not exist yet.</summary>
    internal Task<Site> DefaultSiteAsync(CancellationToken ct) => AddSiteAsync(DefaultSiteName, Site.DefaultTimeZone, ct);

    async Task<Site> AddSiteAsync(string name, string timeZone, CancellationToken ct)
    {
        var trimmed = name?.Trim() ?? "";
        if (Names.Problem(trimmed, Site.MaxNameLength) is { } problem)
        {
            throw new ValidationException("name", problem);
        }

        if (!TimeZones.Exists(timeZone))
        {
            throw new ValidationException("timeZone", $"« {timeZone} » n'est pas un fuseau horaire IANA connu (par exemple Europe/Paris, America/Cayenne).");
        }

        var existing = await db.Sites.FirstOrDefaultAsync(s => s.Name == trimmed, ct);
        if (existing is not null)
        {
            return existing;
        }

        var site = new Site { Id = Guid.NewGuid(), Name = trimmed, TimeZone = timeZone, Holidays = FrenchPublicHolidays.DefaultFor(timeZone) };
        db.Sites.Add(site);
        unit.Audit("site.created", site.Id, $"{trimmed} ({timeZone})");
        return site;
    }

    /// <summary>Renames a site and sets its time zone; its screens read every local time in the new zone at once.</summary>
    public async Task<Site> UpdateSiteAsync(Guid siteId, string name, string timeZone, CancellationToken ct = default)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new NotFoundException("Ce site n'existe pas.");
        var trimmed = name?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (Names.Problem(trimmed, Site.MaxNameLength) is { } problem)
        {
            errors["name"] = [problem];
        }
        else if (await db.Sites.AnyAsync(s => s.Name == trimmed && s.Id != siteId, ct))
        {
            errors["name"] = [$"Un autre site s'appelle déjà « {trimmed} »."];
        }

        if (!TimeZones.Exists(timeZone))
        {
            errors["timeZone"] = [$"« {timeZone} » n'est pas un fuseau horaire IANA connu (par exemple Europe/Paris, America/Cayenne)."];
        }

        ValidationException.ThrowIfAny(errors);
        unit.Audit("site.updated", siteId, $"{site.Name} ({site.TimeZone}) -> {trimmed} ({timeZone})");
        (site.Name, site.TimeZone) = (trimmed, timeZone);
        unit.Affects(new Target(TargetKind.Site, siteId));
        await unit.CommitAsync(ct);
        return site;
    }

    /// <summary>Deletes a site and its closures; refused, with the reason, while screens belong to it or content is aimed at it.</summary>
    public async Task DeleteSiteAsync(Guid siteId, CancellationToken ct = default)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new NotFoundException("Ce site n'existe pas.");
        var screens = await db.Screens.AsNoTracking().Where(s => s.SiteId == siteId).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        if (screens.Count > 0)
        {
            throw new ConflictException($"« {site.Name} » a encore {Plural(screens.Count, "écran")} ({string.Join(", ", screens)}) : déplacez-les vers un autre site avant de le supprimer.");
        }

        var entries = await db.ScheduleTargets.CountAsync(t => t.Kind == TargetKind.Site && t.TargetId == siteId, ct);
        var target = new Target(TargetKind.Site, siteId);
        var lines = (await db.TickerMessages.AsNoTracking().Select(m => m.Targets).ToListAsync(ct)).Count(t => t.Contains(target));
        if (entries + lines > 0)
        {
            throw new ConflictException($"« {site.Name} » est visé par {Plural(entries, "programmation")} et {Plural(lines, "ligne")} du bandeau : supprimez-les d'abord.");
        }

        db.Sites.Remove(site);
        unit.Audit("site.deleted", siteId, $"{site.Name} ({site.TimeZone})");
        await unit.CommitAsync(ct);
    }

    static string Plural(int count, string noun) => $"{count} {noun}{(count > 1 ? "s" : "")}";

    /// <summary>
    /// Replaces a site's opening hours and holiday rule (<paramref name="calendar"/> null keeps the site's calendar);
    /// its screens get the new power plan at once.
    /// </summary>
    public async Task SetOpeningHoursAsync(Guid siteId, IReadOnlyList<OpeningHours> hours, bool closedOnPublicHolidays, HolidayCalendar? calendar, CancellationToken ct = default)
    {
        if (calendar is { } chosen && !Enum.IsDefined(chosen))
        {
            throw new ValidationException("holidays", $"Ce calendrier de jours fériés n'existe pas ({FrenchPublicHolidays.AcceptedNames}).");
        }

        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new NotFoundException("Ce site n'existe pas.");
        // Checked first: the messages below name the day.
        if (hours.FirstOrDefault(h => !Enum.IsDefined(h.Day)) is { } undefined)
        {
            throw new ValidationException("hours", $"Le jour {(int)undefined.Day} n'existe pas : les jours vont de 0 (dimanche) à 6 (samedi).");
        }

        var errors = new List<string>();
        foreach (var h in hours.Where(h => h.Close <= h.Open))
        {
            errors.Add($"{DayName(h.Day)} : la fermeture ({h.Close:HH:mm}) doit suivre l'ouverture ({h.Open:HH:mm}).");
        }

        foreach (var day in hours.GroupBy(h => h.Day))
        {
            var sorted = day.OrderBy(h => h.Open).ToList();
            if (sorted.Zip(sorted.Skip(1)).Any(p => p.Second.Open < p.First.Close))
            {
                errors.Add($"{DayName(day.Key)} : deux plages d'ouverture se chevauchent.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["hours"] = [.. errors] });
        }

        site.OpeningHours = [.. hours];
        site.ClosedOnPublicHolidays = closedOnPublicHolidays;
        site.Holidays = calendar ?? site.Holidays;
        unit.Audit("site.hours-set", siteId,
            string.Join("; ", hours.Select(h => $"{h.Day} {h.Open:HH:mm}-{h.Close:HH:mm}")) + (closedOnPublicHolidays ? $"; fériés {site.Holidays}" : "; ouvert les jours fériés"));
        unit.Affects(new Target(TargetKind.Site, siteId));
        await unit.CommitAsync(ct);
    }

    /// <summary>Closes a site for one local day from today on (the site's today); idempotent.</summary>
    public async Task AddClosureAsync(Guid siteId, DateOnly date, string reason, CancellationToken ct = default)
    {
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new NotFoundException("Ce site n'existe pas.");
        var errors = new Dictionary<string, string[]>();
        if (date < SiteToday(site))
        {
            errors["date"] = [$"Le {date:dd/MM/yyyy} est passé : une fermeture se prévoit pour aujourd'hui ou plus tard."];
        }

        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length is 0 or > SiteClosure.MaxReasonLength)
        {
            errors["reason"] = [$"Indiquez le motif de la fermeture ({SiteClosure.MaxReasonLength} caractères au plus)."];
        }

        ValidationException.ThrowIfAny(errors);
        if (await db.SiteClosures.AnyAsync(c => c.SiteId == siteId && c.Date == date, ct))
        {
            return;
        }

        db.SiteClosures.Add(new SiteClosure { SiteId = siteId, Date = date, Reason = trimmed });
        unit.Audit("site.closure-added", siteId, $"{date:yyyy-MM-dd} {trimmed}");
        unit.Affects(new Target(TargetKind.Site, siteId));
        await unit.CommitAsync(ct);
    }

    /// <summary>Reopens a site on a day it was closed; the screens get their power plan back at once.</summary>
    public async Task RemoveClosureAsync(Guid siteId, DateOnly date, CancellationToken ct = default)
    {
        var closure = await db.SiteClosures.FirstOrDefaultAsync(c => c.SiteId == siteId && c.Date == date, ct)
            ?? throw new NotFoundException($"Ce site n'a pas de fermeture le {date:dd/MM/yyyy}.");
        db.SiteClosures.Remove(closure);
        unit.Audit("site.closure-removed", siteId, $"{date:yyyy-MM-dd} {closure.Reason}");
        unit.Affects(new Target(TargetKind.Site, siteId));
        await unit.CommitAsync(ct);
    }

    /// <summary>A site's closures from its today on, in date order.</summary>
    public async Task<List<SiteClosure>> UpcomingClosuresAsync(Guid siteId, CancellationToken ct = default)
    {
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new NotFoundException("Ce site n'existe pas.");
        var today = SiteToday(site);
        return await db.SiteClosures.AsNoTracking().Where(c => c.SiteId == siteId && c.Date >= today).OrderBy(c => c.Date).ToListAsync(ct);
    }

    /// <summary>The sites the acting person may act on, by name.</summary>
    public Task<List<Site>> ListSitesAsync(CancellationToken ct = default)
    {
        var sites = db.Sites.AsNoTracking();
        if (actor.Sites is { } mine)
        {
            var ids = mine.ToList();
            sites = sites.Where(s => ids.Contains(s.Id));
        }

        return sites.OrderBy(s => s.Name).ToListAsync(ct);
    }

    DateOnly SiteToday(Site site) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZones.Find(site.TimeZone)).DateTime);

    static string DayName(DayOfWeek day) => CultureInfo.GetCultureInfo("fr-FR").DateTimeFormat.GetDayName(day);
}
