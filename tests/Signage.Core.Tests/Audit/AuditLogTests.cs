using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Signage.Core.Audit;
using Signage.TestSupport;

namespace Signage.Core.Tests.Audit;

public class AuditLogTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task AnAuditEntryCannotBeChangedNorDeletedNorTruncated()
    {
        var id = await AddAsync("screen.created", TestClock.Start.AddYears(-3));

        await using var db = fixture.Database.CreateDb();
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Actor, "quelqu'un d'autre")));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.AuditEntries.Where(a => a.Id == id).ExecuteDeleteAsync());
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("""TRUNCATE signage."AuditEntries" """));

        Assert.All(new[] { update, delete, truncate }, e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));
        var kept = await db.AuditEntries.SingleAsync(a => a.Id == id);
        Assert.Equal("système", kept.Actor);
    }

    [Fact]
    public async Task ThePurgeDeletesEntriesOlderThanTwelveMonthsKeepsTheRestAndRecordsItself()
    {
        var old = await AddAsync("site.created", TestClock.Start.AddMonths(-12).AddDays(-1));
        var recent = await AddAsync("site.closure-added", TestClock.Start.AddMonths(-12).AddDays(1));

        var purged = await fixture.WithAsync(s => s.GetRequiredService<AuditRetentionJob>().RunAsync(CancellationToken.None));

        await using var db = fixture.Database.CreateDb();
        Assert.True(purged >= 1);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Id == old));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Id == recent));
        var record = await db.AuditEntries.SingleAsync(a => a.Action == "audit.purged");
        Assert.Contains($"{purged} entrées", record.Details);
    }

    [Fact]
    public async Task ThePurgeSettingNeverLetsARecentEntryBeDeleted()
    {
        var recent = await AddAsync("media.uploaded", TestClock.Start.AddDays(-2));

        await using var db = fixture.Database.CreateDb();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var cutoff = TestClock.Start.AddMonths(-12).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlAsync($"SELECT set_config('signage.audit_purge_before', {cutoff}, true)");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.AuditEntries.Where(a => a.Id == recent).ExecuteDeleteAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    async Task<long> AddAsync(string action, DateTimeOffset at)
    {
        await using var db = fixture.Database.CreateDb();
        var entry = new AuditEntry { At = at, Actor = "système", Action = action };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }
}
