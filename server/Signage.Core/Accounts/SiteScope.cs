using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.Core.Accounts;

/// <summary>A scoped Publisher or Editor asked to act on a site that is not theirs. Nothing was changed.</summary>
public sealed class OutsideYourSitesException(string message) : RefusalException("outside-your-sites", message);

/// <summary>
/// What a Publisher or Editor scoped to sites may reach: targets whose every screen stands on one of their sites.
/// Administrators and unscoped staff reach every site (<see cref="CurrentActor.Sites"/> is null).
/// </summary>
public sealed class SiteScope(SignageDb db, CurrentActor actor)
{
    public bool Limited => actor.Sites is not null;

    /// <summary>The actor's sites; null for every site.</summary>
    public IReadOnlySet<Guid>? Sites => actor.Sites;

    /// <summary>Refuses targets that reach a screen, a site or a group outside the actor's sites.</summary>
    public async Task EnsureTargetsAsync(IReadOnlyCollection<Target> targets, CancellationToken ct = default)
    {
        if (actor.Sites is not { } mine || targets.Count == 0)
        {
            return;
        }

        var outside = (await SitesReachedAsync(targets, ct)).Values.SelectMany(s => s).Where(id => !mine.Contains(id)).Distinct().ToList();
        if (outside.Count > 0)
        {
            throw await RefusalAsync(outside, ct);
        }
    }

    /// <summary>
    /// The objects of a list whose targets all stand on the actor's sites (every object for unscoped actors): what
    /// <see cref="EnsureTargetsAsync"/> would let them change is what they may read.
    /// </summary>
    public async Task<List<T>> WithinAsync<T>(IReadOnlyCollection<T> items, Func<T, IEnumerable<Target>> targetsOf, CancellationToken ct = default)
    {
        if (actor.Sites is not { } mine)
        {
            return [.. items];
        }

        var reached = await SitesReachedAsync([.. items.SelectMany(targetsOf).Distinct()], ct);
        return [.. items.Where(i => targetsOf(i).All(t => reached[t].All(mine.Contains)))];
    }

    /// <summary>The sites each target reaches: its own for a site, its screens' for a screen or a group.</summary>
    async Task<Dictionary<Target, HashSet<Guid>>> SitesReachedAsync(IReadOnlyCollection<Target> targets, CancellationToken ct)
    {
        var screens = targets.Where(t => t.Kind == TargetKind.Screen).Select(t => t.Id).ToList();
        var groups = targets.Where(t => t.Kind == TargetKind.Group).Select(t => t.Id).ToList();
        var reaching = await db.Screens
            .Where(s => screens.Contains(s.Id) || s.GroupIds.Any(g => groups.Contains(g)))
            .Select(s => new { s.Id, s.SiteId, s.GroupIds }).ToListAsync(ct);
        return targets.Distinct().ToDictionary(t => t, t => t.Kind switch
        {
            TargetKind.Site => [t.Id],
            TargetKind.Screen => reaching.Where(s => s.Id == t.Id).Select(s => s.SiteId).ToHashSet(),
            _ => reaching.Where(s => s.GroupIds.Contains(t.Id)).Select(s => s.SiteId).ToHashSet(),
        });
    }

    /// <summary>Refuses a site outside the actor's sites.</summary>
    public async Task EnsureSiteAsync(Guid siteId, CancellationToken ct = default)
    {
        if (actor.Sites is { } mine && !mine.Contains(siteId))
        {
            throw await RefusalAsync([siteId], ct);
        }
    }

    /// <summary>Whether a screen on this site is visible to the actor.</summary>
    public bool Reaches(Guid siteId) => actor.Sites is not { } mine || mine.Contains(siteId);

    async Task<OutsideYourSitesException> RefusalAsync(IReadOnlyCollection<Guid> siteIds, CancellationToken ct)
    {
        var names = await db.Sites.Where(s => siteIds.Contains(s.Id)).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        var what = names.Count > 0 ? string.Join(", ", names.Select(n => $"« {n} »")) : "un site qui n'est pas le vôtre";
        return new OutsideYourSitesException($"Hors de vos sites : vous ne pouvez pas agir sur {what}.");
    }
}
