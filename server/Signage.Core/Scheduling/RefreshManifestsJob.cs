using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;

namespace Signage.Core.Scheduling;

/// <summary>
/// Recurring (hourly): rebuilds every screen's manifest so expired entries leave it and next
/// year's closed days arrive. Players already switch by the windows they hold, so this is
/// housekeeping; unchanged manifests keep their version and are not pushed, so it is idempotent.
/// </summary>
public sealed class RefreshManifestsJob(SignageDb db, ManifestService manifests)
{
    public const string Id = "refresh-manifests";
    const int Batch = 1000;

    public async Task RunAsync(CancellationToken ct)
    {
        var ids = await db.Screens.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(Batch))
        {
            await manifests.RefreshScreensAsync(chunk, ct);
        }
    }
}
