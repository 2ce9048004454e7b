using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Audit;
using Signage.Core.Data;
using Signage.Core.Scheduling;

namespace Signage.Core.Screens;

public sealed record CreatedScreen(Screen Screen, string Token);

public sealed record ScreenSummary(Guid Id, string Name, IReadOnlyList<string> Groups, string Site, string TimeZone, Audience Audience, DateTimeOffset? LastSeenAt, bool Revoked);

/// <summary>A new screen in one group (more can be added); without a site it joins the default site (Europe/Paris).</summary>
public sealed record NewScreen(
    string Name,
    Guid GroupId,
    Guid? SiteId = null,
    Audience Audience = Audience.Public,
    int Width = 1920,
    int Height = 1080,
    bool VisibleFromStreet = false,
    double ViewingDistanceMeters = 3,
    double DiagonalInches = 55);

public sealed class ScreenService(SignageDb db, ManifestService manifests, IScreenNotifier notifier, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    public const double MinViewingDistance = 0.5;
    public const double MaxViewingDistance = 30;
    public const double MinDiagonal = 10;
    public const double MaxDiagonal = 150;

    public async Task<ScreenGroup> CreateGroupAsync(string name, string actor, CancellationToken ct = default)
    {
        var trimmed = RequireName(name);
        var existing = await db.ScreenGroups.FirstOrDefaultAsync(g => g.Name == trimmed, ct);
        if (existing is not null)
        {
            return existing;
        }

        var group = new ScreenGroup { Id = Guid.NewGuid(), Name = trimmed };
        db.ScreenGroups.Add(group);
        db.Audit(clock, actor, "group.created", group.Id, trimmed);
        await db.SaveChangesAsync(ct);
        return group;
    }

    public const string DefaultSiteName = "Site principal";

    public async Task<Site> CreateSiteAsync(string name, string timeZone, string actor, CancellationToken ct = default)
    {
        var trimmed = RequireName(name);
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
        db.Audit(clock, actor, "site.created", site.Id, $"{trimmed} ({timeZone})");
        await db.SaveChangesAsync(ct);
        return site;
    }

    public Task<CreatedScreen> CreateScreenAsync(string name, Guid groupId, string actor, CancellationToken ct = default) =>
        CreateScreenAsync(new NewScreen(name, groupId), actor, ct);

    /// <summary>
    /// Adds a screen and returns its device token, shown once: only its hash is kept. Every field is checked
    /// before anything is saved, and all the problems are reported together.
    /// </summary>
    public async Task<CreatedScreen> CreateScreenAsync(NewScreen request, string actor, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = request.Name?.Trim() ?? "";
        if (NameProblem(trimmed) is { } problem)
        {
            errors["name"] = [problem];
        }

        if (!await db.ScreenGroups.AnyAsync(g => g.Id == request.GroupId, ct))
        {
            errors["groupId"] = ["Ce groupe d'écrans n'existe pas."];
        }

        if (request.Width is < 320 or > 7680 || request.Height is < 320 or > 7680)
        {
            errors["resolution"] = ["La résolution doit être comprise entre 320 et 7680 pixels de côté."];
        }

        if (!Enum.IsDefined(request.Audience))
        {
            errors["audience"] = ["Le public doit être « tout public » (Public) ou « agents » (Staff)."];
        }

        if (!(request.ViewingDistanceMeters is >= MinViewingDistance and <= MaxViewingDistance))
        {
            errors["viewingDistanceMeters"] = [$"La distance de lecture doit être comprise entre {MinViewingDistance:0.#} et {MaxViewingDistance:0} mètres."];
        }

        if (!(request.DiagonalInches is >= MinDiagonal and <= MaxDiagonal))
        {
            errors["diagonalInches"] = [$"La diagonale doit être comprise entre {MinDiagonal:0} et {MaxDiagonal:0} pouces."];
        }

        if (request.SiteId is { } wanted && !await db.Sites.AnyAsync(s => s.Id == wanted, ct))
        {
            errors["siteId"] = ["Ce site n'existe pas."];
        }

        ValidationException.ThrowIfAny(errors);
        var siteId = request.SiteId ?? (await CreateSiteAsync(DefaultSiteName, Site.DefaultTimeZone, actor, ct)).Id;
        var token = DeviceToken.New();
        var screen = new Screen
        {
            Id = Guid.NewGuid(),
            Name = trimmed,
            GroupIds = [request.GroupId],
            SiteId = siteId,
            Audience = request.Audience,
            Width = request.Width,
            Height = request.Height,
            VisibleFromStreet = request.VisibleFromStreet,
            ViewingDistanceMeters = request.ViewingDistanceMeters,
            DiagonalInches = request.DiagonalInches,
            TokenHash = DeviceToken.Hash(token),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Screens.Add(screen);
        db.Audit(clock, actor, "screen.created", screen.Id,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{trimmed} ({screen.Width}×{screen.Height}, {screen.Audience}, {screen.ViewingDistanceMeters} m, {screen.DiagonalInches}\")"));
        await db.SaveChangesAsync(ct);
        return new CreatedScreen(screen, token);
    }

    public async Task<bool> RevokeTokenAsync(Guid screenId, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var changed = await db.Screens
            .Where(s => s.Id == screenId && s.TokenRevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TokenRevokedAt, now), ct);
        if (changed == 0)
        {
            return false;
        }

        db.Audit(clock, actor, "screen.token-revoked", screenId, null);
        await db.SaveChangesAsync(ct);
        await notifier.DisconnectAsync(screenId, ct);
        return true;
    }

    /// <summary>The screen a device token belongs to, or null for an unknown or revoked token.</summary>
    public Task<Screen?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        var hash = DeviceToken.Hash(token);
        return db.Screens.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash && s.TokenRevokedAt == null, ct);
    }

    public async Task<List<ScreenSummary>> ListScreensAsync(CancellationToken ct = default)
    {
        var groups = await db.ScreenGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var screens = await db.Screens.AsNoTracking().Include(s => s.Site).OrderBy(s => s.Name).ToListAsync(ct);
        return [.. screens.Select(s => new ScreenSummary(
            s.Id, s.Name, [.. s.GroupIds.Where(groups.ContainsKey).Select(g => groups[g]).Order()], s.Site!.Name, s.Site.TimeZone, s.Audience, s.LastSeenAt, s.TokenRevokedAt != null))];
    }

    /// <summary>
    /// Sets the groups of a screen (at least one); its manifest is rebuilt at once, so content of
    /// a group it left disappears and content of a group it joined appears.
    /// </summary>
    public async Task SetGroupsAsync(Guid screenId, IReadOnlyCollection<Guid> groupIds, string actor, CancellationToken ct = default)
    {
        var screen = await db.Screens.FirstOrDefaultAsync(s => s.Id == screenId, ct)
            ?? throw new ValidationException("screenId", "Cet écran n'existe pas.");
        var wanted = groupIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            throw new ValidationException("groupIds", "Un écran appartient au moins à un groupe.");
        }

        if (await db.ScreenGroups.CountAsync(g => wanted.Contains(g.Id), ct) != wanted.Count)
        {
            throw new ValidationException("groupIds", "Un des groupes n'existe pas.");
        }

        screen.GroupIds = wanted;
        db.Audit(clock, actor, "screen.groups-set", screenId, string.Join(",", wanted));
        await db.SaveChangesAsync(ct);
        await manifests.RefreshScreensAsync([screenId], ct);
    }

    /// <summary>
    /// Replaces a site's opening hours and holiday rule (<paramref name="calendar"/> null keeps the site's calendar);
    /// its screens get the new power plan at once.
    /// </summary>
    public async Task SetOpeningHoursAsync(Guid siteId, IReadOnlyList<OpeningHours> hours, bool closedOnPublicHolidays, HolidayCalendar? calendar, string actor, CancellationToken ct = default)
    {
        if (calendar is { } chosen && !Enum.IsDefined(chosen))
        {
            throw new ValidationException("holidays", $"Ce calendrier de jours fériés n'existe pas ({FrenchPublicHolidays.AcceptedNames}).");
        }

        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new ValidationException("siteId", "Ce site n'existe pas.");
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
        db.Audit(clock, actor, "site.hours-set", siteId,
            string.Join("; ", hours.Select(h => $"{h.Day} {h.Open:HH:mm}-{h.Close:HH:mm}")) + (closedOnPublicHolidays ? $"; fériés {site.Holidays}" : "; ouvert les jours fériés"));
        await db.SaveChangesAsync(ct);
        await RefreshSiteAsync(siteId, ct);
    }

    /// <summary>Closes a site for one local day from today on (the site's today); idempotent.</summary>
    public async Task AddClosureAsync(Guid siteId, DateOnly date, string reason, string actor, CancellationToken ct = default)
    {
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new ValidationException("siteId", "Ce site n'existe pas.");
        var errors = new Dictionary<string, string[]>();
        if (date < SiteToday(site))
        {
            errors["date"] = [$"Le {date:dd/MM/yyyy} est passé : une fermeture se prévoit pour aujourd'hui ou plus tard."];
        }

        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length is 0 or > 200)
        {
            errors["reason"] = ["Indiquez le motif de la fermeture (200 caractères au plus)."];
        }

        ValidationException.ThrowIfAny(errors);
        if (await db.SiteClosures.AnyAsync(c => c.SiteId == siteId && c.Date == date, ct))
        {
            return;
        }

        db.SiteClosures.Add(new SiteClosure { SiteId = siteId, Date = date, Reason = trimmed });
        db.Audit(clock, actor, "site.closure-added", siteId, $"{date:yyyy-MM-dd} {trimmed}");
        await db.SaveChangesAsync(ct);
        await RefreshSiteAsync(siteId, ct);
    }

    /// <summary>Reopens a site on a day it was closed; the screens get their power plan back at once.</summary>
    public async Task RemoveClosureAsync(Guid siteId, DateOnly date, string actor, CancellationToken ct = default)
    {
        var closure = await db.SiteClosures.FirstOrDefaultAsync(c => c.SiteId == siteId && c.Date == date, ct)
            ?? throw new ValidationException("date", $"Ce site n'a pas de fermeture le {date:dd/MM/yyyy}.");
        db.SiteClosures.Remove(closure);
        db.Audit(clock, actor, "site.closure-removed", siteId, $"{date:yyyy-MM-dd} {closure.Reason}");
        await db.SaveChangesAsync(ct);
        await RefreshSiteAsync(siteId, ct);
    }

    /// <summary>A site's closures from its today on, in date order.</summary>
    public async Task<List<SiteClosure>> UpcomingClosuresAsync(Guid siteId, CancellationToken ct = default)
    {
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new ValidationException("siteId", "Ce site n'existe pas.");
        var today = SiteToday(site);
        return await db.SiteClosures.AsNoTracking().Where(c => c.SiteId == siteId && c.Date >= today).OrderBy(c => c.Date).ToListAsync(ct);
    }

    DateOnly SiteToday(Site site) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZones.Find(site.TimeZone)).DateTime);

    static string DayName(DayOfWeek day) => System.Globalization.CultureInfo.GetCultureInfo("fr-FR").DateTimeFormat.GetDayName(day);

    async Task RefreshSiteAsync(Guid siteId, CancellationToken ct) =>
        await manifests.RefreshScreensAsync(await db.Screens.Where(s => s.SiteId == siteId).Select(s => s.Id).ToListAsync(ct), ct);

    public Task<List<Site>> ListSitesAsync(CancellationToken ct = default) =>
        db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);

    public Task<List<ScreenGroup>> ListGroupsAsync(CancellationToken ct = default) =>
        db.ScreenGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct);

    static string RequireName(string name)
    {
        var trimmed = name?.Trim() ?? "";
        return NameProblem(trimmed) is { } problem ? throw new ValidationException("name", problem) : trimmed;
    }

    static string? NameProblem(string trimmed) =>
        trimmed.Length == 0 || trimmed.Length > MaxNameLength ? $"Le nom est obligatoire ({MaxNameLength} caractères au plus)." : null;
}
