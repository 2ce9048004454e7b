using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Signage.Core.Fleet;

namespace Signage.Server.Screens;

/// <summary>
/// The players' reports received since the last write, the latest per screen: every
/// <see cref="FleetOptions.FlushInterval"/> one statement stores them all, as <see cref="ScreenContacts"/> does for
/// contacts, so 10,000 screens reporting every 30 s cost one write every few seconds, not 330 a second.
/// </summary>
public sealed class ScreenReports(IServiceScopeFactory scopes, IOptions<FleetOptions> options, TimeProvider clock, ILogger<ScreenReports> logger) : BackgroundService
{
    readonly ConcurrentDictionary<Guid, ReceivedReport> pending = new();

    public void Add(ReceivedReport report) => pending[report.ScreenId] = report;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    async Task FlushAsync(CancellationToken ct)
    {
        var batch = new List<ReceivedReport>();
        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out var report))
            {
                batch.Add(report);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FleetService>().RecordAsync(batch, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is away: keep the reports unless a newer one came meanwhile, for the next tick.
            foreach (var report in batch)
            {
                pending.TryAdd(report.ScreenId, report);
            }

            logger.LogWarning("Could not record {Count} screen report(s) ({Message}).", batch.Count, e.Message);
        }
    }
}
