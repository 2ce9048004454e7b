using Signage.Contracts.Hub;
using Signage.Core.Scheduling;

namespace Signage.Core.Alerts;

/// <summary>An alert in force, with what decides which screens it reaches.</summary>
public sealed record AlertInForce(AlertMessage Message, IReadOnlyList<Target> Targets, bool HiddenFromStreet);

/// <summary>
/// The alerts in force, read from the database at most once a second for the whole node, so that a
/// reconnecting fleet (10,000 screens after a restart) costs one query a second rather than one per
/// connection. Raising or ending an alert on this node refreshes it at once; another node's change is
/// seen within a second (and reaches connected screens through the hub meanwhile).
/// </summary>
public sealed class ActiveAlerts(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    readonly SemaphoreSlim loading = new(1, 1);
    volatile Snapshot? current;
    long generation;

    public async Task<IReadOnlyList<AlertInForce>> GetAsync(Func<CancellationToken, Task<IReadOnlyList<AlertInForce>>> load, CancellationToken ct)
    {
        if (current is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < MaxAge)
        {
            return fresh.Alerts;
        }

        await loading.WaitAsync(ct);
        try
        {
            // Another caller may have loaded it while this one waited.
            if (current is { } loaded && clock.GetUtcNow() - loaded.LoadedAt < MaxAge)
            {
                return loaded.Alerts;
            }

            var startedAt = clock.GetUtcNow();
            var started = Interlocked.Read(ref generation);
            var alerts = await load(ct);
            // A change committed while loading may be missing from what was read: keep it only if none came.
            if (Interlocked.Read(ref generation) == started)
            {
                current = new Snapshot(startedAt, alerts);
            }

            return alerts;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>Forgets the snapshot: the next read loads the alerts again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        current = null;
    }

    public void Dispose() => loading.Dispose();

    sealed record Snapshot(DateTimeOffset LoadedAt, IReadOnlyList<AlertInForce> Alerts);
}
