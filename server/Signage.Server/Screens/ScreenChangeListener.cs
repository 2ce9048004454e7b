using Microsoft.EntityFrameworkCore;
using Npgsql;
using Signage.Core;
using Signage.Core.Data;
using Signage.Core.Screens;
using Signage.Server.Accounts;

namespace Signage.Server.Screens;

/// <summary>
/// Listens to <see cref="ScreenChanges.Channel"/> on a connection of its own: a screen whose token is revoked or whose
/// channels changed, on any node or from the command line, loses its cached token and its live connections on this
/// node within moments. While not listening (start-up, database away) the token cache is off; on each (re)connection
/// the screens still connected here whose token was revoked meanwhile are cut.
/// </summary>
public sealed partial class ScreenChangeListener(
    IConfiguration configuration,
    DeviceTokenCache cache,
    ConnectedScreens connected,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<ScreenChangeListener> logger) : BackgroundService
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    /// <summary>True while changes are heard.</summary>
    public bool Listening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its own physical connection, which a pool would reset; keepalives notice a dead server.
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.RequireConnectionString()) { Pooling = false, KeepAlive = 10 }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var screenId))
                    {
                        cache.Evict(screenId);
                        connected.Abort(screenId);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ScreenChanges.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Trust(true);
                Listening = true;
                await CutRevokedAsync(stoppingToken);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                LogLost(logger, e.Message);
            }
            finally
            {
                Listening = false;
                cache.Trust(false);
            }

            try
            {
                await Task.Delay(RetryInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Revocations made while nobody listened reached no node: their screens' connections here are cut now.</summary>
    async Task CutRevokedAsync(CancellationToken ct)
    {
        var ids = connected.Ids();
        if (ids.Length == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var revoked = await scope.ServiceProvider.GetRequiredService<SignageDb>().Screens.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && s.TokenRevokedAt != null).Select(s => s.Id).ToListAsync(ct);
        revoked.ForEach(connected.Abort);
    }

    [LoggerMessage(LogLevel.Warning, "Not listening to screen changes ({Message}); device tokens are read from the database until it is back.")]
    static partial void LogLost(ILogger logger, string message);
}
