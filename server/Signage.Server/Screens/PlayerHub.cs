using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core;
using Signage.Core.Alerts;
using Signage.Core.Fleet;
using Signage.Core.Plays;
using Signage.Core.Scheduling;
using Signage.Server.Accounts;

namespace Signage.Server.Screens;

[Authorize(Policy = Policies.Screen)]
public sealed class PlayerHub(ManifestService manifests, AlertService alerts, ConnectedScreens connected) : Hub<IPlayerClient>
{
    public static string ScreenGroup(Guid screenId) => $"screen:{screenId}";

    public static string SiteGroup(Guid siteId) => $"site:{siteId}";

    public static string GroupGroup(Guid groupId) => $"group:{groupId}";

    /// <summary>The channel of the same screens less those seen from the street.</summary>
    public static string Inside(string group) => $"{group}:inside";

    /// <summary>
    /// The hub groups an alert for these targets is sent to: one message per group, not per screen;
    /// with <paramref name="insideOnly"/>, the channels that screens seen from the street do not join.
    /// </summary>
    public static IReadOnlyList<string> GroupsOf(IEnumerable<Target> targets, bool insideOnly = false) =>
    [
        .. targets.Distinct().Select(t => t.Kind switch
        {
            TargetKind.Site => SiteGroup(t.Id),
            TargetKind.Group => GroupGroup(t.Id),
            _ => ScreenGroup(t.Id),
        }).Select(g => insideOnly ? Inside(g) : g),
    ];

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var screenId = user.ScreenId();
        connected.Add(screenId, Context);
        // The screen's own channel (manifests) and its site's and groups' (alerts); a screen not seen
        // from the street also joins their inside channels (alerts hidden from the street).
        var street = user.VisibleFromStreet();
        string[] channels = [ScreenGroup(screenId), SiteGroup(user.SiteId()), .. user.GroupIds().Select(GroupGroup)];
        foreach (var channel in street ? channels : [.. channels, .. channels.Select(Inside)])
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, channel);
        }

        // A screen that was offline when an alert was raised shows it as soon as it is back.
        foreach (var alert in await alerts.ActiveForScreenAsync(screenId, user.SiteId(), user.GroupIds(), street, Context.ConnectionAborted))
        {
            await Clients.Caller.AlertRaised(alert);
        }

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

    /// <summary>The screen's display shows the alert; false when it is not an alert in force for this screen.</summary>
    [HubMethodName(PlayerHubContract.AckAlert)]
    public Task<bool> AckAlert(Guid alertId)
    {
        var user = Context.User!;
        return alerts.AcknowledgeAsync(user.ScreenId(), user.SiteId(), user.GroupIds(), user.VisibleFromStreet(), alertId, Context.ConnectionAborted);
    }

    /// <summary>The server's clock now, for the player's NTP-style offset measurement.</summary>
    [HubMethodName(PlayerHubContract.Time)]
    public DateTimeOffset Time(TimeProvider clock) => clock.GetUtcNow();

    /// <summary>The player's report on itself; kept in memory and written with the others in one batch.</summary>
    [HubMethodName(PlayerHubContract.Report)]
    public void Report(PlayerReport report, ScreenReports reports, TimeProvider clock)
    {
        if (report.CacheBytes < 0 || report.FreeDiskBytes < 0 || !double.IsFinite(report.UptimeSeconds) || report.UptimeSeconds < 0
            || !double.IsFinite(report.ClockOffsetSeconds) || report.AgentVersion is null or { Length: > PlayerReport.MaxAgentVersionLength })
        {
            throw new HubException("Rapport refusé : tailles, durées et décalage doivent être des nombres positifs (ou finis), la version courte.");
        }

        reports.Add(new ReceivedReport(Context.User!.ScreenId(), report, clock.GetUtcNow()));
    }

    /// <summary>A batch of the player's journalled plays, for this screen only; answers how many were new (a batch sent again counts once).</summary>
    [HubMethodName(PlayerHubContract.ReportPlays)]
    public async Task<int> ReportPlays(IReadOnlyList<PlayRecord?>? plays, PlayService service)
    {
        var user = Context.User!;
        try
        {
            return await service.RecordAsync(user.ScreenId(), user.SiteId(), plays, Context.ConnectionAborted);
        }
        catch (ValidationException e)
        {
            throw new HubException($"Diffusions refusées : {e.Message}");
        }
    }
}

public sealed class HubScreenNotifier(IHubContext<PlayerHub, IPlayerClient> hub, ConnectedScreens connected, DeviceTokenCache tokens) : IScreenNotifier
{
    public Task ManifestChangedAsync(Guid screenId, ScreenManifest manifest, CancellationToken ct) =>
        hub.Clients.Group(PlayerHub.ScreenGroup(screenId)).ManifestChanged(manifest);

    public Task AlertRaisedAsync(AlertMessage alert, IReadOnlyCollection<Target> targets, bool hiddenFromStreet, CancellationToken ct) =>
        hub.Clients.Groups(PlayerHub.GroupsOf(targets, insideOnly: hiddenFromStreet)).AlertRaised(alert);

    public Task AlertClearedAsync(Guid alertId, IReadOnlyCollection<Target> targets, CancellationToken ct) =>
        hub.Clients.Groups(PlayerHub.GroupsOf(targets)).AlertCleared(alertId);

    public Task DisconnectAsync(Guid screenId, CancellationToken ct)
    {
        // Forgotten first, so the player's reconnection reads its token again.
        tokens.Evict(screenId);
        connected.Abort(screenId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Live hub connections per screen on this node, so a revoked token is cut at once rather than
/// at the next reconnect. With several nodes each node cuts its own, told by <see cref="ScreenChangeListener"/>.
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

    /// <summary>The screens with at least one live connection on this node.</summary>
    public Guid[] Ids() => [.. screens.Where(s => !s.Value.IsEmpty).Select(s => s.Key)];

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
