using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Content;

/// <summary>
/// Run at start-up: an announcement still <see cref="AnnouncementStatus.Rendering"/> with no render job
/// that will run (none enqueued, fetched, processing or scheduled for a retry) gets one. Since the write
/// path commits the job with the announcement, this catches only rows written before it, and renders
/// whose retries ran out while the cause has since been fixed.
/// </summary>
public sealed class RenderRecovery(SignageDb db, JobStorage storage, WriteUnit unit)
{
    public async Task<IReadOnlyList<Guid>> RequeueOrphansAsync(CancellationToken ct)
    {
        var rendering = await db.Announcements.AsNoTracking().Where(a => a.Status == AnnouncementStatus.Rendering).Select(a => a.Id).ToListAsync(ct);
        if (rendering.Count == 0)
        {
            return [];
        }

        var live = LiveRenders();
        var orphans = rendering.Where(id => !live.Contains(id)).ToList();
        foreach (var id in orphans)
        {
            unit.Enqueue<RenderAnnouncementJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        await unit.CommitAsync(ct);
        return orphans;
    }

    /// <summary>The announcements a render job exists for that some server will run.</summary>
    HashSet<Guid> LiveRenders()
    {
        var monitoring = storage.GetMonitoringApi();
        var jobs = new List<Job?>();
        foreach (var queue in monitoring.Queues())
        {
            jobs.AddRange(monitoring.EnqueuedJobs(queue.Name, 0, int.MaxValue).Select(j => j.Value.Job));
            jobs.AddRange(monitoring.FetchedJobs(queue.Name, 0, int.MaxValue).Select(j => j.Value.Job));
        }

        jobs.AddRange(monitoring.ProcessingJobs(0, int.MaxValue).Select(j => j.Value.Job));
        jobs.AddRange(monitoring.ScheduledJobs(0, int.MaxValue).Select(j => j.Value.Job));
        return [.. jobs.Where(j => j?.Type == typeof(RenderAnnouncementJob)).Select(j => (Guid)j!.Args[0])];
    }
}
