using Hangfire;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.Core.Content;

/// <summary>
/// Draws an announcement at every standard resolution, stores each slide by hash and refreshes
/// its screens' manifests. Idempotent: a slide whose render key (template version, inputs,
/// resolution) was drawn before is reused, never drawn or stored twice; a retry after a crash
/// finds what the first attempt stored.
/// </summary>
public sealed class RenderAnnouncementJob(SignageDb db, WriteUnit unit, AnnouncementRenderer renderer, AssetStore assets, SlideInputs inputs, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid announcementId, CancellationToken ct)
    {
        var announcement = await db.Announcements.FirstOrDefaultAsync(a => a.Id == announcementId, ct);
        if (announcement is null || announcement.Status is AnnouncementStatus.Draft or AnnouncementStatus.Submitted)
        {
            return;
        }

        var targets = await db.TargetsOfAnnouncementAsync(announcementId, ct);
        var minimums = await inputs.MinimumsForTargetsAsync(targets, ct);
        // Each picture is decoded on first use and shared by the four sizes; a size already drawn decodes nothing.
        var theme = await inputs.ThemeAsync(ct);
        using var logo = theme.Logo;
        using var image = await inputs.ImageAsync(announcement.ImageSha256, ct);
        var slide = new AnnouncementSlide(announcement.Title, announcement.Body, announcement.Template, announcement.Category,
            announcement.Link, image, theme);
        var existing = await db.Renditions.Where(r => r.AnnouncementId == announcementId).ToListAsync(ct);

        try
        {
            foreach (var size in RenderSizes.All)
            {
                var key = SlideInputs.RenderKey(slide, size, minimums[size]);
                var sha = await db.Renditions.Where(r => r.RenderKey == key).Select(r => r.AssetSha256).FirstOrDefaultAsync(ct)
                    ?? await StoreAsync(renderer.Render(slide, size, minimums[size]), ct);
                var rendition = existing.FirstOrDefault(r => r.Width == size.Width && r.Height == size.Height);
                if (rendition is null)
                {
                    db.Renditions.Add(new AnnouncementRendition { AnnouncementId = announcementId, Width = size.Width, Height = size.Height, RenderKey = key, AssetSha256 = sha });
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
            }
        }
        catch (SlideRefusedException e)
        {
            // A refusal is deterministic (the theme or a screen changed since publication): retrying
            // cannot help, so it is shown in the console and the previous slides keep playing.
            announcement.LastRenderError = e.Message;
            await unit.CommitAsync(ct);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Shown in the console; Hangfire retries the job and the dashboard keeps the stack trace.
            announcement.LastRenderError = e.Message;
            await unit.CommitAsync(ct);
            throw;
        }

        announcement.LastRenderError = null;
        if (announcement.Status != AnnouncementStatus.Published)
        {
            announcement.Status = AnnouncementStatus.Published;
            announcement.PublishedAt = clock.GetUtcNow();
        }

        unit.AffectsAnnouncement(announcement.Id);
        await unit.CommitAsync(ct);
    }

    async Task<string> StoreAsync(RenderedSlide rendered, CancellationToken ct) =>
        (await assets.PutAsync(rendered.Bytes, rendered.MediaType, ct)).Sha256;
}
