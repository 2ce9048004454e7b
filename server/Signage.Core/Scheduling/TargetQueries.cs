using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;

namespace Signage.Core.Scheduling;

/// <summary>Which screens a set of targets reaches, and whether targets exist: shared by every feature that targets screens.</summary>
public static class TargetQueries
{
    public static async Task<List<Guid>> ScreensTargetedAsync(this SignageDb db, IReadOnlyCollection<Target> targets, CancellationToken ct = default)
    {
        if (targets.Count == 0)
        {
            return [];
        }

        var screens = targets.Where(t => t.Kind == TargetKind.Screen).Select(t => t.Id).ToList();
        var groups = targets.Where(t => t.Kind == TargetKind.Group).Select(t => t.Id).ToList();
        var sites = targets.Where(t => t.Kind == TargetKind.Site).Select(t => t.Id).ToList();
        return await db.Screens
            .Where(s => screens.Contains(s.Id) || s.GroupIds.Any(g => groups.Contains(g)) || sites.Contains(s.SiteId))
            .Select(s => s.Id).ToListAsync(ct);
    }

    /// <summary>The targets of every schedule entry of the announcement.</summary>
    public static Task<List<Target>> TargetsOfAnnouncementAsync(this SignageDb db, Guid announcementId, CancellationToken ct = default) =>
        db.ScheduleTargets
            .Where(t => db.ScheduleEntries.Any(e => e.Id == t.EntryId && e.AnnouncementId == announcementId))
            .Select(t => new Target(t.Kind, t.TargetId))
            .ToListAsync(ct);

    /// <summary>How many of these targets do not exist (an unknown kind counts as missing).</summary>
    public static async Task<int> MissingTargetsAsync(this SignageDb db, IReadOnlyCollection<Target> targets, CancellationToken ct = default)
    {
        var missing = 0;
        foreach (var target in targets.Distinct())
        {
            var exists = target.Kind switch
            {
                TargetKind.Site => await db.Sites.AnyAsync(s => s.Id == target.Id, ct),
                TargetKind.Group => await db.ScreenGroups.AnyAsync(g => g.Id == target.Id, ct),
                TargetKind.Screen => await db.Screens.AnyAsync(s => s.Id == target.Id, ct),
                _ => false,
            };
            missing += exists ? 0 : 1;
        }

        return missing;
    }
}
