using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.Core.Scheduling;

/// <summary>
/// A published announcement scheduled by one entry, with its rendered slide: one per standard
/// resolution in <paramref name="Renditions"/>, <paramref name="Asset"/> (1920×1080) when none matches.
/// </summary>
public sealed record ScheduledContent(ScheduleEntry Entry, Announcement Announcement, Asset Asset, string TargetNames, IReadOnlyDictionary<RenderSize, Asset>? Renditions = null)
{
    public Asset For(Screen screen) => Renditions?.GetValueOrDefault(RenderSizes.For(screen.Width, screen.Height)) ?? Asset;
}

/// <summary>
/// The one place that decides what enters a screen's manifest: pure, so the rules (audience,
/// targets, expiry, order) are tested over many random schedules without a database.
/// </summary>
public static class ManifestComposer
{
    /// <summary>Scheduled content by target id, so composing a screen reads only what targets it.</summary>
    public static ILookup<Guid, ScheduledContent> IndexByTarget(IEnumerable<ScheduledContent> scheduled) =>
        scheduled.SelectMany(s => s.Entry.Targets.Select(t => (t.TargetId, s))).ToLookup(x => x.TargetId, x => x.s);

    public static ManifestBody Compose(Screen screen, string timeZone, ILookup<Guid, ScheduledContent> byTarget, DateTimeOffset now, PowerPlan? power = null) =>
        Compose(screen, timeZone, byTarget[screen.Id].Concat(screen.GroupIds.SelectMany(g => byTarget[g])).Concat(byTarget[screen.SiteId]).Distinct(), now, power);

    public static ManifestBody Compose(Screen screen, string timeZone, IEnumerable<ScheduledContent> scheduled, DateTimeOffset now, PowerPlan? power = null)
    {
        var items = scheduled
            .Where(s => Targets(s.Entry, screen))
            .Where(s => MayShow(s.Announcement.Audience, screen.Audience))
            .Where(s => !(s.Announcement.HiddenFromStreet && screen.VisibleFromStreet))
            .Where(s => s.Entry.Until is null || s.Entry.Until > now)
            .OrderBy(s => s.Entry.CreatedAt).ThenBy(s => s.Entry.Id)
            .Select(s => new ManifestItem(
                s.Entry.Id,
                s.Announcement.Id,
                ItemKind.RenderedAnnouncement,
                Ref(s.For(screen)),
                s.Entry.DurationSeconds,
                AccessibleText(s.Announcement),
                s.Entry.Tier,
                s.Entry.Weight,
                s.Announcement.Audience,
                s.Entry.Window(),
                $"« {s.Announcement.Title} », programmée pour {s.TargetNames}"))
            .ToList();
        return new ManifestBody(screen.Id, new ScreenSettings(screen.Width, screen.Height, timeZone, screen.Audience), items, power);
    }

    static AssetRef Ref(Asset asset) => new(asset.Sha256, asset.Size, asset.MediaType);

    /// <summary>The slide's text (title, body, link) for readers who cannot see the image.</summary>
    public static string AccessibleText(Announcement a) =>
        string.Join("\n", new[] { a.Title, a.Body, a.Link }.Where(t => !string.IsNullOrEmpty(t)));

    /// <summary>
    /// The display power plan of a screen: its site's hours, closed days of this year and the next
    /// (closures and, unless disabled, public holidays: the plan changes once a year, not daily),
    /// and the 01:00–06:00 curfew when the screen is seen from the street.
    /// </summary>
    public static PowerPlan? Power(Screen screen, Site site, DateTimeOffset now)
    {
        var year = now.Year;
        var closed = site.Closures.Select(c => c.Date)
            .Concat(site.ClosedOnPublicHolidays ? FrenchPublicHolidays.In(year, site.Holidays).Concat(FrenchPublicHolidays.In(year + 1, site.Holidays)) : [])
            .Where(d => d.Year >= year)
            .Distinct().Order().ToList();
        var curfew = screen.VisibleFromStreet ? PowerPlan.StreetCurfew : null;
        return site.OpeningHours.Count == 0 && closed.Count == 0 && curfew is null
            ? null
            : new PowerPlan([.. site.OpeningHours.OrderBy(h => h.Day).ThenBy(h => h.Open)], closed, curfew);
    }

    /// <summary>The ticker lines for a screen: targeting it, allowed for its audience, not expired, oldest first; null when none.</summary>
    public static IReadOnlyList<TickerLine>? TickerFor(Screen screen, IEnumerable<TickerMessage> messages, DateTimeOffset now)
    {
        var lines = messages
            .Where(m => m.Targets.Any(t => Reaches(t.Kind, t.Id, screen)))
            .Where(m => MayShow(m.Audience, screen.Audience))
            .Where(m => m.Until is null || m.Until > now)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new TickerLine(m.Id, m.Text, m.From is null && m.Until is null ? null : new PlayWindow(m.From, m.Until)))
            .ToList();
        return lines.Count == 0 ? null : lines;
    }

    /// <summary>Staff content never reaches a Public screen; Public content may show anywhere.</summary>
    public static bool MayShow(Audience content, Audience screen) => content == Audience.Public || screen == Audience.Staff;

    public static bool Targets(ScheduleEntry entry, Screen screen) => entry.Targets.Any(t => Reaches(t.Kind, t.TargetId, screen));

    /// <summary>True when a target (a site, a group or a screen) includes <paramref name="screen"/>.</summary>
    static bool Reaches(TargetKind kind, Guid id, Screen screen) => kind switch
    {
        TargetKind.Screen => id == screen.Id,
        TargetKind.Group => screen.GroupIds.Contains(id),
        TargetKind.Site => id == screen.SiteId,
        _ => false,
    };
}
