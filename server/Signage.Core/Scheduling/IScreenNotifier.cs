using Signage.Contracts.Manifests;

namespace Signage.Core.Scheduling;

/// <summary>How Core reaches connected players; the server implements it with the PlayerHub.</summary>
public interface IScreenNotifier
{
    Task ManifestChangedAsync(Guid screenId, ScreenManifest manifest, CancellationToken ct);

    /// <summary>Closes the live connections of a screen whose token was just revoked.</summary>
    Task DisconnectAsync(Guid screenId, CancellationToken ct);
}
