using Signage.Contracts.Manifests;

namespace Signage.Contracts.Hub;

/// <summary>Calls the server makes on a connected player.</summary>
public interface IPlayerClient
{
    /// <summary>A newer manifest for this screen.</summary>
    Task ManifestChanged(ScreenManifest manifest);
}

/// <summary>Names and paths shared by the server's PlayerHub and the player.</summary>
public static class PlayerHubContract
{
    /// <summary>Path of the SignalR hub.</summary>
    public const string Path = "/hubs/player";

    /// <summary>
    /// Hub method: the player says which manifest version it holds and gets the current manifest
    /// back when the server has a newer one, or null.
    /// </summary>
    public const string Sync = "Sync";

    /// <summary>Path of an asset, by SHA-256, readable with the screen's device token.</summary>
    public static string AssetPath(string sha256) => $"/api/assets/{sha256}";
}
