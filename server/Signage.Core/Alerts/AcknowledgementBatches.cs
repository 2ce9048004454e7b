using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Alerts;

/// <summary>
/// Displays' confirmations, written in batches: 10,000 screens confirming within a second would otherwise be
/// 10,000 transactions. One writer takes everything that arrived while the previous batch was being written
/// (up to <see cref="MaxBatch"/> rows) and saves it in one multi-row INSERT; each caller's task completes once
/// its row is committed, so a player is told "confirmed" only when it is stored (and tries again otherwise).
/// </summary>
public sealed partial class AcknowledgementBatches : IAsyncDisposable
{
    public const int MaxBatch = 5000;

    readonly Channel<Pending> channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(100_000) { SingleReader = true });
    readonly IServiceScopeFactory scopes;
    readonly ILogger<AcknowledgementBatches> logger;
    readonly Task draining;

    public AcknowledgementBatches(IServiceScopeFactory scopes, ILogger<AcknowledgementBatches> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        draining = Task.Run(DrainAsync);
    }

    /// <summary>Completes once the confirmation is committed (the first one per screen and alert counts).</summary>
    public async Task RecordAsync(Guid alertId, Guid screenId, DateTimeOffset shownAt, CancellationToken ct)
    {
        var pending = new Pending(alertId, screenId, shownAt, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await channel.Writer.WriteAsync(pending, ct);
        await pending.Saved.Task.WaitAsync(ct);
    }

    async Task DrainAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await channel.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && channel.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteAsync(batch);
                batch.ForEach(p => p.Saved.TrySetResult());
            }
            catch (Exception e)
            {
                LogNotSaved(logger, e, batch.Count);
                batch.ForEach(p => p.Saved.TrySetException(e));
            }

            batch.Clear();
        }
    }

    async Task WriteAsync(List<Pending> batch)
    {
        // Within a batch the earliest confirmation of a screen wins, as it does across batches (DO NOTHING).
        var rows = batch.GroupBy(p => (p.AlertId, p.ScreenId)).Select(g => g.MinBy(p => p.ShownAt)!).ToList();
        Guid[] alertIds = [.. rows.Select(r => r.AlertId)];
        Guid[] screenIds = [.. rows.Select(r => r.ScreenId)];
        DateTimeOffset[] shownAt = [.. rows.Select(r => r.ShownAt.ToUniversalTime())];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SignageDb>();
        // A screen or alert deleted meanwhile is skipped rather than failing the whole batch.
        await scope.ServiceProvider.GetRequiredService<WriteUnit>().CommitAsync(() => db.Database.ExecuteSqlAsync($"""
            INSERT INTO signage."AlertAcknowledgements" ("AlertId", "ScreenId", "ShownAt")
            SELECT u.alert, u.screen, u.shown FROM unnest({alertIds}, {screenIds}, {shownAt}) AS u(alert, screen, shown)
            WHERE EXISTS (SELECT 1 FROM signage."Announcements" a WHERE a."Id" = u.alert)
              AND EXISTS (SELECT 1 FROM signage."Screens" s WHERE s."Id" = u.screen)
            ON CONFLICT DO NOTHING
            """));
    }

    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await draining;
    }

    [LoggerMessage(LogLevel.Warning, "Could not save {Count} alert confirmation(s); the displays will confirm again.")]
    static partial void LogNotSaved(ILogger logger, Exception e, int count);

    sealed record Pending(Guid AlertId, Guid ScreenId, DateTimeOffset ShownAt, TaskCompletionSource Saved);
}
