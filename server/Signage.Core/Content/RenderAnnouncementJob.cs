using Hangfire;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;

namespace Signage.Core.Content;

/// <summary>
/// Renders an announcement to an image, stores it by hash and refreshes its screens' manifests.
/// Idempotent: a retry after a crash re-renders the same bytes and finds the asset already stored.
/// </summary>
public sealed class RenderAnnouncementJob(SignageDb db, AnnouncementRenderer renderer, AssetStore assets, ManifestService manifests, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid announcementId, CancellationToken ct)
    {
        var announcement = await db.Announcements.FirstOrDefaultAsync(a => a.Id == announcementId, ct);
        if (announcement is null)
        {
            return;
        }

        byte[] png;
        try
        {
            png = renderer.RenderPng(new AnnouncementSlide(announcement.Title, announcement.Body), AnnouncementRenderer.FullHd);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            announcement.LastRenderError = e.Message;
            await db.SaveChangesAsync(ct);
            throw;
        }

        var asset = await assets.PutAsync(png, "image/png", ct);
        announcement.AssetSha256 = asset.Sha256;
        announcement.LastRenderError = null;
        if (announcement.Status != AnnouncementStatus.Published)
        {
            announcement.Status = AnnouncementStatus.Published;
            announcement.PublishedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        await manifests.RefreshGroupAsync(announcement.GroupId, ct);
    }
}
