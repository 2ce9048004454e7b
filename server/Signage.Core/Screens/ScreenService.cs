using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Sites;
using Signage.Core.Writes;

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

public sealed class ScreenService(SignageDb db, WriteUnit unit, SiteService sites, SiteScope scope, TimeProvider clock)
{
    public const double MinViewingDistance = 0.5;
    public const double MaxViewingDistance = 30;
    public const double MinDiagonal = 10;
    public const double MaxDiagonal = 150;

    public async Task<ScreenGroup> CreateGroupAsync(string name, CancellationToken ct = default)
    {
        var trimmed = RequireName(name);
        var existing = await db.ScreenGroups.FirstOrDefaultAsync(g => g.Name == trimmed, ct);
        if (existing is not null)
        {
            return existing;
        }

        var group = new ScreenGroup { Id = Guid.NewGuid(), Name = trimmed };
        db.ScreenGroups.Add(group);
        unit.Audit("group.created", group.Id, trimmed);
        await unit.CommitAsync(ct);
        return group;
    }

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
            s.Id, s.Name, [.. s.GroupIds.Where(groups.ContainsKey).Select(g => groups[g]).Order()], s.Site!.Name, s.Site.TimeZone, s.Audience, s.LastSeenAt, s.TokenRevokedAt != null))];
    }

    /// <summary>
    /// Sets the groups of a screen (at least one); its manifest is rebuilt at once, so content of
    /// a group it left disappears and content of a group it joined appears.
    /// </summary>
    public async Task SetGroupsAsync(Guid screenId, IReadOnlyCollection<Guid> groupIds, CancellationToken ct = default)
    {
        var screen = await db.Screens.FirstOrDefaultAsync(s => s.Id == screenId, ct)
            ?? throw new NotFoundException("Cet écran n'existe pas.");
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
        unit.Audit("screen.groups-set", screenId, string.Join(",", wanted));
        unit.Affects(new Target(TargetKind.Screen, screenId));
        // Its player reconnects at once and joins its new groups' alert channels.
        unit.Disconnect(screenId);
        await unit.CommitAsync(ct);
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
