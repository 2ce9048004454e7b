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
/// inputs, resolution, the smallest text its screens allow) was drawn before is reused, never drawn
/// or stored twice. Used by the render job and, for alerts, in the request itself.
/// </summary>
public sealed class SlideDrawing(SignageDb db, AnnouncementRenderer renderer, AssetStore assets, SlideInputs inputs)
{
    /// <summary>Draws <paramref name="announcement"/> for the screens <paramref name="targets"/> reach; throws <see cref="SlideRefusedException"/> when a slide fails its checks.</summary>
    public async Task<IReadOnlyList<AnnouncementRendition>> DrawAsync(Announcement announcement, IReadOnlyCollection<Target> targets, CancellationToken ct)
    {
        var minimums = await inputs.MinimumsForTargetsAsync(targets, ct);
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
            var sha = await db.Renditions.Where(r => r.RenderKey == key).Select(r => r.AssetSha256).FirstOrDefaultAsync(ct)
                ?? await StoreAsync(renderer.Render(slide, size, minimums[size]), ct);
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

    async Task<string> StoreAsync(RenderedSlide rendered, CancellationToken ct) =>
        (await assets.PutAsync(rendered.Bytes, rendered.MediaType, ct)).Sha256;
}
