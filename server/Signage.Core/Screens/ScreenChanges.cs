namespace Signage.Core.Screens;

/// <summary>
/// The PostgreSQL channel on which a committed change that ends a screen's live connections (its token revoked,
/// its groups changed) is announced, its id as payload: every node listens, whichever process made the change.
/// </summary>
public static class ScreenChanges
{
    public const string Channel = "signage_screen_changed";
}
