using System.Globalization;

namespace Signage.Core;

/// <summary>
/// The server cannot take this request now, but may in <see cref="RetryAfter"/>: nothing was stored. The API answers
/// 503 with <c>Retry-After</c>; the console shows the French message.
/// </summary>
public sealed class ServerBusyException(string code, string message, TimeSpan retryAfter) : RefusalException(code, message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    internal static ServerBusyException Decoding(TimeSpan retryAfter) => new(
        "busy-decoding",
        string.Create(CultureInfo.InvariantCulture,
            $"Le serveur décode déjà d'autres images : rien n'a été enregistré. Réessayez dans {retryAfter.TotalSeconds:0} secondes."),
        retryAfter);
}
