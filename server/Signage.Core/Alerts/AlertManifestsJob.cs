using Signage.Core.Writes;

namespace Signage.Core.Alerts;

/// <summary>
/// After an alert's message is sent: rebuilds the manifests of the screens it targets, so that it is
/// in each of them (a player that missed the message, or restarts, still has it). Queued with the
/// alert in its transaction, so a crash does not lose it; idempotent (unchanged manifests are not pushed).
/// </summary>
public sealed class AlertManifestsJob(WriteUnit unit)
{
    public async Task RunAsync(Guid alertId, CancellationToken ct)
    {
        unit.AffectsAnnouncement(alertId);
        await unit.CommitAsync(ct);
    }
}
