using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Screens;

namespace Signage.Server.Tests;

public class ScreenGroupsApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AdministratorAddsAScreenToASecondGroupAndOthersMayNot()
    {
        var (screen, lobby) = await server.ScreenAsync("Groups lobby");
        var culture = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Groups culture"));
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        using var publisher = await server.ClientAsAsync(Roles.Publisher);
        using var anonymous = server.CreateClient();
        var url = $"/api/screens/{screen.Screen.Id}/groups";

        using var denied = await publisher.PutAsJsonAsync(url, new { groupIds = new[] { culture.Id } });
        using var unauthenticated = await anonymous.PutAsJsonAsync(url, new { groupIds = new[] { culture.Id } });
        using var unknown = await admin.PutAsJsonAsync(url, new { groupIds = new[] { Guid.NewGuid() } });
        using var ok = await admin.PutAsJsonAsync(url, new { groupIds = new[] { lobby.Id, culture.Id } });

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var groups = await server.WithAsync(async s => (await s.GetRequiredService<SignageDb>().Screens.FindAsync(screen.Screen.Id))!.GroupIds);
        Assert.Equal(new[] { lobby.Id, culture.Id }.Order(), groups.Order());
    }

    [Fact]
    public async Task AdministratorCreatesAScreenAndGetsItsTokenOnceOthersMayNot()
    {
        var group = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Groups new"));
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        using var publisher = await server.ClientAsAsync(Roles.Publisher);
        var body = new { name = "Hall de la médiathèque", groupId = group.Id, audience = "Public", width = 1080, height = 1920, viewingDistanceMeters = 5 };

        using var denied = await publisher.PostAsJsonAsync("/api/screens", body);
        using var bad = await admin.PostAsJsonAsync("/api/screens", body with { viewingDistanceMeters = -1 });
        using var created = await admin.PostAsJsonAsync("/api/screens", body);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString());
        var view = (await created.Content.ReadFromJsonAsync<CreatedView>())!;
        var found = await server.WithAsync(s => s.GetRequiredService<ScreenService>().FindByTokenAsync(view.Token));
        Assert.Equal((view.Id, 1080, 1920, 5d), (found!.Id, found.Width, found.Height, found.ViewingDistanceMeters));
    }

    sealed record CreatedView(Guid Id, string Name, string Token);
}
