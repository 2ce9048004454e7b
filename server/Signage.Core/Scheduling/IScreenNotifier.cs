using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;

namespace Signage.Core.Scheduling;

/// <summary>How Core reaches connected players; the server implements it with the PlayerHub.</summary>
public interface IScreenNotifier
{
    Task ManifestChangedAsync(Guid screenId, ScreenManifest manifest, CancellationToken ct);

    /// <summary>Closes the live connections of a screen whose token was just revoked.</summary>
    Task DisconnectAsync(Guid screenId, CancellationToken ct);

    /// <summary>
    /// Sends one alert message to every screen the targets reach (by site, group or screen, as the
    /// connections joined them), without looking screens up one by one; with
    /// <paramref name="hiddenFromStreet"/>, to none of those seen from the street.
    /// </summary>
    Task AlertRaisedAsync(AlertMessage alert, IReadOnlyCollection<Target> targets, bool hiddenFromStreet, CancellationToken ct);

    /// <summary>Tells the screens the targets reach that the alert ended early.</summary>
    Task AlertClearedAsync(Guid alertId, IReadOnlyCollection<Target> targets, CancellationToken ct);
}
