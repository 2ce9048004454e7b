using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Signage.Contracts.Hub;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Fleet;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.Core.Writes;

namespace Signage.Core.Tests.Fleet;

public class FleetServiceTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    static PlayerReport Report(double clockOffset = 0.1, Guid? showing = null, long version = 1) =>
        new(showing, version, 12_000_000, 8_000_000_000, "1.0.0", 3600, true, clockOffset);

    [Fact]
    public async Task EachScreenKeepsOneRowWithItsLatestReport()
    {
        var group = await fixture.GroupAsync("Parc — rapports");
        var screen = await fixture.ScreenAsync("Hall rapports", group.Id);
        var now = Clock.GetUtcNow();

        await RecordAsync(new ReceivedReport(screen.Screen.Id, Report(version: 1), now));
        await RecordAsync(
            new ReceivedReport(screen.Screen.Id, Report(version: 3), now.AddSeconds(30)),
            new ReceivedReport(screen.Screen.Id, Report(version: 2), now.AddSeconds(20)));
        // A late batch with an older report does not go back in time.
        await RecordAsync(new ReceivedReport(screen.Screen.Id, Report(version: 2), now.AddSeconds(10)));

        var rows = await fixture.WithAsync(s => s.GetRequiredService<SignageDb>().ScreenStatuses.Where(x => x.ScreenId == screen.Screen.Id).ToListAsync());
        Assert.Equal(3, Assert.Single(rows).ManifestVersion);
    }

    [Fact]
    public async Task APublisherScopedToOneSiteSeesOnlyThatSitesScreensInTheFleet()
    {
        var group = await fixture.GroupAsync("Parc — deux sites");
        var library = await fixture.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Médiathèque {Guid.NewGuid():N}", Site.DefaultTimeZone));
        var townHall = await fixture.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Hôtel de ville {Guid.NewGuid():N}", Site.DefaultTimeZone));
        var mine = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Accueil médiathèque", group.Id, library.Id)));
        var theirs = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Accueil mairie", group.Id, townHall.Id)));

        var seen = await fixture.WithAsync(s =>
        {
            s.GetRequiredService<CurrentActor>().Set(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "bibliothecaire@mairie.test"), new Claim(ClaimTypes.Role, Roles.Publisher), new Claim(StaffClaims.Site, library.Id.ToString())], "test")));
            return s.GetRequiredService<FleetService>().ListAsync();
        });
        var everything = await fixture.WithAsync(s => s.GetRequiredService<FleetService>().ListAsync());

        Assert.Contains(seen, f => f.Id == mine.Screen.Id);
        Assert.DoesNotContain(seen, f => f.Id == theirs.Screen.Id);
        Assert.Contains(everything, f => f.Id == theirs.Screen.Id);
    }

    [Fact]
    public async Task AReportOfAScreenDeletedMeanwhileIsDropped()
    {
        var ghost = Guid.NewGuid();

        await RecordAsync(new ReceivedReport(ghost, Report(), Clock.GetUtcNow()));

        Assert.False(await fixture.WithAsync(s => s.GetRequiredService<SignageDb>().ScreenStatuses.AnyAsync(x => x.ScreenId == ghost)));
    }

    [Fact]
    public async Task AScreenSilentForNinetySecondsIsOfflineAndAClockMoreThanTwoSecondsOffIsFlagged()
    {
        var group = await fixture.GroupAsync("Parc — états");
        var quiet = await fixture.ScreenAsync("Écran muet", group.Id);
        var late = await fixture.ScreenAsync("Écran en retard", group.Id);
        var announcement = await fixture.PublishedAsync("Marché de Noël", group.Id);
        var item = (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(late.Screen.Id)))!.Body.Items.Single(i => i.ContentId == announcement.Id);
        var now = Clock.GetUtcNow();
        await RecordAsync(
            new ReceivedReport(quiet.Screen.Id, Report(), now - TimeSpan.FromSeconds(91)),
            new ReceivedReport(late.Screen.Id, Report(clockOffset: -2.5, showing: item.Id), now - TimeSpan.FromSeconds(80)));

        var fleet = await fixture.WithAsync(s => s.GetRequiredService<FleetService>().ListAsync());

        var q = fleet.Single(f => f.Id == quiet.Screen.Id);
        Assert.False(q.Online);
        Assert.Equal(now - TimeSpan.FromSeconds(91), q.LastHeardAt);
        Assert.False(q.ClockOff);
        var l = fleet.Single(f => f.Id == late.Screen.Id);
        Assert.True(l.Online);
        Assert.True(l.ClockOff);
        Assert.Equal(item.Asset.Sha256, l.Showing!.Sha256);
        Assert.Contains("Marché de Noël", l.Showing.AccessibleText, StringComparison.Ordinal);
    }

    FakeTimeProvider Clock => (FakeTimeProvider)fixture.Services.GetRequiredService<TimeProvider>();

    Task<bool> RecordAsync(params ReceivedReport[] reports) => fixture.WithAsync(async s =>
    {
        await s.GetRequiredService<FleetService>().RecordAsync(reports);
        return true;
    });
}
