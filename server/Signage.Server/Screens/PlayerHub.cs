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
public sealed class PlayerHub(ManifestService manifests, SignageDb db, TimeProvider clock) : Hub<IPlayerClient>
{
    public static string ScreenGroup(Guid screenId) => $"screen:{screenId}";

    public static string GroupOfScreens(Guid groupId) => $"group:{groupId}";

    public override async Task OnConnectedAsync()
    {
        var screenId = Context.User!.ScreenId();
        await Groups.AddToGroupAsync(Context.ConnectionId, ScreenGroup(screenId));
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOfScreens(Context.User!.GroupId()));
        var now = clock.GetUtcNow();
        await db.Screens.Where(s => s.Id == screenId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        await base.OnConnectedAsync();
    }

    /// <summary>The current manifest when it is newer than the one the player holds, else null.</summary>
    [HubMethodName(PlayerHubContract.Sync)]
    public async Task<ScreenManifest?> Sync(long heldVersion)
    {
        var current = await manifests.CurrentAsync(Context.User!.ScreenId(), Context.ConnectionAborted);
        return current is not null && current.Version > heldVersion ? current : null;
    }
}

public sealed class HubScreenNotifier(IHubContext<PlayerHub, IPlayerClient> hub) : IScreenNotifier
{
    public Task ManifestChangedAsync(Guid screenId, ScreenManifest manifest, CancellationToken ct) =>
        hub.Clients.Group(PlayerHub.ScreenGroup(screenId)).ManifestChanged(manifest);
}
