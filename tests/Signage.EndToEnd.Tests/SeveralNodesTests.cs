using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Signage.Contracts;
using Signage.Core.Alerts;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// Two server nodes on one database and one Redis (node A runs the Hangfire jobs, node B does not), and two screens
/// of one group: screen A's player connected to node A, screen B's to node B.
/// </summary>
public sealed class TwoNodeSystem : IAsyncLifetime, IDisposable
{
    public const string SecondScreenName = "Salle du conseil";

    RedisServer? redis;
    SignageSystem? system;
    OtherServer? nodeB;
    OtherPlayer? playerB;

    public RedisServer Redis => redis ?? throw new InvalidOperationException("Not started.");

    /// <summary>Node A with screen A's player (the system's own server and player).</summary>
    public SignageSystem System => system ?? throw new InvalidOperationException("Not started.");

    public OtherServer NodeB => nodeB ?? throw new InvalidOperationException("Not started.");

    public OtherPlayer PlayerB => playerB ?? throw new InvalidOperationException("Not started.");

    public Guid ScreenB { get; private set; }

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        system = new SignageSystem(new Dictionary<string, string> { ["Signage__Redis"] = redis.ConnectionString });
        await system.InitializeAsync();
        (ScreenB, var token) = await system.CreateScreenAsync(SecondScreenName);
        nodeB = await system.StartOtherServerAsync("server-b", new Dictionary<string, string>
        {
            ["Signage__Redis"] = redis.ConnectionString,
            ["Signage__Jobs__Enabled"] = "false",
        });
        playerB = await system.StartOtherPlayerAsync("player-b", new Dictionary<string, string>
        {
            ["Player__ServerUrl"] = nodeB.Url.ToString(),
            [PlayerSettings.DeviceTokenVariable] = token,
        });
    }

    public async Task DisposeAsync()
    {
        playerB?.Dispose();
        nodeB?.Dispose();
        if (system is not null)
        {
            await system.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        playerB?.Dispose();
        nodeB?.Dispose();
        system?.Dispose();
        redis?.Dispose();
    }
}

/// <summary>Alerts across server nodes through the Redis backplane, and on one node while Redis is down.</summary>
public class SeveralNodesTests(TwoNodeSystem nodes) : IClassFixture<TwoNodeSystem>
{
    static readonly TimeSpan Delivery = TimeSpan.FromSeconds(15);
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    SignageSystem System => nodes.System;

    [Fact]
    public async Task AnAlertRaisedOnOneNodeReachesThePlayersOfBothNodesAndTheirConfirmationsReachBothConsolesAndWithRedisDownANodeStillAlertsItsOwnPlayers()
    {
        using var consoleA = await SignageSystem.SignInAsync(System.ServerUrl);
        using var consoleB = await SignageSystem.SignInAsync(nodes.NodeB.Url);

        var alertId = await RaiseAsync(consoleA, "Évacuation", "Quittez le bâtiment par la sortie la plus proche.");
        var shownA = await WaitForAlertAsync(System.PlayerUrl, alertId, "player A (node A) to show the alert raised on node A");
        var shownB = await WaitForAlertAsync(nodes.PlayerB.Url, alertId, "player B (node B) to show the alert raised on node A");
        Assert.Contains("Évacuation", shownA.AccessibleText);
        Assert.Contains("Évacuation", shownB.AccessibleText);

        // What each display page does once it has drawn the alert.
        foreach (var player in new[] { System.PlayerUrl, nodes.PlayerB.Url })
        {
            using var shown = await System.Http.PostAsync(new Uri(player, $"/api/alerts/{alertId}/shown"), null);
            Assert.True(shown.IsSuccessStatusCode, $"{player}: {shown.StatusCode}");
        }

        foreach (var console in new[] { consoleA, consoleB })
        {
            var status = await System.WaitAsync(async () =>
                await console.GetFromJsonAsync<AlertStatus>($"/api/alerts/{alertId}", Json) is { Confirmed: 2 } s ? s : null,
                Delivery, $"{console.BaseAddress} to count both confirmations");
            Assert.Equal(2, status.Targeted);
            Assert.Equal(new[] { System.ScreenId, nodes.ScreenB }.Order(), status.Screens.Where(s => s.ShownAt is not null).Select(s => s.ScreenId).Order());
        }

        nodes.Redis.Stop();
        var offline = await RaiseAsync(consoleB, "Confinement", "Restez à l'intérieur, fermez portes et fenêtres.");
        var shownOffline = await WaitForAlertAsync(nodes.PlayerB.Url, offline, "player B to show the alert raised on its own node with Redis down");
        Assert.Contains("Confinement", shownOffline.AccessibleText);
    }

    async Task<ShownAlert> WaitForAlertAsync(Uri player, Guid alertId, string what)
    {
        var status = await System.WaitAsync(async () => await System.StatusAsync(player) is { Alert.Id: var id } s && id == alertId ? s : null, Delivery, what);
        return status.Alert!;
    }

    async Task<Guid> RaiseAsync(HttpClient console, string title, string body)
    {
        using var raised = await console.PostAsJsonAsync("/api/alerts", new
        {
            title,
            body,
            targets = new[] { new { kind = "Group", id = System.GroupId } },
            minutes = 10,
        });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        return (await raised.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    sealed record IdOnly(Guid Id);
}
