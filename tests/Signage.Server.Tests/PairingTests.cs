using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Signage.Contracts.Hub;
using Signage.Core.Accounts;
using Signage.Core.Screens;

namespace Signage.Server.Tests;

/// <summary>Pairing by code through the real hub and API: the token reaches the waiting player only, once, in time.</summary>
public class PairingTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AClaimedCodeSendsItsTokenToTheWaitingPlayerWhichThenConnectsAsTheNewScreen()
    {
        var group = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Médiathèque"));
        await using var waiting = await WaitingPlayerAsync();
        var admin = await server.ClientAsAsync(Roles.Administrator);

        using var response = await admin.PostAsJsonAsync("/api/pairing/claims",
            new { code = PairingContract.Display(waiting.Offer.Code).ToLowerInvariant(), name = "Hall médiathèque", groupIds = new[] { group.Id }, audience = "Public" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = await waiting.Token.Task.WaitAsync(TimeSpan.FromSeconds(2));
        var screen = await server.WithAsync(async s => await s.GetRequiredService<ScreenService>().FindByTokenAsync(token));
        Assert.NotNull(screen);
        Assert.Equal("Hall médiathèque", screen.Name);
        Assert.Equal([group.Id], screen.GroupIds);
        Assert.Equal((1280, 720), (screen.Width, screen.Height));
        await using var player = server.PlayerConnection(token);
        await player.StartAsync();
        Assert.Equal(HubConnectionState.Connected, player.State);
    }

    [Fact]
    public async Task ACodeServesOnce()
    {
        var group = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Piscine"));
        await using var waiting = await WaitingPlayerAsync();
        var admin = await server.ClientAsAsync(Roles.Administrator);
        using var first = await ClaimAsync(admin, waiting.Offer.Code, "Bassin", group.Id);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await ClaimAsync(admin, waiting.Offer.Code, "Bassin bis", group.Id);

        await AssertRefusedAsync(second, HttpStatusCode.BadRequest, "pairing.used");
        Assert.False(await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().Screens.AnyAsync(x => x.Name == "Bassin bis")));
    }

    [Fact]
    public async Task ACodeExpiresAfterFifteenMinutes()
    {
        var group = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Gymnase"));
        await using var waiting = await WaitingPlayerAsync();
        Assert.Equal(15 * 60, waiting.Offer.ValidForSeconds);
        var admin = await server.ClientAsAsync(Roles.Administrator);
        ((FakeTimeProvider)server.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromMinutes(15));

        using var late = await ClaimAsync(admin, waiting.Offer.Code, "Gymnase", group.Id);

        await AssertRefusedAsync(late, HttpStatusCode.BadRequest, "pairing.expired");
        Assert.False(waiting.Token.Task.IsCompleted);
    }

    [Theory]
    [InlineData("", "validation")]
    [InlineData("K7M-2Q", "validation")]
    [InlineData("K0M-2QX", "validation")]
    [InlineData("<script>", "validation")]
    [InlineData("AAA-AAA", "pairing.unknown-code")]
    public async Task ABadCodeIsAClearRefusalThatCreatesNothing(string code, string expected)
    {
        var group = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Refus"));
        var admin = await server.ClientAsAsync(Roles.Administrator);
        var before = await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().Screens.CountAsync());

        using var response = await ClaimAsync(admin, code, "Écran fantôme", group.Id);

        var problem = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, expected);
        Assert.False(string.IsNullOrWhiteSpace(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : problem.GetProperty("errors").GetProperty("code")[0].GetString()));
        Assert.Equal(before, await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().Screens.CountAsync()));
    }

    [Fact]
    public async Task AfterTenWrongCodesEvenTheRightOneIsRefusedForAWhile()
    {
        var group = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Force brute"));
        await using var waiting = await WaitingPlayerAsync();
        var admin = await server.ClientAsAsync(Roles.Administrator);
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await ClaimAsync(admin, "AAA-AAA", "Essai", group.Id);
            await AssertRefusedAsync(wrong, HttpStatusCode.BadRequest, "pairing.unknown-code");
        }

        using var right = await ClaimAsync(admin, waiting.Offer.Code, "Essai", group.Id);

        await AssertRefusedAsync(right, HttpStatusCode.TooManyRequests, "pairing.too-many-attempts");
        Assert.False(waiting.Token.Task.IsCompleted);
        // Another Administrator is not held back by the first one's mistakes.
        using var other = await ClaimAsync(await server.ClientAsAsync(Roles.Administrator), waiting.Offer.Code, "Essai", group.Id);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task OnlyAnAdministratorClaims()
    {
        await using var waiting = await WaitingPlayerAsync();
        var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var response = await ClaimAsync(publisher, waiting.Offer.Code, "Intrus", Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(waiting.Token.Task.IsCompleted);
    }

    [Fact]
    public async Task RePairingAScreenCutsItsOldPlayerAndRefusesItsOldToken()
    {
        var (old, _) = await server.ScreenAsync("Remplacé");
        await using var oldPlayer = server.PlayerConnection(old.Token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        oldPlayer.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await oldPlayer.StartAsync();
        await using var waiting = await WaitingPlayerAsync();
        var admin = await server.ClientAsAsync(Roles.Administrator);

        using var response = await admin.PostAsJsonAsync("/api/pairing/claims", new { code = waiting.Offer.Code, screenId = old.Screen.Id });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = await waiting.Token.Task.WaitAsync(TimeSpan.FromSeconds(2));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var again = server.PlayerConnection(old.Token);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        await using var replacement = server.PlayerConnection(token);
        await replacement.StartAsync();
        Assert.Equal(old.Screen.Id, (await server.WithAsync(async s => await s.GetRequiredService<ScreenService>().FindByTokenAsync(token)))!.Id);
    }

    [Fact]
    public async Task ARequestWithAnImpossibleResolutionIsRefused()
    {
        await using var connection = server.PairingConnection();
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<PairingOffer>(PairingContract.RequestCode, 10, 99999));

        Assert.Contains("résolution", error.Message, StringComparison.Ordinal);
    }

    async Task<WaitingPlayer> WaitingPlayerAsync()
    {
        var connection = server.PairingConnection();
        var token = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<string>(nameof(IPairingClient.Paired), t => token.TrySetResult(t));
        await connection.StartAsync();
        var offer = await connection.InvokeAsync<PairingOffer>(PairingContract.RequestCode, 1280, 720);
        Assert.Matches($"^[{PairingContract.Alphabet}]{{6}}$", offer.Code);
        return new WaitingPlayer(connection, offer, token);
    }

    static Task<HttpResponseMessage> ClaimAsync(HttpClient admin, string code, string name, Guid groupId) =>
        admin.PostAsJsonAsync("/api/pairing/claims", new { code, name, groupIds = new[] { groupId } });

    static async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    sealed record WaitingPlayer(HubConnection Connection, PairingOffer Offer, TaskCompletionSource<string> Token) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
