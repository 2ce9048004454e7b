using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Accounts;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;

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

    [Fact]
    public async Task MakingAStaffScreenPublicTakesItsStaffNoticeOffItsManifestAtOnce()
    {
        var group = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Groups staff room"));
        var site = await server.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync("Groups staff site", Site.DefaultTimeZone));
        var screen = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Salle de pause", group.Id, site.Id, Audience.Staff)));
        var notice = await server.WithAsync(s => s.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement("Note de service", "Réunion du personnel à 9 h", group.Id, Audience.Staff)));
        await server.WithAsync(async s => { await s.GetRequiredService<RenderAnnouncementJob>().RunAsync(notice.Id, CancellationToken.None); return true; });
        Assert.Contains(await ContentOnAsync(screen.Screen.Id), id => id == notice.Id);
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var saved = await admin.PutAsJsonAsync($"/api/screens/{screen.Screen.Id}",
            new { name = "Hall du public", siteId = site.Id, audience = "Public", visibleFromStreet = true });

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.DoesNotContain(await ContentOnAsync(screen.Screen.Id), id => id == notice.Id);
        var stored = await server.WithAsync(s => s.GetRequiredService<SignageDb>().Screens.AsNoTracking().SingleAsync(x => x.Id == screen.Screen.Id));
        Assert.Equal(("Hall du public", Audience.Public, true), (stored.Name, stored.Audience, stored.VisibleFromStreet));
    }

    [Fact]
    public async Task ABadScreenChangeNamesEachFieldAndSavesNothing()
    {
        var (screen, _) = await server.ScreenAsync("Groups bad change");
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var bad = await admin.PutAsJsonAsync($"/api/screens/{screen.Screen.Id}",
            new { name = new string('x', 101), siteId = Guid.NewGuid(), audience = "Staff", visibleFromStreet = false, groupIds = Array.Empty<Guid>() });
        using var unknown = await admin.PutAsJsonAsync($"/api/screens/{Guid.NewGuid()}",
            new { name = "Ailleurs", siteId = Guid.NewGuid(), audience = "Public", visibleFromStreet = false });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["groupIds", "name", "siteId"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var stored = await server.WithAsync(s => s.GetRequiredService<SignageDb>().Screens.AsNoTracking().SingleAsync(x => x.Id == screen.Screen.Id));
        Assert.Equal(("Hall", Audience.Public, 1), (stored.Name, stored.Audience, stored.GroupIds.Count));
    }

    [Fact]
    public async Task DeletingAScreenDeletesTheEntriesAimedAtItAloneAndKeepsTheOthersForTheirOtherTargets()
    {
        var (screen, group) = await server.ScreenAsync("Groups delete");
        var announcement = await server.PublishAndRenderAsync(group.Id, "Exposition");
        var (alone, shared) = await server.WithAsync(async s =>
        {
            var schedules = s.GetRequiredService<ScheduleService>();
            var alone = await schedules.AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Screen, screen.Screen.Id)]));
            var shared = await schedules.AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Screen, screen.Screen.Id), new Target(TargetKind.Group, group.Id)]));
            return (alone.Id, shared.Id);
        });
        Assert.Equal(["Exposition"], await server.WithAsync(s => s.GetRequiredService<ScreenService>().EntriesOnlyForScreenAsync(screen.Screen.Id)));
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var deleted = await admin.DeleteAsync($"/api/screens/{screen.Screen.Id}");
        using var again = await admin.DeleteAsync($"/api/screens/{screen.Screen.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SignageDb>();
        Assert.False(await db.Screens.AnyAsync(x => x.Id == screen.Screen.Id));
        Assert.False(await db.ScheduleEntries.AnyAsync(e => e.Id == alone));
        Assert.Equal([new Target(TargetKind.Group, group.Id)], (await db.ScheduleEntries.Include(e => e.Targets).SingleAsync(e => e.Id == shared)).TargetList());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "screen.deleted" && a.SubjectId == screen.Screen.Id));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ScreenService>().FindByTokenAsync(screen.Token));
    }

    [Fact]
    public async Task RevokingATokenTwiceIsAConflictAndAnUnknownScreenIsNotFound()
    {
        var (screen, _) = await server.ScreenAsync("Groups revoke");
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var revoked = await admin.PostAsync($"/api/screens/{screen.Screen.Id}/revoke", null);
        using var again = await admin.PostAsync($"/api/screens/{screen.Screen.Id}/revoke", null);
        using var unknown = await admin.PostAsync($"/api/screens/{Guid.NewGuid()}/revoke", null);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(await server.WithAsync(s => s.GetRequiredService<ScreenService>().FindByTokenAsync(screen.Token)));
    }

    [Fact]
    public async Task GroupsAreCreatedRenamedAndDeletedAndEachRefusalSaysWhy()
    {
        var (screen, used) = await server.ScreenAsync("Groups used");
        var aimed = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync("Groups aimed"));
        var announcement = await server.PublishAndRenderAsync(aimed.Id, "Fête de la musique");
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        using var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var created = await admin.PostAsJsonAsync("/api/groups", new { name = "  Bibliothèques  " });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var duplicate = await admin.PostAsJsonAsync("/api/groups", new { name = "bibliothèques" });
        using var empty = await admin.PostAsJsonAsync("/api/groups", new { name = " " });
        using var denied = await publisher.PostAsJsonAsync("/api/groups", new { name = "Écoles" });
        using var renamed = await admin.PutAsJsonAsync($"/api/groups/{id}", new { name = "Médiathèques" });
        using var taken = await admin.PutAsJsonAsync($"/api/groups/{id}", new { name = "Groups used" });
        using var unknown = await admin.PutAsJsonAsync($"/api/groups/{Guid.NewGuid()}", new { name = "Nulle part" });
        using var withScreen = await admin.DeleteAsync($"/api/groups/{used.Id}");
        using var withEntry = await admin.DeleteAsync($"/api/groups/{aimed.Id}");
        using var deleted = await admin.DeleteAsync($"/api/groups/{id}");
        var list = await admin.GetFromJsonAsync<List<GroupSummary>>("/api/groups");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withScreen.StatusCode);
        Assert.Contains("Hall", await withScreen.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, withEntry.StatusCode);
        Assert.Contains(announcement.Title, await withEntry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(list!, g => g.Id == id);
        Assert.Equal(1, list!.Single(g => g.Id == used.Id).Screens);
        Assert.True(await server.WithAsync(s => s.GetRequiredService<SignageDb>().Screens.AnyAsync(x => x.Id == screen.Screen.Id && x.GroupIds.Contains(used.Id))));
    }

    /// <summary>The announcements in the screen's stored manifest, the one its player is sent.</summary>
    Task<List<Guid>> ContentOnAsync(Guid screenId) => server.WithAsync(async s =>
        (await s.GetRequiredService<ManifestService>().CurrentAsync(screenId))?.Body.Items.Select(i => i.ContentId).ToList() ?? []);

    sealed record CreatedView(Guid Id, string Name, string Token);
}
