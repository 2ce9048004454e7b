using System.Linq.Expressions;
using System.Transactions;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Audit;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Core.Writes;

/// <summary>
/// The one way state changes. A service changes entities on <see cref="SignageDb"/>, then tells the unit
/// what it did (<see cref="Audit"/>), what it affects (<see cref="Affects(Target[])"/>,
/// <see cref="AffectsAnnouncement"/>) and which jobs follow (<see cref="Enqueue{TJob}"/>); <see cref="CommitAsync"/>
/// saves the entities, the audit entries and the Hangfire jobs in one PostgreSQL transaction, so a crash
/// leaves either all of it or none (never an announcement waiting for a render job that was never queued).
/// After the commit it sends what must not wait (<see cref="SendFirst"/>), then rebuilds the affected screens' manifests once, pushes those that changed and cuts
/// the connections of revoked screens.
/// </summary>
public sealed class WriteUnit(SignageDb db, CurrentActor actor, IBackgroundJobClient jobs, ManifestService manifests, IScreenNotifier notifier, TimeProvider clock)
{
    readonly List<AuditEntry> audit = [];
    readonly HashSet<Target> targets = [];
    readonly HashSet<Guid> announcements = [];
    readonly List<Job> queued = [];
    readonly List<Job> afterSends = [];
    readonly List<string> held = [];
    readonly HashSet<Guid> disconnects = [];
    readonly HashSet<Guid> announced = [];
    readonly List<Func<IScreenNotifier, CancellationToken, Task>> first = [];

    /// <summary>Who is acting, for the rows that name their author.</summary>
    public string Actor => actor.Name;

    public void Audit(string action, Guid? subjectId, string? details = null) =>
        audit.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor.Name, Action = action, SubjectId = subjectId, Details = details });

    /// <summary>Screens reached by these targets get their manifest rebuilt after the commit.</summary>
    public void Affects(params IEnumerable<Target> reached) => targets.UnionWith(reached);

    /// <summary>The screens the announcement's schedule entries target once the change is committed.</summary>
    public void AffectsAnnouncement(Guid announcementId) => announcements.Add(announcementId);

    /// <summary>Queues the job with the commit; a job's <see cref="QueueAttribute"/> still chooses its queue.</summary>
    public void Enqueue<TJob>(Expression<Func<TJob, Task>> call) => queued.Add(Job.FromExpression(call));

    /// <summary>
    /// Queues the job with the commit, held until the <see cref="SendFirst"/> messages are sent, so that its work
    /// does not compete with them; a crash in between leaves it scheduled, and Hangfire's scheduler runs it anyway.
    /// </summary>
    public void EnqueueAfterSends<TJob>(Expression<Func<TJob, Task>> call) => afterSends.Add(Job.FromExpression(call));

    /// <summary>
    /// Closes the screen's live player connections after the commit (its token was revoked, its channels changed),
    /// on this node at once and on every node through <see cref="ScreenChanges.Channel"/>, sent with the commit.
    /// </summary>
    public void Disconnect(Guid screenId) => disconnects.Add(screenId);

    /// <summary>
    /// Sends a message to players straight after the commit, before any manifest is rebuilt: an alert
    /// must not wait for thousands of manifests. The manifests follow as usual.
    /// </summary>
    public void SendFirst(Func<IScreenNotifier, CancellationToken, Task> send) => first.Add(send);

    public Task CommitAsync(CancellationToken ct = default) => CommitAsync(() => Task.FromResult(true), ct);

    /// <summary>
    /// Runs <paramref name="work"/> inside the transaction (for set-based writes and locks that must hold until
    /// the commit), then commits as <see cref="CommitAsync(CancellationToken)"/> does.
    /// </summary>
    public async Task<T> CommitAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        T result;
        // Hangfire.PostgreSql enlists in the ambient transaction; EF Core closes its connection after each
        // command, and Npgsql hands the same physical connection, still in the transaction, to the next open
        // within it, so the whole unit is one local transaction (no two-phase commit).
        using (var scope = new TransactionScope(TransactionScopeOption.Required,
            new TransactionOptions { IsolationLevel = IsolationLevel.ReadCommitted }, TransactionScopeAsyncFlowOption.Enabled))
        {
            result = await work();
            await SaveAsync(ct);
            scope.Complete();
        }

        var sends = first.ToList();
        first.Clear();
        foreach (var send in sends)
        {
            await send(notifier, ct);
        }

        var release = held.ToList();
        held.Clear();
        foreach (var jobId in release)
        {
            // Only from Scheduled: if the scheduler already moved it, it is queued once.
            jobs.ChangeState(jobId, new EnqueuedState(), ScheduledState.StateName);
        }

        var screens = new HashSet<Guid>();
        if (targets.Count > 0)
        {
            screens.UnionWith(await db.ScreensTargetedAsync(targets, ct));
        }

        foreach (var announcementId in announcements)
        {
            screens.UnionWith(await db.ScreensTargetedAsync(await db.TargetsOfAnnouncementAsync(announcementId, ct), ct));
        }

        var toDisconnect = disconnects.ToList();
        targets.Clear();
        announcements.Clear();
        disconnects.Clear();
        announced.Clear();

        await manifests.RefreshScreensAsync(screens, ct);
        foreach (var screenId in toDisconnect)
        {
            await notifier.DisconnectAsync(screenId, ct);
        }

        return result;
    }

    /// <summary>
    /// Saves what is pending (entities, audit entries, jobs) inside the transaction of a running
    /// <see cref="CommitAsync{T}"/>, for work that must see its own rows saved before the commit (and undo
    /// what it did outside the database if saving fails).
    /// </summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        if (Transaction.Current is null)
        {
            throw new InvalidOperationException("WriteUnit.SaveAsync runs inside CommitAsync's transaction only.");
        }

        db.AuditEntries.AddRange(audit);
        audit.Clear();
        await db.SaveChangesAsync(ct);
        // PostgreSQL delivers a notification at the commit only, and not at all if the transaction rolls back.
        foreach (var screenId in disconnects.Where(announced.Add).ToList())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({ScreenChanges.Channel}, {screenId.ToString()})", ct);
        }
        foreach (var job in queued)
        {
            jobs.Create(job, new EnqueuedState());
        }

        queued.Clear();
        foreach (var job in afterSends)
        {
            held.Add(jobs.Create(job, new ScheduledState(clock.GetUtcNow().UtcDateTime)));
        }

        afterSends.Clear();
    }
}
