using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Data;

namespace Signage.Server.Tests;

/// <summary>The sites' and schedules' editing endpoints: refusals with their code, changing nothing.</summary>
public class ConsoleJobsApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task ASiteIsCreatedRenamedAndItsDeletionRefusedWhileItHasScreens()
    {
        var (screen, _) = await server.ScreenAsync("Site API");
        var siteId = await server.WithAsync(async s => (await s.GetRequiredService<SignageDb>().Screens.FindAsync(screen.Screen.Id))!.SiteId);
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var created = await admin.PostAsJsonAsync("/api/sites/", new { name = $"Annexe {Guid.NewGuid():N}", timeZone = "Indian/Reunion" });
        using var badZone = await admin.PutAsJsonAsync($"/api/sites/{siteId}", new { name = "Mairie", timeZone = "Europe/Lutece" });
        using var refused = await admin.DeleteAsync($"/api/sites/{siteId}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("(Hall", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await server.WithAsync(s => s.GetRequiredService<SignageDb>().Sites.AnyAsync(x => x.Id == siteId)));
    }

    [Fact]
    public async Task AnUnknownEntryOrLineIsNotFoundAndAListNeedsWhatToList()
    {
        using var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var entry = await publisher.DeleteAsync($"/api/schedules/{Guid.NewGuid()}");
        using var line = await publisher.DeleteAsync($"/api/ticker/{Guid.NewGuid()}");
        using var list = await publisher.GetAsync("/api/schedules/");

        Assert.Equal(HttpStatusCode.NotFound, entry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, line.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
    }
}
