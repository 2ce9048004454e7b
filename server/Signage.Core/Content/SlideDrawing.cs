using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;

namespace Signage.Core.Content;

/// <summary>
/// Draws an announcement at every standard resolution and records one rendition per size on the
/// tracked entities (saved by the caller's commit). A slide whose render key (template version,
/// inputs, resolution, the smallest text its screens allow) was drawn before, for an announcement
/// or ahead of need (<see cref="PrerenderAsync"/>), is reused, never drawn or stored twice. Used by
/// the render job and, for alerts, in the request itself.
/// </summary>
public sealed class SlideDrawing(SignageDb db, AnnouncementRenderer renderer, AssetStore assets, SlideInputs inputs, TimeProvider clock)
{
    /// <summary>Draws <paramref name="announcement"/> for the screens <paramref name="targets"/> reach; throws <see cref="SlideRefusedException"/> when a slide fails its checks.</summary>
    public async Task<IReadOnlyList<AnnouncementRendition>> DrawAsync(Announcement announcement, IReadOnlyCollection<Target> targets, CancellationToken ct) =>
        await DrawAsync(announcement, await inputs.MinimumsForTargetsAsync(targets, ct), ct);

    /// <summary>Draws <paramref name="announcement"/> with these smallest text sizes per resolution.</summary>
    public async Task<IReadOnlyList<AnnouncementRendition>> DrawAsync(Announcement announcement, IReadOnlyDictionary<RenderSize, float> minimums, CancellationToken ct)
    {
        // Each picture is decoded on first use and shared by the four sizes; a size already drawn decodes nothing.
        var theme = await inputs.ThemeAsync(ct);
        using var logo = theme.Logo;
        using var image = await inputs.ImageAsync(announcement.ImageSha256, ct);
        var slide = new AnnouncementSlide(announcement.Title, announcement.Body, announcement.Template, announcement.Category,
            announcement.Link, image, theme);
        var existing = db.Entry(announcement).State == EntityState.Added
            ? []
            : await db.Renditions.Where(r => r.AnnouncementId == announcement.Id).ToListAsync(ct);
        var drawn = new List<AnnouncementRendition>();
        foreach (var size in RenderSizes.All)
        {
            var key = SlideInputs.RenderKey(slide, size, minimums[size]);
            var sha = await DrawnBeforeAsync(key, ct) ?? await StoreAsync(renderer.Render(slide, size, minimums[size]), ct);
            var rendition = existing.FirstOrDefault(r => r.Width == size.Width && r.Height == size.Height);
            if (rendition is null)
            {
                rendition = new AnnouncementRendition { AnnouncementId = announcement.Id, Width = size.Width, Height = size.Height, RenderKey = key, AssetSha256 = sha };
                db.Renditions.Add(rendition);
            }
            else
            {
                rendition.RenderKey = key;
                rendition.AssetSha256 = sha;
            }

            if (size == RenderSizes.FullHd)
            {
                announcement.AssetSha256 = sha;
            }

            drawn.Add(rendition);
        }

        return drawn;
    }

    /// <summary>
    /// Draws the slide at every resolution unless already drawn, and keeps each picture by its render
    /// key for the announcement that will need it. Returns how many pictures it drew.
    /// </summary>
    public async Task<int> PrerenderAsync(string title, string body, string template, Category category, IReadOnlyDictionary<RenderSize, float> minimums, CancellationToken ct)
    {
        var theme = await inputs.ThemeAsync(ct);
        using var logo = theme.Logo;
        var slide = new AnnouncementSlide(title, body, template, category, null, null, theme);
        var count = 0;
        foreach (var size in RenderSizes.All)
        {
            var key = SlideInputs.RenderKey(slide, size, minimums[size]);
            if (await DrawnBeforeAsync(key, ct) is not null)
            {
                continue;
            }

            var sha = await StoreAsync(renderer.Render(slide, size, minimums[size]), ct);
            db.PrerenderedSlides.Add(new PrerenderedSlide { RenderKey = key, AssetSha256 = sha, CreatedAt = clock.GetUtcNow() });
            count++;
        }

        return count;
    }

    async Task<string?> DrawnBeforeAsync(string key, CancellationToken ct) =>
        db.PrerenderedSlides.Local.FirstOrDefault(p => p.RenderKey == key)?.AssetSha256
        ?? await db.Renditions.Where(r => r.RenderKey == key).Select(r => r.AssetSha256).FirstOrDefaultAsync(ct)
        ?? await db.PrerenderedSlides.Where(p => p.RenderKey == key).Select(p => p.AssetSha256).FirstOrDefaultAsync(ct);

    async Task<string> StoreAsync(RenderedSlide rendered, CancellationToken ct) =>
        (await assets.PutAsync(rendered.Bytes, rendered.MediaType, ct)).Sha256;
}
