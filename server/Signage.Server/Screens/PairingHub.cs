using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Signage.Contracts.Hub;
using Signage.Core;
using Signage.Core.Screens;

namespace Signage.Server.Screens;

/// <summary>
/// Where a player with no token waits: anonymous (connections are rate-limited per address), it asks for a code
/// and later receives its device token on this connection, and on no other.
/// </summary>
[AllowAnonymous]
public sealed class PairingHub(PairingService pairing) : Hub<IPairingClient>
{
    [HubMethodName(PairingContract.RequestCode)]
    public async Task<PairingOffer> RequestCode(int width, int height)
    {
        try
        {
            return await pairing.RequestAsync(width, height, Context.ConnectionId,
                Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString(), Context.ConnectionAborted);
        }
        catch (RefusalException e)
        {
            // The player logs the reason; other exceptions stay generic.
            throw new HubException(e.Message);
        }
    }
}

public sealed class HubPairingNotifier(IHubContext<PairingHub, IPairingClient> hub) : IPairingNotifier
{
    public Task PairedAsync(string connectionId, string deviceToken, CancellationToken ct) =>
        hub.Clients.Client(connectionId).Paired(deviceToken);
}
