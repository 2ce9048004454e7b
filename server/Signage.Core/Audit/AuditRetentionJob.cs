using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Audit;

/// <summary>How long the audit log is kept; bound from the section "Signage:Audit".</summary>
public sealed class AuditOptions
{
    /// <summary>Months an entry is kept before the daily purge deletes it. Default 12 (CNIL guidance for access logs); at least 1.</summary>
    public int RetentionMonths { get; set; } = 12;
}

/// <summary>
/// Daily: deletes the audit entries older than <see cref="AuditOptions.RetentionMonths"/>, and records that it did. The
/// only delete the database's trigger lets through (see the AuditAppendOnly migration), and only for rows before the
/// instant this transaction names.
/// </summary>
public sealed class AuditRetentionJob(SignageDb db, WriteUnit unit, IOptions<AuditOptions> options, TimeProvider clock)
{
    public const string Id = "audit-retention";

    /// <summary>Returns how many entries it deleted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().AddMonths(-options.Value.RetentionMonths);
        return await unit.CommitAsync(async () =>
        {
            var cutoff = before.ToString("O", CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlAsync($"SELECT set_config('signage.audit_purge_before', {cutoff}, true)", ct);
            var purged = await db.AuditEntries.Where(a => a.At < before).ExecuteDeleteAsync(ct);
            if (purged > 0)
            {
                unit.Audit("audit.purged", null, string.Create(CultureInfo.InvariantCulture, $"{purged} entrées antérieures au {before:O}"));
            }

            return purged;
        }, ct);
    }
}
