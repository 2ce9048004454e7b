namespace Signage.Contracts;

/// <summary>
/// The player's configuration keys that the server's console tells an operator to set: the player binds its
/// options from <see cref="Section"/>, so each key here is the section and an option's name.
/// </summary>
public static class PlayerSettings
{
    /// <summary>The configuration section the player reads its options from.</summary>
    public const string Section = "Player";

    /// <summary>The screen's device token, in appsettings.json.</summary>
    public const string DeviceToken = Section + ":DeviceToken";

    /// <summary>The same key as an environment variable.</summary>
    public const string DeviceTokenVariable = Section + "__DeviceToken";
}
