using Microsoft.AspNetCore.SignalR.Client;
using Signage.Contracts.Hub;

namespace Signage.Player.Journal;

/// <summary>
/// Sends the journal's plays to the server in batches of at most <see cref="PlayRecord.MaxBatch"/>, oldest first, as
/// soon as a play is journalled and after every (re)connection; a batch is passed only once the server confirmed it,
/// so an offline period is caught up at the reconnection, and a lost answer makes it send the batch again (counted once).
/// </summary>
public sealed class PlayUploader(PlayJournal journal, ILogger<PlayUploader> logger)
{
    public async Task RunAsync(HubConnection connection, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await journal.WaitAsync(ct);
                if (connection.State != HubConnectionState.Connected)
                {
                    continue;
                }

                try
                {
                    await UploadAsync(batch => connection.InvokeAsync<int>(PlayerHubContract.ReportPlays, batch, ct), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Cannot send the plays yet ({Message}); the next play or reconnection tries again.", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Sends every unconfirmed play through <paramref name="send"/>; returns how many were sent.</summary>
    public async Task<int> UploadAsync(Func<IReadOnlyList<PlayRecord>, Task> send, CancellationToken ct)
    {
        var count = 0;
        while (!ct.IsCancellationRequested && journal.NextBatch(PlayRecord.MaxBatch) is { } batch)
        {
            if (batch.Plays.Count > 0)
            {
                await send(batch.Plays);
            }

            journal.Confirm(batch);
            count += batch.Plays.Count;
        }

        return count;
    }
}
