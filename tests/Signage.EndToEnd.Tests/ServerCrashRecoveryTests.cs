using System.Net.Http.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

/// <summary>A server process killed by SIGKILL in the middle of publishing loses nothing: the next server finishes the work.</summary>
public sealed class ServerCrashRecoveryTests(SignageSystem system) : IClassFixture<SignageSystem>
{
    static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ARenderCutShortByAKilledServerIsFinishedByTheNextServer()
    {
        // The render job blocks when it writes its slides, so the kill lands while the job is fetched and running.
        await using var blocker = new NpgsqlConnection(system.Database.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("""LOCK TABLE signage."Renditions" IN EXCLUSIVE MODE""", blocker, hold))
        {
            await take.ExecuteNonQueryAsync();
        }

        var announcement = await system.PublishAsync("Coupure d'eau", "Rue de la République, jeudi de 9 h à 12 h.");
        await system.WaitAsync(() => Task.FromResult(ProcessingRenders().Contains(announcement.Id) ? "processing" : null),
            TimeSpan.FromSeconds(30), "the server to start the render");
        system.StopServer();
        await hold.RollbackAsync();

        // A short invisibility timeout stands in for the production five minutes.
        await system.StartServerAsync(new Dictionary<string, string> { ["Signage__Jobs__InvisibilityTimeout"] = "00:00:10" });

        await system.WaitAsync(async () => await StatusAsync(announcement.Id) == AnnouncementStatus.Published ? "published" : null,
            Recovery, "the next server to finish the render");
        await system.WaitUntilShownAsync(announcement.Id, Recovery);
    }

    [Fact]
    public async Task AnAlertCutShortByAKilledServerIsAbsentAfterTheRestartNeverHalfRaised()
    {
        const string title = "Évacuation du gymnase";
        using var console = await SignageSystem.SignInAsync(system.ServerUrl);
        // The raise's transaction blocks on its audit row, so the kill lands between its first write and its commit.
        await using var blocker = new NpgsqlConnection(system.Database.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("""LOCK TABLE signage."AuditEntries" IN EXCLUSIVE MODE""", blocker, hold))
        {
            await take.ExecuteNonQueryAsync();
        }

        var raising = console.PostAsJsonAsync("/api/alerts",
            new { title, body = "Sortez par les issues de secours.", targets = new[] { new { kind = "Group", id = system.GroupId } }, minutes = 30 });
        await system.WaitAsync(async () => await WaitingOnALockAsync() ? "waiting" : null, TimeSpan.FromSeconds(30), "the raise to reach its commit");
        system.StopServer();
        await hold.RollbackAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => raising);

        await system.StartServerAsync();
        await using (var db = system.Database.CreateDb())
        {
            Assert.False(await db.Announcements.AnyAsync(a => a.Title == title));
            Assert.False(await db.ScheduleEntries.AnyAsync(e => e.Tier == Signage.Contracts.Manifests.Tier.Alert && e.Until > SignageSystem.RealClock.GetUtcNow()));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "alert.raised"));
        }

        using var after = await SignageSystem.SignInAsync(system.ServerUrl);
        Assert.Equal("[]", await after.GetStringAsync("/api/alerts"));
        Assert.Null((await system.StatusAsync())!.Alert);

        // Raised again on the restarted server, it is whole.
        using var again = await after.PostAsJsonAsync("/api/alerts",
            new { title, body = "Sortez par les issues de secours.", targets = new[] { new { kind = "Group", id = system.GroupId } }, minutes = 30 });
        Assert.Equal(System.Net.HttpStatusCode.Created, again.StatusCode);
        var shown = await system.WaitAsync(async () => await system.StatusAsync() is { Alert: { } a } ? a : null, TimeSpan.FromSeconds(10), "the player to show the alert");
        Assert.Contains(title, shown.AccessibleText);
        var id = System.Text.Json.JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var ended = await after.PostAsync($"/api/alerts/{id}/end", null);
    }

    async Task<bool> WaitingOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(system.Database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", connection);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    [Fact]
    public async Task AnAnnouncementLeftRenderingWithoutAJobIsRenderedWhenAServerStarts()
    {
        system.StopServer();
        // Written by a client whose jobs vanish: a row as an older version could leave after a crash.
        await using var lossy = CoreTestServices.Build(system.Database, system.AssetRoot, new RecordingNotifier(),
            s => s.AddSingleton<IBackgroundJobClient>(new VanishingJobClient()));
        Announcement announcement;
        await using (var scope = lossy.CreateAsyncScope())
        {
            announcement = await scope.ServiceProvider.GetRequiredService<AnnouncementService>()
                .PublishAsync(new PublishAnnouncement("Marché nocturne", "Vendredi de 18 h à 23 h, place de la mairie.", system.GroupId));
        }

        Assert.Equal(AnnouncementStatus.Rendering, await StatusAsync(announcement.Id));

        await system.StartServerAsync();

        await system.WaitAsync(async () => await StatusAsync(announcement.Id) == AnnouncementStatus.Published ? "published" : null,
            Recovery, "start-up to queue the forgotten render");
    }

    HashSet<Guid> ProcessingRenders() =>
    [
        .. system.Core.GetRequiredService<JobStorage>().GetMonitoringApi().ProcessingJobs(0, int.MaxValue)
            .Select(j => j.Value.Job)
            .Where(j => j?.Type == typeof(RenderAnnouncementJob))
            .Select(j => (Guid)j!.Args[0]),
    ];

    async Task<AnnouncementStatus> StatusAsync(Guid id)
    {
        await using var scope = system.Core.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignageDb>().Announcements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }

    sealed class VanishingJobClient : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => Guid.NewGuid().ToString();

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }
}
