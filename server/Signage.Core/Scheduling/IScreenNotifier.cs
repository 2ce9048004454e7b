using Signage.Contracts.Manifests;

namespace Signage.Core.Scheduling;

/// <summary>How Core reaches connected players; the server implements it with the PlayerHub.</summary>
public interface IScreenNotifier
{
    Task ManifestChangedAsync(Guid screenId, ScreenManifest manifest, CancellationToken ct);
}
