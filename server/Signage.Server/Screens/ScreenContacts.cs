using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Server.Screens;

/// <summary>
/// « Dernier contact » for the console: every <see cref="Interval"/>, one UPDATE marks every screen
/// connected to this node as seen now. A connection costs no write of its own (a fleet reconnecting
/// after a restart would otherwise write 10,000 rows one by one), and a live screen stays recent
/// while a dead one ages.
/// </summary>
public sealed class ScreenContacts(ConnectedScreens connected, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScreenContacts> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RecordAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is away: the next tick tries again.
                    logger.LogWarning("Could not record the screens' last contact ({Message}).", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    async Task RecordAsync(CancellationToken ct)
    {
        // Seen when the list was taken, not when the write gets through: a screen gone since then is not marked later.
        var now = clock.GetUtcNow();
        var ids = connected.Ids();
        if (ids.Length == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SignageDb>();
        await scope.ServiceProvider.GetRequiredService<WriteUnit>().CommitAsync(
            () => db.Screens.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct), ct);
    }
}
