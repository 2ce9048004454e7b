namespace Signage.Player.Sync;

public sealed class PlayerOptions
{
    /// <summary>Base URL of the Signage server, e.g. https://signage.example.fr.</summary>
    public string ServerUrl { get; set; } = "";

    /// <summary>
    /// This screen's device token, overriding the paired one: for a screen provisioned with `screens create`.
    /// Empty (the default), the player uses the token stored in <see cref="TokenFile"/>, or pairs by code to get one.
    /// </summary>
    public string DeviceToken { get; set; } = "";

    /// <summary>Folder of the offline cache: the last manifest and every asset it references.</summary>
    public string CacheDir { get; set; } = "cache";

    /// <summary>Where the paired token is kept, readable by the player's account only; empty: device-token in <see cref="CacheDir"/>.</summary>
    public string TokenFile { get; set; } = "";

    /// <summary>The screen's resolution, sent when pairing (the paired screen is drawn for it).</summary>
    public int ScreenWidth { get; set; } = 1920;

    public int ScreenHeight { get; set; } = 1080;

    /// <summary>How often the player reports its state to the server.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often it asks for a newer manifest besides the pushes, so that a lost push is healed.</summary>
    public TimeSpan ManifestCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    public string TokenPath => TokenFile.Length > 0 ? Path.GetFullPath(TokenFile) : Path.Combine(Path.GetFullPath(CacheDir), "device-token");
}
