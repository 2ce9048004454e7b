namespace Signage.Core.Screens;

/// <summary>Sends a claimed code's device token to the pairing connection that asked for the code (the server implements it with its hub).</summary>
public interface IPairingNotifier
{
    Task PairedAsync(string connectionId, string deviceToken, CancellationToken ct);
}
