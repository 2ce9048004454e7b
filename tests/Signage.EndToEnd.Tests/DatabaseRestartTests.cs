using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Content;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

/// <summary>A server and a player on a PostgreSQL cluster of their own, which the test stops and starts again.</summary>
public sealed class DatabaseRestartSystem : IAsyncLifetime, IDisposable
{
    PostgresCluster? cluster;
    SignageSystem? system;

    public PostgresCluster Cluster => cluster ?? throw new InvalidOperationException("Not started.");

    public SignageSystem System => system ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        cluster = await PostgresCluster.StartAsync(SignageSystem.RepoRoot());
        // A short invisibility timeout stands in for the production five minutes, as in ServerCrashRecoveryTests.
        system = new SignageSystem(new Dictionary<string, string> { ["Signage__Jobs__InvisibilityTimeout"] = "00:00:10" },
            new PostgresDatabase(cluster.ConnectionString));
        await system.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (system is not null)
        {
            await system.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    public void Dispose() => system?.Dispose();
}

/// <summary>PostgreSQL stopped for 30 s under a running server and player, then started again.</summary>
public sealed class DatabaseRestartTests(DatabaseRestartSystem fixture) : IClassFixture<DatabaseRestartSystem>
{
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TheScreenPlaysOnThroughTheOutageNothingIsHalfDoneAndTheWorkCutShortIsFinishedAfterwards()
    {
        var system = fixture.System;
        var before = await system.PublishRenderedAsync("Horaires d'hiver", "La mairie ferme à 17 h du lundi au vendredi.");
        await system.WaitUntilShownAsync(before.Id, Recovery);
        using var console = await SignageSystem.SignInAsync(system.ServerUrl);

        // A render is under way when the database goes: it waits on its slides' table until the cluster stops.
        Announcement cutShort;
        await using (await system.LockAsync("Renditions"))
        {
            cutShort = await system.PublishAsync("Collecte des encombrants", "Mardi 8 décembre, sortez vos objets la veille au soir.");
            await system.WaitAsync(() => Task.FromResult(system.ProcessingRenders().Contains(cutShort.Id) ? "processing" : null),
                TimeSpan.FromSeconds(30), "the server to start the render");
            await fixture.Cluster.StopAsync();
        }

        system.Note("database stopped");
        using var supervisor = new HttpClient { BaseAddress = system.ServerUrl, Timeout = TimeSpan.FromSeconds(10) };
        var checks = 0;
        for (var waited = TimeSpan.Zero; waited < Outage; waited += TimeSpan.FromSeconds(5))
        {
            // The screen goes on with what it had; the console's writes are refused whole, with a reason.
            var status = await system.StatusAsync();
            Assert.Equal(before.Id, status!.Current?.ContentId);
            using var ready = await supervisor.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var draft = await console.PostAsJsonAsync("/api/announcements/drafts", new { title = "Fermeture du gymnase", body = "Travaux jusqu'au 15 décembre." });
            using var alert = await console.PostAsJsonAsync("/api/alerts",
                new { title = "Confinement", body = "Restez à l'intérieur.", targets = new[] { new { kind = "Group", id = system.GroupId } }, minutes = 30 });
            foreach (var refused in new[] { draft, alert })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
            }

            checks++;
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        await fixture.Cluster.StartAsync();
        system.Note($"database started again after {checks} checks");

        await system.WaitAsync(async () =>
        {
            using var ready = await supervisor.GetAsync("/health/ready");
            return ready.IsSuccessStatusCode ? "ready" : null;
        }, Recovery, "the server to be ready again");
        await system.WaitAsync(async () =>
        {
            await using var db = system.Database.CreateDb();
            return await db.Announcements.AnyAsync(a => a.Id == cutShort.Id && a.Status == AnnouncementStatus.Published) ? "published" : null;
        }, Recovery, "the render cut short to be finished");
        await system.WaitUntilShownAsync(cutShort.Id, Recovery);

        await using (var db = system.Database.CreateDb())
        {
            Assert.False(await db.Announcements.AnyAsync(a => a.Title == "Fermeture du gymnase" || a.Title == "Confinement"));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "alert.raised"));
        }

        // The console works again with the same session: a draft is saved whole.
        using var saved = await console.PostAsJsonAsync("/api/announcements/drafts", new { title = "Fermeture du gymnase", body = "Travaux jusqu'au 15 décembre." });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
    }
}
