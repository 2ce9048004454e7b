using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace Signage.Server.Nodes;

/// <summary>
/// Several server nodes share their hub messages through Redis (<c>Signage:Redis</c>): an alert raised on one node
/// reaches the players connected to the others. Without the setting, each node's hub stays on its own.
/// </summary>
public static class RedisBackplane
{
    /// <summary>Every channel this system publishes starts with it, so that one Redis can serve other programs too.</summary>
    public const string ChannelPrefix = "signage";

    public static ISignalRServerBuilder AddRedisBackplane(this ISignalRServerBuilder signalR, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return signalR;
        }

        signalR.AddStackExchangeRedis(connectionString, o =>
        {
            o.Configuration.ChannelPrefix = RedisChannel.Literal(ChannelPrefix);
            // A node starts, and keeps serving its own players, while Redis is down; it reconnects in the background.
            o.Configuration.AbortOnConnectFail = false;
            // While Redis is unreachable a message fails at once, and goes to this node's players, rather than
            // waiting in StackExchange.Redis's backlog for a reconnection that may take minutes.
            o.Configuration.BacklogPolicy = BacklogPolicy.FailFast;
        });
        signalR.Services.AddSingleton(typeof(RedisHubLifetimeManager<>));
        signalR.Services.AddSingleton(typeof(HubLifetimeManager<>), typeof(LocalFallbackHubLifetimeManager<>));
        return signalR;
    }
}

/// <summary>
/// The Redis backplane, which delivers even this node's own group messages through Redis, with this node's
/// connections kept aside too: when Redis cannot take a message, the connections of this node get it directly.
/// A connection made while Redis is down is served by this node alone until it reconnects.
/// </summary>
public sealed partial class LocalFallbackHubLifetimeManager<THub>(
    RedisHubLifetimeManager<THub> redis,
    ILogger<DefaultHubLifetimeManager<THub>> localLogger,
    ILogger<LocalFallbackHubLifetimeManager<THub>> logger) : HubLifetimeManager<THub>
    where THub : Hub
{
    readonly DefaultHubLifetimeManager<THub> local = new(localLogger);

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await local.OnConnectedAsync(connection);
        await Tolerate(() => redis.OnConnectedAsync(connection), "connect");
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await local.OnDisconnectedAsync(connection);
        await Tolerate(() => redis.OnDisconnectedAsync(connection), "disconnect");
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        await Tolerate(() => redis.AddToGroupAsync(connectionId, groupName, cancellationToken), "join a group");
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        await Tolerate(() => redis.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), "leave a group");
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendAllAsync(methodName, args, cancellationToken), () => local.SendAllAsync(methodName, args, cancellationToken));

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken),
            () => local.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendConnectionAsync(connectionId, methodName, args, cancellationToken),
            () => local.SendConnectionAsync(connectionId, methodName, args, cancellationToken));

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken),
            () => local.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendGroupAsync(groupName, methodName, args, cancellationToken),
            () => local.SendGroupAsync(groupName, methodName, args, cancellationToken));

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendGroupsAsync(groupNames, methodName, args, cancellationToken),
            () => local.SendGroupsAsync(groupNames, methodName, args, cancellationToken));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken),
            () => local.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendUserAsync(userId, methodName, args, cancellationToken),
            () => local.SendUserAsync(userId, methodName, args, cancellationToken));

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        OrLocally(() => redis.SendUsersAsync(userIds, methodName, args, cancellationToken),
            () => local.SendUsersAsync(userIds, methodName, args, cancellationToken));

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        redis.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) =>
        redis.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        redis.TryGetReturnType(invocationId, out type);

    static bool IsRedisOutage(Exception e) => e is RedisException or TimeoutException;

    async Task OrLocally(Func<Task> throughRedis, Func<Task> locally)
    {
        try
        {
            await throughRedis();
        }
        catch (Exception e) when (IsRedisOutage(e))
        {
            LogSentLocally(logger, e);
            await locally();
        }
    }

    async Task Tolerate(Func<Task> throughRedis, string what)
    {
        try
        {
            await throughRedis();
        }
        catch (Exception e) when (IsRedisOutage(e))
        {
            LogNodeOnly(logger, e, what);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis is unreachable: the message goes to this node's connections only.")]
    static partial void LogSentLocally(ILogger logger, Exception e);

    [LoggerMessage(LogLevel.Warning, "Redis is unreachable: could not {What} through it; this node serves the connection alone.")]
    static partial void LogNodeOnly(ILogger logger, Exception e, string what);
}
