using System.Reflection;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using Signage.Contracts.Hub;
using Signage.Player.Cache;
using Signage.Player.Display;

namespace Signage.Player.Sync;

/// <summary>
/// Every <see cref="PlayerOptions.ReportInterval"/> while connected: measures this clock's offset from the server's
/// by a round trip, then reports what the display shows, the manifest version, cache and disk, version, uptime
/// and display power.
/// </summary>
public sealed class FleetReporter(IOptions<PlayerOptions> options, PlayerState state, PlayerCache cache, TimeProvider clock, ILogger<FleetReporter> logger)
{
    static readonly string Version = typeof(FleetReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v
        ? v[..Math.Min(v.Length, PlayerReport.MaxAgentVersionLength)]
        : "0";

    readonly long started = clock.GetTimestamp();

    public async Task RunAsync(HubConnection connection, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.ReportInterval, clock);
        try
        {
            do
            {
                if (connection.State == HubConnectionState.Connected)
                {
                    await ReportAsync(connection, ct);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    async Task ReportAsync(HubConnection connection, CancellationToken ct)
    {
        try
        {
            var offset = await OffsetAsync(() => connection.InvokeAsync<DateTimeOffset>(PlayerHubContract.Time, ct), clock);
            await connection.InvokeAsync(PlayerHubContract.Report, Now(offset), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Cannot report to the server ({Message}); the next report tries again.", e.Message);
        }
    }

    /// <summary>What the player would report now, with the clock offset measured.</summary>
    public PlayerReport Now(TimeSpan clockOffset)
    {
        var showing = state.AlertNow() is null && state.DisplayOn ? state.Now()?.Current?.Id : null;
        var (bytes, free) = cache.Usage();
        return new PlayerReport(showing, state.Manifest?.Version, bytes, free, Version, clock.GetElapsedTime(started).TotalSeconds, state.DisplayOn, clockOffset.TotalSeconds);
    }

    /// <summary>
    /// This clock minus the server's, NTP-style: the server read its clock about halfway through the round trip, so
    /// its answer is compared with the midpoint of the request's sending and the answer's arrival.
    /// </summary>
    public static async Task<TimeSpan> OffsetAsync(Func<Task<DateTimeOffset>> serverNow, TimeProvider clock)
    {
        var sent = clock.GetUtcNow();
        var server = await serverNow();
        var received = clock.GetUtcNow();
        return sent + ((received - sent) / 2) - server;
    }
}
