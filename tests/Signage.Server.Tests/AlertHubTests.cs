using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Hub;
using Signage.Core.Accounts;
using Signage.Core.Alerts;
using Signage.Core.Screens;
using static Signage.Server.Content.ContentApi;

namespace Signage.Server.Tests;

/// <summary>An alert through the real hub: one message to the targeted screens, confirmations from displays, the end everywhere, late screens.</summary>
public class AlertHubTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task TargetedScreensReceiveTheAlertAndItsPictureConfirmItAndAreClearedOthersNever()
    {
        var (first, group) = await server.ScreenAsync("Alerte hall A");
        var second = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync("Hall A bis", group.Id));
        var (outside, _) = await server.ScreenAsync("Alerte hall B");
        await using var a = await ListeningAsync(first.Token);
        await using var b = await ListeningAsync(second.Token);
        await using var other = await ListeningAsync(outside.Token);
        var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var raised = await publisher.PostAsJsonAsync("/api/alerts",
            new { title = "Évacuation", body = "Sortez par l'issue la plus proche.", targets = new[] { new { kind = "Group", id = group.Id } }, minutes = 30 });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var alertId = (await raised.Content.ReadFromJsonAsync<ContentCreated>())!.Id;

        var message = await a.Raised.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(alertId, (await b.Raised.Task.WaitAsync(TimeSpan.FromSeconds(10))).AlertId);
        Assert.Equal(alertId, message.AlertId);
        Assert.Contains("Évacuation", message.AccessibleText);
        Assert.Equal(4, message.Images.Count);
        var picture = message.ImageFor(1920, 1080)!;
        Assert.Equal((1920, 1080), (picture.Width, picture.Height));
        Assert.Equal(HttpStatusCode.OK, await AssetStatusAsync(first.Token, picture.Asset.Sha256));
        Assert.Equal(HttpStatusCode.Forbidden, await AssetStatusAsync(outside.Token, picture.Asset.Sha256));

        Assert.True(await a.Connection.InvokeAsync<bool>(PlayerHubContract.AckAlert, alertId));
        Assert.True(await a.Connection.InvokeAsync<bool>(PlayerHubContract.AckAlert, alertId));
        Assert.False(await other.Connection.InvokeAsync<bool>(PlayerHubContract.AckAlert, alertId));
        var status = (await publisher.GetFromJsonAsync<AlertStatus>($"/api/alerts/{alertId}"))!;
        Assert.True(status.Active);
        Assert.Equal((2, 1), (status.Targeted, status.Confirmed));
        Assert.Equal(second.Screen.Id, Assert.Single(status.Screens, s => s.ShownAt is null).ScreenId);
        Assert.Contains(await publisher.GetFromJsonAsync<List<ActiveAlert>>("/api/alerts") ?? [], x => x.AlertId == alertId);

        using var ended = await publisher.PostAsync($"/api/alerts/{alertId}/end", null);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(alertId, await a.Cleared.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(alertId, await b.Cleared.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(other.Raised.Task.IsCompleted || other.Cleared.Task.IsCompleted);
        Assert.False((await publisher.GetFromJsonAsync<AlertStatus>($"/api/alerts/{alertId}"))!.Active);
        Assert.False(await b.Connection.InvokeAsync<bool>(PlayerHubContract.AckAlert, alertId));
        Assert.Equal(HttpStatusCode.Forbidden, await AssetStatusAsync(second.Token, picture.Asset.Sha256));
    }

    [Fact]
    public async Task AScreenThatConnectsDuringAnAlertReceivesItAtOnceAndNotAfterItsEnd()
    {
        var (screen, group) = await server.ScreenAsync("Alerte tardive");
        var publisher = await server.ClientAsAsync(Roles.Publisher);
        using var raised = await publisher.PostAsJsonAsync("/api/alerts",
            new { title = "Confinement", body = "Restez à l'intérieur.", targets = new[] { new { kind = "Screen", id = screen.Screen.Id } }, minutes = 30 });
        var alertId = (await raised.Content.ReadFromJsonAsync<ContentCreated>())!.Id;

        await using (var late = await ListeningAsync(screen.Token))
        {
            Assert.Equal(alertId, (await late.Raised.Task.WaitAsync(TimeSpan.FromSeconds(10))).AlertId);
        }

        using var ended = await publisher.PostAsync($"/api/alerts/{alertId}/end", null);
        await using var afterEnd = await ListeningAsync(screen.Token);
        // The connection's first messages arrive before Sync answers: once it has, no alert came.
        await afterEnd.Connection.InvokeAsync<object?>(PlayerHubContract.Sync, long.MaxValue);
        Assert.False(afterEnd.Raised.Task.IsCompleted);
    }

    [Fact]
    public async Task ScreenMovedToAnotherGroupReceivesThatGroupsAlerts()
    {
        var (screen, _) = await server.ScreenAsync("Alerte avant déménagement");
        var moved = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Alerte après déménagement"));
        await using var player = await ListeningAsync(screen.Token);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        player.Connection.Closed += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };

        await server.WithAsync(async s =>
        {
            await s.GetRequiredService<ScreenService>().SetGroupsAsync(screen.Screen.Id, [moved.Id]);
            return true;
        });
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var again = await ListeningAsync(screen.Token);
        var publisher = await server.ClientAsAsync(Roles.Publisher);
        using var raised = await publisher.PostAsJsonAsync("/api/alerts",
            new { title = "Alerte météo", body = "Vents violents.", targets = new[] { new { kind = "Group", id = moved.Id } }, minutes = 10 });
        var alertId = (await raised.Content.ReadFromJsonAsync<ContentCreated>())!.Id;

        Assert.Equal(alertId, (await again.Raised.Task.WaitAsync(TimeSpan.FromSeconds(10))).AlertId);
        using var ended = await publisher.PostAsync($"/api/alerts/{alertId}/end", null);
    }

    [Fact]
    public async Task AnIntrusionAlertIsSentToTheGroupsScreensExceptThoseSeenFromTheStreet()
    {
        var (inside, group) = await server.ScreenAsync("Alerte intrusion");
        var street = await server.WithAsync(s => s.GetRequiredService<ScreenService>()
            .CreateScreenAsync(new NewScreen("Vitrine", group.Id, VisibleFromStreet: true)));
        await using var insidePlayer = await ListeningAsync(inside.Token);
        await using var streetPlayer = await ListeningAsync(street.Token);
        var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var raised = await publisher.PostAsJsonAsync("/api/alerts",
            new { template = "intrusion", targets = new[] { new { kind = "Group", id = group.Id } }, minutes = 30 });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var alertId = (await raised.Content.ReadFromJsonAsync<ContentCreated>())!.Id;

        Assert.Equal(alertId, (await insidePlayer.Raised.Task.WaitAsync(TimeSpan.FromSeconds(10))).AlertId);
        // Messages on one connection arrive in order: once Sync answers, the street screen has had all it will get.
        await streetPlayer.Connection.InvokeAsync<object?>(PlayerHubContract.Sync, long.MaxValue);
        Assert.False(streetPlayer.Raised.Task.IsCompleted);
        await using var streetAgain = await ListeningAsync(street.Token);
        await streetAgain.Connection.InvokeAsync<object?>(PlayerHubContract.Sync, long.MaxValue);
        Assert.False(streetAgain.Raised.Task.IsCompleted);
        using var ended = await publisher.PostAsync($"/api/alerts/{alertId}/end", null);
    }

    async Task<HttpStatusCode> AssetStatusAsync(string token, string sha256)
    {
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(PlayerHubContract.AssetPath(sha256));
        return response.StatusCode;
    }

    async Task<Listening> ListeningAsync(string token)
    {
        var connection = server.PlayerConnection(token);
        var listening = new Listening(connection);
        connection.On<AlertMessage>(nameof(IPlayerClient.AlertRaised), m => listening.Raised.TrySetResult(m));
        connection.On<Guid>(nameof(IPlayerClient.AlertCleared), id => listening.Cleared.TrySetResult(id));
        await connection.StartAsync();
        return listening;
    }

    sealed class Listening(HubConnection connection) : IAsyncDisposable
    {
        public HubConnection Connection { get; } = connection;
        public TaskCompletionSource<AlertMessage> Raised { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<Guid> Cleared { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
