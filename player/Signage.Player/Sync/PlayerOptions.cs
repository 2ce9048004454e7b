namespace Signage.Player.Sync;

public sealed class PlayerOptions
{
    /// <summary>Base URL of the Signage server, e.g. https://signage.example.fr.</summary>
    public string ServerUrl { get; set; } = "";

    /// <summary>This screen's device token, as printed once by `screens create`.</summary>
    public string DeviceToken { get; set; } = "";

    /// <summary>Folder of the offline cache: the last manifest and every asset it references.</summary>
    public string CacheDir { get; set; } = "cache";
}
