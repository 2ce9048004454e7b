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
public sealed class RenderAnnouncementJob(SignageDb db, WriteUnit unit, SlideDrawing drawing, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid announcementId, CancellationToken ct)
    {
        var announcement = await db.Announcements.FirstOrDefaultAsync(a => a.Id == announcementId, ct);
        if (announcement is null || announcement.Status is AnnouncementStatus.Draft or AnnouncementStatus.Submitted or AnnouncementStatus.Archived)
        {
            return;
        }

        var targets = await db.TargetsOfAnnouncementAsync(announcementId, ct);
        try
        {
            await drawing.DrawAsync(announcement, targets, ct);
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
}
