using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.Core.Writes;

namespace Signage.Core.Tests.Content;

public class AnnouncementScopeTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task APublisherScopedToTheLibraryIsNotToldWhichTownHallGroupsAnAnnouncementIsOn()
    {
        var library = await fixture.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync("Médiathèque", Site.DefaultTimeZone));
        var townHall = await fixture.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync("Hôtel de ville", Site.DefaultTimeZone));
        var reading = await fixture.GroupAsync("Salle de lecture");
        var council = await fixture.GroupAsync("Salle du conseil");
        await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Lecture", reading.Id, library.Id)));
        await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Conseil", council.Id, townHall.Id)));
        var announcement = await fixture.PublishedAsync("Fête du livre", reading.Id);
        await fixture.WithAsync(s => s.GetRequiredService<ScheduleService>().AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, council.Id)])));

        var seen = await fixture.WithAsync(s =>
        {
            s.GetRequiredService<CurrentActor>().Set(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "bibliothecaire@mairie.test"), new Claim(ClaimTypes.Role, Roles.Publisher), new Claim(StaffClaims.Site, library.Id.ToString())], "test")));
            return s.GetRequiredService<AnnouncementService>().RecentAsync(50);
        });
        var everything = await fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>().RecentAsync(50));

        Assert.Equal("Salle de lecture", seen.Single(a => a.Id == announcement.Id).Targets);
        Assert.Equal("Salle de lecture, Salle du conseil", everything.Single(a => a.Id == announcement.Id).Targets);
    }
}
