using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Server.Accounts;

namespace Signage.Server.Screens;

[Authorize(Policy = Policies.Screen)]
public sealed class PlayerHub(ManifestService manifests, SignageDb db, ConnectedScreens connected, TimeProvider clock) : Hub<IPlayerClient>
{
    public static string ScreenGroup(Guid screenId) => $"screen:{screenId}";

    public override async Task OnConnectedAsync()
    {
        var screenId = Context.User!.ScreenId();
        connected.Add(screenId, Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, ScreenGroup(screenId));
        var now = clock.GetUtcNow();
        await db.Screens.Where(s => s.Id == screenId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connected.Remove(Context.User!.ScreenId(), Context);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The current manifest when it is newer than the one the player holds, else null.</summary>
    [HubMethodName(PlayerHubContract.Sync)]
    public async Task<ScreenManifest?> Sync(long heldVersion)
    {
        var current = await manifests.CurrentAsync(Context.User!.ScreenId(), Context.ConnectionAborted);
        return current is not null && current.Version > heldVersion ? current : null;
    }
}

public sealed class HubScreenNotifier(IHubContext<PlayerHub, IPlayerClient> hub, ConnectedScreens connected) : IScreenNotifier
{
    public Task ManifestChangedAsync(Guid screenId, ScreenManifest manifest, CancellationToken ct) =>
        hub.Clients.Group(PlayerHub.ScreenGroup(screenId)).ManifestChanged(manifest);

    public Task DisconnectAsync(Guid screenId, CancellationToken ct)
    {
        connected.Abort(screenId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Live hub connections per screen on this node, so a revoked token is cut at once rather than
/// at the next reconnect. With several nodes each node cuts its own (the token check refuses the
/// reconnection everywhere).
/// </summary>
public sealed class ConnectedScreens
{
    readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> screens = new();

    public void Add(Guid screenId, HubCallerContext context) =>
        screens.GetOrAdd(screenId, _ => new())[context.ConnectionId] = context;

    public void Remove(Guid screenId, HubCallerContext context)
    {
        if (screens.TryGetValue(screenId, out var contexts))
        {
            contexts.TryRemove(context.ConnectionId, out _);
        }
    }

    public void Abort(Guid screenId)
    {
        if (screens.TryRemove(screenId, out var contexts))
        {
            foreach (var context in contexts.Values)
            {
                context.Abort();
            }
        }
    }
}
