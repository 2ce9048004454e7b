using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core.Screens;
using Signage.Server.Screens;
using Signage.TestSupport;

namespace Signage.Server.Tests;

public class PlayerHubTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task HubRefusesAWrongToken()
    {
        await using var connection = server.PlayerConnection("not-a-device-token");
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task HubRefusesAMissingToken()
    {
        await using var connection = server.PlayerConnection(null);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task HubRefusesARevokedToken()
    {
        var (screen, _) = await server.ScreenAsync("Revoked");
        await server.WithAsync(s => s.GetRequiredService<ScreenService>().RevokeTokenAsync(screen.Screen.Id));

        await using var connection = server.PlayerConnection(screen.Token);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task RevokingATokenCutsTheLiveConnectionAndRefusesTheNextOne()
    {
        var (screen, _) = await server.ScreenAsync("Revoked live");
        await using var connection = server.PlayerConnection(screen.Token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        await server.WithAsync(s => s.GetRequiredService<ScreenService>().RevokeTokenAsync(screen.Screen.Id));

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var again = server.PlayerConnection(screen.Token);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("moved")]
    public async Task AChangeMadeByAnotherProcessCutsTheLiveConnectionWithinTwoSeconds(string change)
    {
        var (screen, _) = await server.ScreenAsync($"Cut from elsewhere {change}");
        var otherGroup = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync($"Elsewhere {change}"));
        await Eventually.ValueAsync(() => Task.FromResult<string?>(server.Services.GetRequiredService<ScreenChangeListener>().Listening ? "listening" : null),
            TimeSpan.FromSeconds(10), "the server to listen to screen changes");
        // Connected twice, so the second connection was served from the token cache.
        await (await ConnectedAsync(screen.Token)).DisposeAsync();
        var (connection, closed) = await ConnectedWithCloseAsync(screen.Token);
        await using var _ = connection;

        // Another process on the same database: its notifier reaches no hub, only the database's notification can.
        await using (var elsewhere = CoreTestServices.Build(server.Database, server.AssetRoot, new RecordingNotifier()))
        {
            await using var scope = elsewhere.CreateAsyncScope();
            var screens = scope.ServiceProvider.GetRequiredService<ScreenService>();
            if (change == "revoked")
            {
                Assert.True(await screens.RevokeTokenAsync(screen.Screen.Id));
            }
            else
            {
                await screens.SetGroupsAsync(screen.Screen.Id, [otherGroup.Id]);
            }
        }

        await closed.WaitAsync(TimeSpan.FromSeconds(2));
        await using var again = server.PlayerConnection(screen.Token);
        if (change == "revoked")
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }
        else
        {
            await again.StartAsync();
            Assert.Equal(HubConnectionState.Connected, again.State);
        }
    }

    async Task<HubConnection> ConnectedAsync(string token)
    {
        var connection = server.PlayerConnection(token);
        await connection.StartAsync();
        return connection;
    }

    async Task<(HubConnection Connection, Task Closed)> ConnectedWithCloseAsync(string token)
    {
        var connection = server.PlayerConnection(token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        return (connection, closed.Task);
    }

    [Fact]
    public async Task PlayerGetsTheCurrentManifestOnlyWhenItHoldsAnOlderOne()
    {
        var (screen, group) = await server.ScreenAsync("Sync");
        var announcement = await server.PublishAndRenderAsync(group.Id, "Collecte des encombrants");

        await using var connection = server.PlayerConnection(screen.Token);
        await connection.StartAsync();

        var current = await connection.InvokeAsync<ScreenManifest?>(PlayerHubContract.Sync, 0L);
        Assert.NotNull(current);
        Assert.True(ManifestCanonical.IsIntact(current));
        Assert.Equal(announcement.Id, Assert.Single(current.Body.Items).ContentId);
        Assert.Null(await connection.InvokeAsync<ScreenManifest?>(PlayerHubContract.Sync, current.Version));
    }

    [Fact]
    public async Task ConnectedPlayerIsPushedItsNewManifest()
    {
        var (screen, group) = await server.ScreenAsync("Push");
        var (otherScreen, _) = await server.ScreenAsync("Elsewhere");
        await using var connection = server.PlayerConnection(screen.Token);
        await using var other = server.PlayerConnection(otherScreen.Token);
        var received = new TaskCompletionSource<ScreenManifest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherReceived = false;
        connection.On<ScreenManifest>(nameof(IPlayerClient.ManifestChanged), m => received.TrySetResult(m));
        other.On<ScreenManifest>(nameof(IPlayerClient.ManifestChanged), _ => otherReceived = true);
        await connection.StartAsync();
        await other.StartAsync();

        var announcement = await server.PublishAndRenderAsync(group.Id, "Vaccination antigrippale");

        var pushed = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(announcement.Id, Assert.Single(pushed.Body.Items).ContentId);
        Assert.Equal(screen.Screen.Id, pushed.Body.ScreenId);
        Assert.False(otherReceived);
    }

    [Fact]
    public async Task ConnectedScreensAreMarkedSeenTogetherAtEachIntervalAndADisconnectedOneAges()
    {
        var (live, _) = await server.ScreenAsync("Contact vivant");
        var (gone, _) = await server.ScreenAsync("Contact parti");
        await using var connection = server.PlayerConnection(live.Token);
        await connection.StartAsync();
        await using (var leaving = server.PlayerConnection(gone.Token))
        {
            await leaving.StartAsync();
        }

        await Eventually.ValueAsync(() => Task.FromResult<string?>(server.Services.GetRequiredService<ConnectedScreens>().Ids().Contains(gone.Screen.Id) ? null : "gone"),
            TimeSpan.FromSeconds(10), "the server to see the screen leave");

        var clock = (Microsoft.Extensions.Time.Testing.FakeTimeProvider)server.Services.GetRequiredService<TimeProvider>();
        var interval = Signage.Server.Screens.ScreenContacts.Interval;
        async Task<(DateTimeOffset Live, DateTimeOffset? Gone)> TickAsync()
        {
            // Two intervals: at least one tick falls at or after before + interval, whatever the clock's phase.
            var before = clock.GetUtcNow();
            clock.Advance(interval * 2);
            var seen = await Eventually.ValueAsync(async () =>
            {
                await using var db = server.Database.CreateDb();
                return await db.Screens.AsNoTracking().FirstOrDefaultAsync(s => s.Id == live.Screen.Id && s.LastSeenAt >= before + interval);
            }, TimeSpan.FromSeconds(10), "the live screen's last contact");
            await using var check = server.Database.CreateDb();
            return (seen.LastSeenAt!.Value, await check.Screens.Where(s => s.Id == gone.Screen.Id).Select(s => s.LastSeenAt).SingleAsync());
        }

        // The test clock also moves 1 ms per read, so a tick may have caught the other screen while it was connected,
        // and its write may land after the first advance: what matters is that later ticks leave it where it was.
        var first = await TickAsync();
        var second = await TickAsync();
        Assert.True(second.Live > first.Live, "the live screen's last contact moves on at each interval");
        Assert.Equal(first.Gone, second.Gone);
        Assert.True(second.Gone is null || second.Gone < second.Live, $"the screen that left was marked seen at {second.Gone:O}, as late as the live one");
    }
}
