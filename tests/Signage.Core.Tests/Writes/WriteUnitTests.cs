using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Writes;
using Signage.TestSupport;

namespace Signage.Core.Tests.Writes;

public class WriteUnitTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task PublishingSavesTheAnnouncementItsAuditEntryUnderTheActingPersonAndItsRenderJob()
    {
        var group = await fixture.GroupAsync("Hall de la médiathèque");

        var announcement = await fixture.WithAsync(s =>
        {
            s.GetRequiredService<CurrentActor>().Set("publieur@mairie.test");
            return s.GetRequiredService<AnnouncementService>().PublishAsync(new PublishAnnouncement("Heure du conte", "Mercredi à 15 h", group.Id));
        });

        Assert.Equal("publieur@mairie.test", announcement.CreatedBy);
        var audit = await fixture.WithAsync(s => s.GetRequiredService<SignageDb>().AuditEntries.SingleAsync(a => a.SubjectId == announcement.Id));
        Assert.Equal(("announcement.published", "publieur@mairie.test"), (audit.Action, audit.Actor));
        Assert.Contains(RenderJobsQueued(), id => id == announcement.Id);
    }

    [Fact]
    public async Task AWriteWithoutAPersonIsAuditedAsTheSystem()
    {
        var group = await fixture.GroupAsync($"Groupe {Guid.NewGuid():N}");

        var audit = await fixture.WithAsync(s => s.GetRequiredService<SignageDb>().AuditEntries.SingleAsync(a => a.SubjectId == group.Id));

        Assert.Equal(CurrentActor.System, audit.Actor);
    }

    [Fact]
    public async Task WhenTheProcessFailsAfterQueueingTheRenderNeitherTheAnnouncementNorItsAuditEntryNorItsJobRemains()
    {
        var group = await fixture.GroupAsync("Accueil de la piscine");
        var storage = fixture.Services.GetRequiredService<JobStorage>();
        var failing = new FailingAfterCreateClient(new BackgroundJobClient(storage));
        await using var services = CoreTestServices.Build(fixture.Database, fixture.Assets.Path, fixture.Notifier,
            s => s.AddSingleton<IBackgroundJobClient>(failing));
        var before = await CountsAsync();

        await using (var scope = services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<AnnouncementService>()
                .PublishAsync(new PublishAnnouncement("Bassin fermé", "Vidange annuelle", group.Id)));
        }

        // The job row was written, then the transaction it shares with the announcement was rolled back.
        Assert.NotNull(failing.CreatedJobId);
        using var connection = storage.GetConnection();
        Assert.Null(connection.GetJobData(failing.CreatedJobId));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AScheduleChangePushesEachAffectedScreenOnceAndNoOther()
    {
        var group = await fixture.GroupAsync("Couloir du personnel");
        var other = await fixture.GroupAsync("Salle des mariages");
        var first = await fixture.ScreenAsync("Couloir nord", group.Id);
        var second = await fixture.ScreenAsync("Couloir sud", group.Id);
        var elsewhere = await fixture.ScreenAsync("Mariages", other.Id);
        var announcement = await fixture.PublishedAsync("Réunion de service", other.Id);
        var pushesBefore = fixture.Notifier.Pushes.Count;

        await fixture.WithAsync(s => s.GetRequiredService<ScheduleService>()
            .AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, group.Id), new Target(TargetKind.Screen, first.Screen.Id)])));

        var pushed = fixture.Notifier.Pushes.Skip(pushesBefore).Select(p => p.ScreenId).ToList();
        Assert.Equal(new[] { first.Screen.Id, second.Screen.Id }.Order(), pushed.Order());
        Assert.DoesNotContain(elsewhere.Screen.Id, pushed);
    }

    List<Guid> RenderJobsQueued() =>
    [
        .. fixture.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs(EnqueuedState.DefaultQueue, 0, int.MaxValue)
            .Select(j => j.Value.Job)
            .Where(j => j.Type == typeof(RenderAnnouncementJob))
            .Select(j => (Guid)j.Args[0]),
    ];

    Task<(int Announcements, int Audit, int Entries)> CountsAsync() => fixture.WithAsync(async s =>
    {
        var db = s.GetRequiredService<SignageDb>();
        return (await db.Announcements.CountAsync(), await db.AuditEntries.CountAsync(), await db.ScheduleEntries.CountAsync());
    });

    /// <summary>Writes the job as Hangfire does, then fails as a process dying right after would.</summary>
    sealed class FailingAfterCreateClient(IBackgroundJobClient inner) : IBackgroundJobClient
    {
        public string? CreatedJobId { get; private set; }

        public string Create(Job job, IState state)
        {
            CreatedJobId = inner.Create(job, state);
            throw new InvalidOperationException("the process stopped after queueing the job");
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }
}
