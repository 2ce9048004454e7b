using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Admin.Sites;
using Signage.Contracts.Manifests;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.TestSupport;

namespace Signage.Admin.Tests;

public class SitesPageTests(AdminDatabase fixture) : AdminTestContext(fixture)
{
    [Fact]
    public async Task AdministratorSetsOpeningHoursAndBackwardHoursAreExplainedInFrench()
    {
        var site = await WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Médiathèque {Guid.NewGuid():N}", "Europe/Paris"));
        var page = Render<SitesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#open-Monday")));
        await page.SetAsync("#site", site.Id.ToString());

        await page.SetAsync("#open-Monday", "18:00");
        await page.SetAsync("#close-Monday", "09:00");
        await page.SubmitFormAsync(2);
        page.WaitForAssertion(() => Assert.Contains("lundi : la fermeture (09:00) doit suivre l'ouverture (18:00)", page.Find("[role=alert]").TextContent));

        await page.SetAsync("#open-Monday", "08:30");
        await page.SetAsync("#close-Monday", "17:30");
        await page.SubmitFormAsync(2);
        page.WaitForAssertion(() => Assert.Contains("Horaires enregistrés", page.Find("[role=status]").TextContent));

        await using var db = Fixture.Database.CreateDb();
        var saved = await db.Sites.SingleAsync(s => s.Id == site.Id);
        Assert.Equal([new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(17, 30))], saved.OpeningHours);
    }

    [Fact]
    public async Task AnOpeningWithoutAClosingIsExplainedAndHoursWithSecondsAreKept()
    {
        var site = await WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Ludothèque {Guid.NewGuid():N}", "Europe/Paris"));
        var page = Render<SitesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#open-Monday")));
        await page.SetAsync("#site", site.Id.ToString());

        await page.SetAsync("#open-Wednesday", "09:00:00");
        await page.SubmitFormAsync(2);
        page.WaitForAssertion(() => Assert.Contains("mercredi : indiquez l'ouverture et la fermeture", page.Find("[role=alert]").TextContent));

        await page.SetAsync("#close-Wednesday", "12:30:00");
        await page.SubmitFormAsync(2);
        page.WaitForAssertion(() => Assert.Contains("Horaires enregistrés", page.Find("[role=status]").TextContent));

        await using var db = Fixture.Database.CreateDb();
        var saved = await db.Sites.SingleAsync(s => s.Id == site.Id);
        Assert.Equal([new OpeningHours(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(12, 30))], saved.OpeningHours);
    }

    [Fact]
    public async Task AdministratorPicksTheHolidaysOfAnOverseasSite()
    {
        var site = await WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Mairie de Saint-Denis {Guid.NewGuid():N}", "Indian/Reunion"));
        var page = Render<SitesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#open-Monday")));
        await page.SetAsync("#site", site.Id.ToString());
        page.WaitForAssertion(() => Assert.Equal(nameof(HolidayCalendar.Reunion), page.Find("#holidays").GetAttribute("value")));
        Assert.Contains("La Réunion (+ 20 décembre)", page.Find("#holidays").TextContent);

        await page.SetAsync("#holidays", nameof(HolidayCalendar.Mayotte));
        await page.SubmitFormAsync(2);
        page.WaitForAssertion(() => Assert.Contains("Horaires enregistrés", page.Find("[role=status]").TextContent));

        await using var db = Fixture.Database.CreateDb();
        Assert.Equal(HolidayCalendar.Mayotte, (await db.Sites.SingleAsync(s => s.Id == site.Id)).Holidays);
    }

    [Fact]
    public async Task AdministratorClosesASiteForADayThenReopensItAndAPastDayIsRefused()
    {
        var site = await WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Piscine {Guid.NewGuid():N}", "Europe/Paris"));
        var page = Render<SitesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#closure-date")));
        await page.SetAsync("#site", site.Id.ToString());
        page.WaitForAssertion(() => Assert.Contains("Aucune fermeture prévue", page.Markup, StringComparison.Ordinal));
        var day = DateOnly.FromDateTime(TestClock.Start.UtcDateTime).AddDays(40);

        await page.SetAsync("#closure-date", "2020-03-02");
        await page.SetAsync("#closure-reason", "Vidange");
        await page.SubmitFormAsync(3);
        page.WaitForAssertion(() => Assert.Contains("est passé", page.Find("[role=alert]").TextContent));

        await page.SetAsync("#closure-date", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.SubmitFormAsync(3);
        page.WaitForAssertion(() => Assert.Contains($"Le site sera fermé le {Signage.Core.Text.FrenchDates.Date(day)}", page.Find("[role=status]").TextContent));
        Assert.Contains("Vidange", page.Find("#closures").TextContent);

        await page.ClickAsync($"button[aria-label='Rouvrir le {Signage.Core.Text.FrenchDates.Date(day)}']");
        page.WaitForAssertion(() => Assert.Contains("de nouveau ouvert", page.Find("[role=status]").TextContent));

        await using var db = Fixture.Database.CreateDb();
        Assert.False(await db.SiteClosures.AnyAsync(c => c.SiteId == site.Id));
        Assert.Equal(["site.closure-added", "site.closure-removed"], await db.AuditEntries.Where(a => a.SubjectId == site.Id && a.Action.StartsWith("site.closure")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
