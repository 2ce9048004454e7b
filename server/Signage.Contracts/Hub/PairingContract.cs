namespace Signage.Contracts.Hub;

/// <summary>The call the server makes on a player waiting to be paired.</summary>
public interface IPairingClient
{
    /// <summary>
    /// An Administrator claimed this connection's code: here is the screen's device token, sent once, to this
    /// connection only. The player stores it and connects to <see cref="PlayerHubContract.Path"/> with it.
    /// </summary>
    Task Paired(string deviceToken);
}

/// <summary>A pairing code for the player that asked, valid for <paramref name="ValidForSeconds"/> seconds and once.</summary>
/// <param name="Code">Six characters of <see cref="PairingContract.Alphabet"/>, without the dash it is shown with.</param>
/// <param name="ValidForSeconds">How long it may be claimed from now (the player asks for a new one after that).</param>
public sealed record PairingOffer(string Code, double ValidForSeconds);

/// <summary>Names, paths and the code format shared by the server's pairing hub, the console and the player.</summary>
public static class PairingContract
{
    /// <summary>Path of the anonymous SignalR hub where a player with no token waits for its token.</summary>
    public const string Path = "/hubs/pairing";

    /// <summary>Hub method: the player sends its screen's resolution (width, height) and gets a <see cref="PairingOffer"/>.</summary>
    public const string RequestCode = "RequestCode";

    /// <summary>The console's claim page; <see cref="ClaimUrl"/> adds the code.</summary>
    public const string ClaimPath = "/screens/claim";

    /// <summary>Digits and capitals without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).</summary>
    public const string Alphabet = "34679ACDEFGHJKMNPQRTUVWXY";

    /// <summary>Characters in a code.</summary>
    public const int Length = 6;

    /// <summary>"K7M2QX" as a screen shows it: "K7M-2QX".</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..3]}-{code[3..]}" : code;

    /// <summary>
    /// The code as typed (any case, with or without the dash or spaces) in its stored form, or null when it cannot be
    /// a code (wrong length or a character outside <see cref="Alphabet"/>).
    /// </summary>
    public static string? Normalize(string? typed)
    {
        var code = new string([.. (typed ?? "").Where(c => c is not ('-' or ' ' or '\u00A0')).Select(char.ToUpperInvariant)]);
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>The console's claim page for <paramref name="code"/> on the server at <paramref name="serverUrl"/> (what the QR code holds).</summary>
    public static Uri ClaimUrl(Uri serverUrl, string code) => new(serverUrl, $"{ClaimPath}?code={code}");
}
