using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Sites;
using Signage.Core.Writes;

namespace Signage.Core.Screens;

public sealed record CreatedScreen(Screen Screen, string Token);

public sealed record ScreenSummary(Guid Id, string Name, IReadOnlyList<string> Groups, string Site, string TimeZone, Audience Audience, DateTimeOffset? LastSeenAt, bool Revoked,
    Guid SiteId, IReadOnlyList<Guid> GroupIds, bool VisibleFromStreet);

/// <summary>What an Administrator changes on a screen; <c>GroupIds</c> null keeps its groups.</summary>
public sealed record ScreenChange(string Name, Guid SiteId, Audience Audience, bool VisibleFromStreet, IReadOnlyList<Guid>? GroupIds = null);

public sealed record GroupSummary(Guid Id, string Name, int Screens);

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

public sealed class ScreenService(SignageDb db, WriteUnit unit, SiteService sites, SiteScope scope, TimeProvider clock)
{
    public const double MinViewingDistance = 0.5;
    public const double MaxViewingDistance = 30;
    public const double MinDiagonal = 10;
    public const double MaxDiagonal = 150;

    /// <summary>The group of that name, created if there is none (the command line's <c>screens create --group</c>).</summary>
    public async Task<ScreenGroup> CreateGroupAsync(string name, CancellationToken ct = default)
    {
        var trimmed = RequireName(name);
        return await db.ScreenGroups.FirstOrDefaultAsync(g => g.Name == trimmed, ct) ?? await AddGroupAsync(trimmed, ct);
    }

    /// <summary>A new group; a name already taken (whatever its case) is refused, as the console expects.</summary>
    public async Task<ScreenGroup> AddGroupAsync(string name, CancellationToken ct = default)
    {
        var trimmed = RequireName(name);
        await RefuseTakenGroupNameAsync(trimmed, null, ct);
        var group = new ScreenGroup { Id = Guid.NewGuid(), Name = trimmed };
        db.ScreenGroups.Add(group);
        unit.Audit("group.created", group.Id, trimmed);
        await unit.CommitAsync(ct);
        return group;
    }

    /// <summary>Renames a group; what plays on its screens does not change.</summary>
    public async Task<ScreenGroup> RenameGroupAsync(Guid groupId, string name, CancellationToken ct = default)
    {
        var group = await db.ScreenGroups.FirstOrDefaultAsync(g => g.Id == groupId, ct)
            ?? throw new NotFoundException("Ce groupe d'écrans n'existe pas.");
        var trimmed = RequireName(name);
        await RefuseTakenGroupNameAsync(trimmed, groupId, ct);
        unit.Audit("group.renamed", groupId, $"{group.Name} → {trimmed}");
        group.Name = trimmed;
        await unit.CommitAsync(ct);
        return group;
    }

    /// <summary>Refused (409) while a screen belongs to the group or content is aimed at it, naming them.</summary>
    public async Task DeleteGroupAsync(Guid groupId, CancellationToken ct = default)
    {
        var group = await db.ScreenGroups.FirstOrDefaultAsync(g => g.Id == groupId, ct)
            ?? throw new NotFoundException("Ce groupe d'écrans n'existe pas.");
        var members = await db.Screens.AsNoTracking().Where(s => s.GroupIds.Contains(groupId)).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        if (members.Count > 0)
        {
            throw new ConflictException($"« {group.Name} » contient encore {Plural(members.Count, "écran")} ({string.Join(", ", members)}) : retirez-les du groupe avant de le supprimer.");
        }

        var titles = await db.ScheduleEntries.AsNoTracking()
            .Where(e => e.Targets.Any(t => t.Kind == TargetKind.Group && t.TargetId == groupId))
            .Select(e => e.Announcement!.Title).Distinct().OrderBy(t => t).ToListAsync(ct);
        var target = new Target(TargetKind.Group, groupId);
        var lines = (await db.TickerMessages.AsNoTracking().Select(m => m.Targets).ToListAsync(ct)).Count(t => t.Contains(target));
        if (titles.Count + lines > 0)
        {
            var where = string.Join(" et ", new[]
            {
                titles.Count > 0 ? $"la programmation de {string.Join(", ", titles.Select(t => $"« {t} »"))}" : null,
                lines > 0 ? $"{Plural(lines, "ligne")} du bandeau" : null,
            }.OfType<string>());
            throw new ConflictException($"« {group.Name} » est visé par {where} : supprimez-les ou changez leur cible d'abord.");
        }

        db.ScreenGroups.Remove(group);
        unit.Audit("group.deleted", groupId, group.Name);
        await unit.CommitAsync(ct);
    }

    /// <summary>The groups the caller may see (<see cref="ListGroupsAsync"/>), with how many screens each holds.</summary>
    public async Task<List<GroupSummary>> ListGroupSummariesAsync(CancellationToken ct = default)
    {
        var groups = await ListGroupsAsync(ct);
        var memberships = await db.Screens.AsNoTracking().Select(s => s.GroupIds).ToListAsync(ct);
        return [.. groups.Select(g => new GroupSummary(g.Id, g.Name, memberships.Count(m => m.Contains(g.Id))))];
    }

    async Task RefuseTakenGroupNameAsync(string name, Guid? except, CancellationToken ct)
    {
        // A few dozen groups at most: compared here, where the comparison ignores case the way people read names.
        var others = await db.ScreenGroups.Where(g => g.Id != except).Select(g => g.Name).ToListAsync(ct);
        if (others.Any(n => string.Equals(n, name, StringComparison.InvariantCultureIgnoreCase)))
        {
            throw new ConflictException($"Un groupe s'appelle déjà « {name} » : choisissez un autre nom.");
        }
    }

    static string Plural(int count, string noun) => $"{count} {noun}{(count > 1 ? "s" : "")}";

    public Task<CreatedScreen> CreateScreenAsync(string name, Guid groupId, CancellationToken ct = default) =>
        CreateScreenAsync(new NewScreen(name, groupId), ct);

    /// <summary>
    /// Adds a screen and returns its device token, shown once: only its hash is kept. Every field is checked
    /// before anything is saved, and all the problems are reported together.
    /// </summary>
    public async Task<CreatedScreen> CreateScreenAsync(NewScreen request, CancellationToken ct = default)
    {
        var created = await StageScreenAsync(request, [request.GroupId], ct);
        await unit.CommitAsync(ct);
        return created;
    }

    /// <summary>
    /// Checks a new screen in these groups and adds it to the unit, with a new device token, without committing: the
    /// caller commits it with its own changes (pairing marks its code used in the same transaction).
    /// </summary>
    internal async Task<CreatedScreen> StageScreenAsync(NewScreen request, IReadOnlyCollection<Guid> groupIds, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = request.Name?.Trim() ?? "";
        if (Names.Problem(trimmed, Screen.MaxNameLength) is { } problem)
        {
            errors["name"] = [problem];
        }

        var groups = groupIds.Distinct().ToList();
        if (groups.Count == 0)
        {
            errors["groupId"] = ["Un écran appartient au moins à un groupe."];
        }
        else if (await db.ScreenGroups.CountAsync(g => groups.Contains(g.Id), ct) != groups.Count)
        {
            errors["groupId"] = [groups.Count == 1 ? "Ce groupe d'écrans n'existe pas." : "Un des groupes n'existe pas."];
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
        var siteId = request.SiteId ?? (await sites.DefaultSiteAsync(ct)).Id;
        var token = DeviceToken.New();
        var screen = new Screen
        {
            Id = Guid.NewGuid(),
            Name = trimmed,
            GroupIds = groups,
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
        unit.Audit("screen.created", screen.Id,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{trimmed} ({screen.Width}×{screen.Height}, {screen.Audience}, {screen.ViewingDistanceMeters} m, {screen.DiagonalInches}\")"));
        unit.Affects(new Target(TargetKind.Screen, screen.Id));
        return new CreatedScreen(screen, token);
    }

    /// <summary>
    /// Gives the screen a new device token (for a new device, or after a theft) and returns it, shown once: the old
    /// token stops working at the commit and its live connections are cut.
    /// </summary>
    public async Task<string> ReplaceTokenAsync(Guid screenId, CancellationToken ct = default)
    {
        var token = await StageTokenReplacementAsync(screenId, null, ct);
        await unit.CommitAsync(ct);
        return token;
    }

    /// <summary>
    /// Adds the replacement of the screen's token to the unit without committing; with <paramref name="resolution"/>,
    /// the screen takes the new device's resolution too.
    /// </summary>
    internal async Task<string> StageTokenReplacementAsync(Guid screenId, (int Width, int Height)? resolution, CancellationToken ct)
    {
        var screen = await db.Screens.FirstOrDefaultAsync(s => s.Id == screenId, ct)
            ?? throw new ValidationException("screenId", "Cet écran n'existe pas.");
        var token = DeviceToken.New();
        screen.TokenHash = DeviceToken.Hash(token);
        screen.TokenRevokedAt = null;
        if (resolution is var (width, height))
        {
            screen.Width = width;
            screen.Height = height;
        }

        unit.Audit("screen.token-replaced", screenId, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{screen.Width}×{screen.Height}"));
        unit.Affects(new Target(TargetKind.Screen, screenId));
        unit.Disconnect(screenId);
        return token;
    }

    /// <summary>Revokes the screen's token and cuts its live connections; false when it has no token to revoke.</summary>
    public async Task<bool> RevokeTokenAsync(Guid screenId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Set-based inside the transaction, so of two concurrent revocations only one finds the token live and audits it.
        var revoked = await unit.CommitAsync(async () =>
        {
            var changed = await db.Screens
                .Where(s => s.Id == screenId && s.TokenRevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.TokenRevokedAt, now), ct);
            if (changed > 0)
            {
                unit.Audit("screen.token-revoked", screenId);
                unit.Disconnect(screenId);
            }

            return changed > 0;
        }, ct);
        return revoked;
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
        return [.. screens.Where(s => scope.Reaches(s.SiteId)).Select(s => new ScreenSummary(
            s.Id, s.Name, [.. s.GroupIds.Where(groups.ContainsKey).Select(g => groups[g]).Order()], s.Site!.Name, s.Site.TimeZone, s.Audience, s.LastSeenAt, s.TokenRevokedAt != null,
            s.SiteId, s.GroupIds, s.VisibleFromStreet))];
    }

    /// <summary>
    /// Sets the groups of a screen (at least one); its manifest is rebuilt at once, so content of
    /// a group it left disappears and content of a group it joined appears.
    /// </summary>
    public async Task SetGroupsAsync(Guid screenId, IReadOnlyCollection<Guid> groupIds, CancellationToken ct = default)
    {
        var screen = await db.Screens.FirstOrDefaultAsync(s => s.Id == screenId, ct)
            ?? throw new NotFoundException("Cet écran n'existe pas.");
        var errors = new Dictionary<string, string[]>();
        await StageGroupsAsync(screen, groupIds, errors, ct);
        ValidationException.ThrowIfAny(errors);
        await unit.CommitAsync(ct);
    }

    /// <summary>
    /// Renames a screen, moves it to another site, sets its audience, street visibility and (when given) its groups, in
    /// one commit: its manifest is rebuilt and pushed at once (a screen made Public loses its Staff content), and its
    /// player reconnects with its new site, groups and street rule for alerts. Every field is checked first.
    /// </summary>
    public async Task UpdateScreenAsync(Guid screenId, ScreenChange change, CancellationToken ct = default)
    {
        var screen = await db.Screens.FirstOrDefaultAsync(s => s.Id == screenId, ct)
            ?? throw new NotFoundException("Cet écran n'existe pas.");
        var errors = new Dictionary<string, string[]>();
        var trimmed = change.Name?.Trim() ?? "";
        if (Names.Problem(trimmed, Screen.MaxNameLength) is { } problem)
        {
            errors["name"] = [problem];
        }

        if (!await db.Sites.AnyAsync(s => s.Id == change.SiteId, ct))
        {
            errors["siteId"] = ["Ce site n'existe pas."];
        }

        if (!Enum.IsDefined(change.Audience))
        {
            errors["audience"] = ["Le public doit être « tout public » (Public) ou « agents » (Staff)."];
        }

        if (change.GroupIds is { } groupIds)
        {
            await StageGroupsAsync(screen, groupIds, errors, ct);
        }

        ValidationException.ThrowIfAny(errors);
        if (screen.SiteId != change.SiteId || screen.Audience != change.Audience || screen.VisibleFromStreet != change.VisibleFromStreet)
        {
            unit.Disconnect(screenId);
        }

        (screen.Name, screen.SiteId, screen.Audience, screen.VisibleFromStreet) = (trimmed, change.SiteId, change.Audience, change.VisibleFromStreet);
        unit.Audit("screen.updated", screenId,
            $"{trimmed}, site {change.SiteId}, {change.Audience}{(change.VisibleFromStreet ? ", visible de la rue" : "")}");
        unit.Affects(new Target(TargetKind.Screen, screenId));
        await unit.CommitAsync(ct);
    }

    /// <summary>The titles of the announcements whose schedule entries aim at this screen alone: deleting it deletes them.</summary>
    public Task<List<string>> EntriesOnlyForScreenAsync(Guid screenId, CancellationToken ct = default) =>
        db.ScheduleEntries.AsNoTracking()
            .Where(e => e.Targets.Count == 1 && e.Targets.Any(t => t.Kind == TargetKind.Screen && t.TargetId == screenId))
            .Select(e => e.Announcement!.Title).OrderBy(t => t).ToListAsync(ct);

    /// <summary>
    /// Deletes a screen and cuts its player. Schedule entries and ticker lines aimed at it alone go with it (nothing
    /// else would ever show them); those aimed at other targets too only lose it.
    /// </summary>
    public async Task DeleteScreenAsync(Guid screenId, CancellationToken ct = default)
    {
        var screen = await db.Screens.FirstOrDefaultAsync(s => s.Id == screenId, ct)
            ?? throw new NotFoundException("Cet écran n'existe pas.");
        var entries = await db.ScheduleEntries.Include(e => e.Targets)
            .Where(e => e.Targets.Any(t => t.Kind == TargetKind.Screen && t.TargetId == screenId)).ToListAsync(ct);
        foreach (var entry in entries)
        {
            if (entry.Targets.Count == 1)
            {
                db.ScheduleEntries.Remove(entry);
                unit.Audit("schedule.deleted", entry.Id, $"{entry.Tier} for announcement {entry.AnnouncementId}, with screen {screen.Name}");
            }
            else
            {
                db.ScheduleTargets.RemoveRange(entry.Targets.Where(t => t.Kind == TargetKind.Screen && t.TargetId == screenId));
            }
        }

        var target = new Target(TargetKind.Screen, screenId);
        foreach (var line in (await db.TickerMessages.ToListAsync(ct)).Where(m => m.Targets.Contains(target)))
        {
            if (line.Targets.Count == 1)
            {
                db.TickerMessages.Remove(line);
                unit.Audit("ticker.deleted", line.Id, line.Text);
            }
            else
            {
                line.Targets = [.. line.Targets.Where(t => t != target)];
            }
        }

        db.Screens.Remove(screen);
        unit.Audit("screen.deleted", screenId, screen.Name);
        unit.Disconnect(screenId);
        await unit.CommitAsync(ct);
    }

    /// <summary>Adds the screen's new groups to the unit, or the reason they are refused to <paramref name="errors"/>.</summary>
    async Task StageGroupsAsync(Screen screen, IReadOnlyCollection<Guid> groupIds, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var wanted = groupIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            errors["groupIds"] = ["Un écran appartient au moins à un groupe."];
            return;
        }

        if (await db.ScreenGroups.CountAsync(g => wanted.Contains(g.Id), ct) != wanted.Count)
        {
            errors["groupIds"] = ["Un des groupes n'existe pas."];
            return;
        }

        if (wanted.ToHashSet().SetEquals(screen.GroupIds))
        {
            return;
        }

        screen.GroupIds = wanted;
        unit.Audit("screen.groups-set", screen.Id, string.Join(",", wanted));
        unit.Affects(new Target(TargetKind.Screen, screen.Id));
        // Its player reconnects at once and joins its new groups' alert channels.
        unit.Disconnect(screen.Id);
    }

    /// <summary>The groups, for a scoped person only those whose screens all stand on their sites (and at least one does).</summary>
    public async Task<List<ScreenGroup>> ListGroupsAsync(CancellationToken ct = default)
    {
        var groups = await db.ScreenGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct);
        if (!scope.Limited)
        {
            return groups;
        }

        var placed = await db.Screens.AsNoTracking().Select(s => new { s.SiteId, s.GroupIds }).ToListAsync(ct);
        return [.. groups.Where(g => placed.Where(s => s.GroupIds.Contains(g.Id)).ToList() is { Count: > 0 } members
            && members.All(s => scope.Reaches(s.SiteId)))];
    }

    static string RequireName(string name)
    {
        var trimmed = name?.Trim() ?? "";
        return Names.Problem(trimmed, ScreenGroup.MaxNameLength) is { } problem ? throw new ValidationException("name", problem) : trimmed;
    }
}
