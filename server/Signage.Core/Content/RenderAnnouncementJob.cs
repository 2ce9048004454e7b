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

        Media.Asset asset;
        try
        {
            var png = renderer.RenderPng(new AnnouncementSlide(announcement.Title, announcement.Body), AnnouncementRenderer.FullHd);
            asset = await assets.PutAsync(png, "image/png", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Shown in the console; Hangfire retries the job and the dashboard keeps the stack trace.
            announcement.LastRenderError = e.Message;
            await db.SaveChangesAsync(ct);
            throw;
        }

        announcement.AssetSha256 = asset.Sha256;
        announcement.LastRenderError = null;
        if (announcement.Status != AnnouncementStatus.Published)
        {
            announcement.Status = AnnouncementStatus.Published;
            announcement.PublishedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        await manifests.RefreshForAnnouncementAsync(announcement.Id, ct);
    }
}
