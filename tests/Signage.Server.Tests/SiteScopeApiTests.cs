using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Alerts;
using Signage.Core.Data;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.Server.Tests;

/// <summary>A Publisher of the library acts on the library's screens only, and the refusal says why.</summary>
public class SiteScopeApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task APublisherOfTheLibraryCannotAlertOrScheduleOnTheTownHallButCanOnTheLibrary()
    {
        var (library, libraryGroup) = await SiteWithScreenAsync("Médiathèque");
        var (townHall, townHallGroup) = await SiteWithScreenAsync("Hôtel de ville");
        using var publisher = await server.ClientAsAsync(Roles.Publisher, library);
        var announcement = await server.PublishAndRenderAsync(libraryGroup, "Heure du conte");

        using var alert = await publisher.PostAsJsonAsync("/api/alerts", new { title = "Évacuation", body = "Sortez.", targets = new[] { new { kind = "Site", id = townHall } } });
        using var viaGroup = await publisher.PostAsJsonAsync("/api/alerts", new { title = "Évacuation", body = "Sortez.", targets = new[] { new { kind = "Group", id = townHallGroup } } });
        using var schedule = await publisher.PostAsJsonAsync("/api/schedules", new { announcementId = announcement.Id, targets = new[] { new { kind = "Group", id = townHallGroup } } });
        using var ticker = await publisher.PostAsJsonAsync("/api/ticker", new { text = "Fermeture à 17 h", targets = new[] { new { kind = "Site", id = townHall } } });
        var before = await server.WithAsync(s => s.GetRequiredService<SignageDb>().ScheduleEntries.CountAsync());

        foreach (var refused in new[] { alert, viaGroup, schedule, ticker })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("outside-your-sites", problem.GetProperty("code").GetString());
            Assert.Contains("« Hôtel de ville »", problem.GetProperty("detail").GetString());
        }

        Assert.Equal(before, await server.WithAsync(s => s.GetRequiredService<SignageDb>().ScheduleEntries.CountAsync()));
        Assert.DoesNotContain(await server.WithAsync(s => s.GetRequiredService<AlertService>().ActiveAsync()), a => a.Title == "Évacuation");
        using var mine = await publisher.PostAsJsonAsync("/api/alerts", new { title = "Évacuation", body = "Sortez.", targets = new[] { new { kind = "Site", id = library } } });
        using var mySchedule = await publisher.PostAsJsonAsync("/api/schedules", new { announcementId = announcement.Id, targets = new[] { new { kind = "Group", id = libraryGroup } } });
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, mySchedule.StatusCode);
    }

    [Fact]
    public async Task APublisherOfTheLibraryCannotEndTheTownHallsAlert()
    {
        var (library, _) = await SiteWithScreenAsync("Bibliothèque");
        var (townHall, _) = await SiteWithScreenAsync("Mairie annexe");
        using var everywhere = await server.ClientAsAsync(Roles.Publisher);
        using var librarian = await server.ClientAsAsync(Roles.Publisher, library);
        using var raised = await everywhere.PostAsJsonAsync("/api/alerts", new { title = "Confinement", body = "Restez à l'intérieur.", targets = new[] { new { kind = "Site", id = townHall } } });
        var alertId = JsonDocument.Parse(await raised.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        using var end = await librarian.PostAsync($"/api/alerts/{alertId}/end", null);

        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);
        Assert.Contains(await server.WithAsync(s => s.GetRequiredService<AlertService>().ActiveAsync()), a => a.AlertId == alertId);
    }

    async Task<(Guid Site, Guid Group)> SiteWithScreenAsync(string name)
    {
        var site = await server.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync(name, Site.DefaultTimeZone));
        var group = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync($"Hall {name}"));
        await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Accueil", group.Id, site.Id)));
        return (site.Id, group.Id);
    }
}
