using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Accounts;
using Signage.Core.Data;

namespace Signage.Core.Scheduling;

public sealed record PreviewItem(Guid Id, Guid ContentId, string Text, Tier Tier, int Weight, string? Rule);

/// <summary>What a screen shows at an instant, and why, computed with the same Rotation the player runs.</summary>
public sealed record ScreenPreview(
    Guid ScreenId, string ScreenName, string TimeZone, DateTimeOffset At, long? ManifestVersion,
    PreviewItem? Showing, DateTimeOffset? StartedAt, DateTimeOffset? NextAt, PreviewItem? Next);

public sealed record TimelinePeriod(DateTimeOffset Start, DateTimeOffset End, Tier? Tier, IReadOnlyList<PreviewItem> Rotating);

public sealed class PreviewService(SignageDb db, ManifestService manifests, SiteScope scope)
{
    public static readonly TimeSpan MaxTimeline = TimeSpan.FromDays(8);

    /// <summary>Null for an unknown screen.</summary>
    public async Task<ScreenPreview?> AtAsync(Guid screenId, DateTimeOffset at, CancellationToken ct = default)
    {
        var screen = await db.Screens.AsNoTracking().Include(s => s.Site).FirstOrDefaultAsync(s => s.Id == screenId, ct);
        if (screen is null)
        {
            return null;
        }

        await scope.EnsureSiteAsync(screen.SiteId, ct);
        var manifest = await manifests.CurrentAsync(screenId, ct);
        var slot = manifest is null ? null : Rotation.At(manifest.Body, at);
        return new ScreenPreview(
            screen.Id, screen.Name, screen.Site?.TimeZone ?? Sites.Site.DefaultTimeZone, at, manifest?.Version,
            Item(slot?.Current), slot?.StartedAt, slot?.NextAt, Item(slot?.Next));
    }

    /// <summary>The periods of a screen between two instants (at most eight days), or null for an unknown screen.</summary>
    public async Task<IReadOnlyList<TimelinePeriod>?> TimelineAsync(Guid screenId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        if (to <= from || to - from > MaxTimeline)
        {
            throw new ValidationException("to", "La période doit être positive et durer huit jours au plus.");
        }

        if (await db.Screens.Where(s => s.Id == screenId).Select(s => (Guid?)s.SiteId).FirstOrDefaultAsync(ct) is not { } siteId)
        {
            return null;
        }

        await scope.EnsureSiteAsync(siteId, ct);

        var manifest = await manifests.CurrentAsync(screenId, ct);
        if (manifest is null)
        {
            return [new TimelinePeriod(from, to, null, [])];
        }

        return [.. Rotation.Periods(manifest.Body, from, to).Select(p => new TimelinePeriod(
            p.Start, p.End, p.Rotating.Count == 0 ? null : p.Rotating[0].Tier, [.. p.Rotating.Select(i => Item(i)!)]))];
    }

    static PreviewItem? Item(ManifestItem? item) =>
        item is null ? null : new PreviewItem(item.Id, item.ContentId, item.AccessibleText, item.Tier, item.Weight, item.Rule);
}
