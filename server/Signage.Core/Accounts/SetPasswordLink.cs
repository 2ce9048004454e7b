namespace Signage.Core.Accounts;

/// <summary>The console page where an invited or reset person chooses their password, with the one-time token.</summary>
public static class SetPasswordLink
{
    public const string Page = "/compte/mot-de-passe";

    public static string For(string userId, string token) =>
        $"{Page}?utilisateur={Uri.EscapeDataString(userId)}&jeton={Uri.EscapeDataString(token)}";
}
