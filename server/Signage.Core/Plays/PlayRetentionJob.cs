using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Plays;

/// <summary>Proof of play; bound from the section "Signage:Plays".</summary>
public sealed class PlayOptions
{
    /// <summary>Days a play is kept before the daily purge deletes it; at least 1.</summary>
    public int RetentionDays { get; set; } = 400;
}

/// <summary>Daily: deletes the plays that started more than <see cref="PlayOptions.RetentionDays"/> ago, and records that it did.</summary>
public sealed class PlayRetentionJob(SignageDb db, WriteUnit unit, IOptions<PlayOptions> options, TimeProvider clock)
{
    public const string Id = "play-retention";

    /// <summary>Returns how many plays it deleted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        return await unit.CommitAsync(async () =>
        {
            var purged = await db.Plays.Where(p => p.StartedAt < before).ExecuteDeleteAsync(ct);
            if (purged > 0)
            {
                unit.Audit("plays.purged", null, string.Create(CultureInfo.InvariantCulture, $"{purged} diffusions antérieures au {before:O}"));
            }

            return purged;
        }, ct);
    }
}
