using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Admin.Scheduling;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.Admin.Tests;

public class SchedulePageTests(AdminDatabase fixture) : AdminTestContext(fixture)
{
    [Fact]
    public async Task UncheckingEveryDayShowsWhyAndSavesNothing()
    {
        var (announcement, group) = await PublishedAsync();
        var page = Ready();

        await page.SetAsync("#announcement", announcement.Id.ToString());
        await page.SetAsync("#target", $"Group:{group.Id}");
        for (var day = 0; day < 7; day++)
        {
            await page.SetAsync("fieldset input[type=checkbox]", false, day);
        }

        await page.SubmitFormAsync();

        page.WaitForAssertion(() => Assert.Contains("au moins un jour", page.Find("#days-error").TextContent));
        await using var db = Fixture.Database.CreateDb();
        Assert.Equal(1, await db.ScheduleEntries.CountAsync(e => e.AnnouncementId == announcement.Id));
    }

    [Fact]
    public async Task PublisherSchedulesAMorningOverrideOnAGroup()
    {
        var (announcement, group) = await PublishedAsync();
        var page = Ready();

        await page.SetAsync("#announcement", announcement.Id.ToString());
        await page.SetAsync("#target", $"Group:{group.Id}");
        await page.SetAsync("#tier", nameof(Tier.Override));
        await page.SetAsync("#time-start", "09:00");
        await page.SetAsync("#time-end", "12:00");
        await page.SetAsync("#weight", "3");
        await page.SetAsync("#duration", "3");
        await page.SubmitFormAsync();

        page.WaitForAssertion(() => Assert.Contains("La programmation est enregistrée", page.Find("[role=status]").TextContent));
        Assert.Contains("Durée portée de 3 s à 8 s", page.Find("[role=status]").TextContent);
        await using var db = Fixture.Database.CreateDb();
        var entry = await db.ScheduleEntries.Include(e => e.Targets).SingleAsync(e => e.AnnouncementId == announcement.Id && e.Tier == Tier.Override);
        Assert.Equal([new TimeRange(new TimeOnly(9, 0), new TimeOnly(12, 0))], entry.Times);
        Assert.Equal(3, entry.Weight);
        Assert.Empty(entry.Days);
        Assert.Equal(group.Id, Assert.Single(entry.Targets).TargetId);
    }

    [Fact]
    public async Task HoursGivenWithSecondsAreKeptAndAStartWithoutAnEndIsExplained()
    {
        var (announcement, group) = await PublishedAsync();
        var page = Ready();

        await page.SetAsync("#announcement", announcement.Id.ToString());
        await page.SetAsync("#target", $"Group:{group.Id}");
        await page.SetAsync("#time-start", "08:00:00");
        await page.SubmitFormAsync();
        page.WaitForAssertion(() => Assert.Contains("l'heure de début et l'heure de fin", page.Find("#times-error").TextContent));

        await page.SetAsync("#time-end", "20:00:00");
        await page.SubmitFormAsync();

        page.WaitForAssertion(() => Assert.Contains("La programmation est enregistrée", page.Find("[role=status]").TextContent));
        await using var db = Fixture.Database.CreateDb();
        var entries = await db.ScheduleEntries.Where(e => e.AnnouncementId == announcement.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Times.SequenceEqual([new TimeRange(new TimeOnly(8, 0), new TimeOnly(20, 0))]));
    }

    [Fact]
    public async Task PublisherAddsATickerLineAndAnEmptyOneIsRefused()
    {
        var (_, group) = await PublishedAsync();
        var page = Ready();

        await page.SetAsync("#ticker-target", $"Group:{group.Id}");
        await page.SetAsync("#ticker-text", "  ");
        await page.SubmitFormAsync(1);
        page.WaitForAssertion(() => Assert.Contains("Le texte du bandeau est obligatoire", page.Find("[role=alert]").TextContent));

        await page.SetAsync("#ticker-text", "Piscine fermée lundi");
        await page.SubmitFormAsync(1);

        page.WaitForAssertion(() => Assert.Contains("« Piscine fermée lundi » est ajoutée au bandeau", page.Find("[role=status]").TextContent));
        await using var db = Fixture.Database.CreateDb();
        Assert.Equal("editrice@mairie.test", (await db.TickerMessages.SingleAsync(m => m.Text == "Piscine fermée lundi")).CreatedBy);
    }

    [Fact]
    public async Task FromAndUntilAreReadInTheTargetSitesTimeZone()
    {
        var (announcement, _) = await PublishedAsync();
        var cayenne = await WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Cayenne {Guid.NewGuid():N}", "America/Cayenne"));
        var page = Ready();

        await page.SetAsync("#announcement", announcement.Id.ToString());
        await page.SetAsync("#target", $"Site:{cayenne.Id}");
        await page.SetAsync("#from", "2026-03-10T08:00:00");
        await page.SetAsync("#until", "2026-03-20T18:30:00");
        page.WaitForAssertion(() => Assert.Contains("America/Cayenne", page.Find("#dates-zone").TextContent));
        await page.SubmitFormAsync();

        page.WaitForAssertion(() => Assert.Contains("La programmation est enregistrée", page.Find("[role=status]").TextContent));
        await using var db = Fixture.Database.CreateDb();
        var entry = await db.ScheduleEntries.Include(e => e.Targets).SingleAsync(e => e.AnnouncementId == announcement.Id && e.Targets.Any(t => t.TargetId == cayenne.Id));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero), entry.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 21, 30, 0, TimeSpan.Zero), entry.Until);
    }

    [Fact]
    public async Task FromOnAGroupIsReadInItsScreensSiteTimeZone()
    {
        var (announcement, group) = await PublishedAsync();
        await ScreenAtAsync(group, "America/Cayenne");
        var page = Ready();

        await page.SetAsync("#announcement", announcement.Id.ToString());
        await page.SetAsync("#target", $"Group:{group.Id}");
        await page.SetAsync("#from", "2026-07-01T07:45:00");
        await page.SubmitFormAsync();

        page.WaitForAssertion(() => Assert.Contains("La programmation est enregistrée", page.Find("[role=status]").TextContent));
        await using var db = Fixture.Database.CreateDb();
        var entry = await db.ScheduleEntries.SingleAsync(e => e.AnnouncementId == announcement.Id && e.From != null);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 45, 0, TimeSpan.Zero), entry.From);
    }

    [Fact]
    public async Task DatesOnAGroupSpanningSeveralTimeZonesAreRefusedAndSaveNothing()
    {
        var (announcement, group) = await PublishedAsync();
        await ScreenAtAsync(group, "America/Cayenne");
        await ScreenAtAsync(group, "Europe/Paris");
        var page = Ready();

        await page.SetAsync("#announcement", announcement.Id.ToString());
        await page.SetAsync("#target", $"Group:{group.Id}");
        page.WaitForAssertion(() => Assert.Contains("plusieurs fuseaux horaires (America/Cayenne, Europe/Paris)", page.Find("#dates-zone").TextContent));
        await page.SetAsync("#from", "2026-07-01T07:45:00");
        await page.SubmitFormAsync();

        page.WaitForAssertion(() => Assert.Contains("plusieurs fuseaux horaires", page.Find("#from-error").TextContent));
        await using var db = Fixture.Database.CreateDb();
        Assert.Equal(1, await db.ScheduleEntries.CountAsync(e => e.AnnouncementId == announcement.Id));
    }

    async Task ScreenAtAsync(ScreenGroup group, string timeZone) =>
        await WithAsync(async s =>
        {
            var site = await s.GetRequiredService<SiteService>().CreateSiteAsync($"Site {Guid.NewGuid():N}", timeZone);
            return await s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen($"Écran {Guid.NewGuid():N}", group.Id, site.Id));
        });

    IRenderedComponent<SchedulePage> Ready()
    {
        var page = Render<SchedulePage>();
        page.WaitForAssertion(() => Assert.Null(page.Find("button[type=submit]").GetAttribute("disabled")));
        return page;
    }

    async Task<(Announcement, ScreenGroup)> PublishedAsync()
    {
        var group = await WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync($"Groupe {Guid.NewGuid():N}"));
        var announcement = await WithAsync(s => s.GetRequiredService<AnnouncementService>().PublishAsync(new PublishAnnouncement($"Annonce {Guid.NewGuid():N}"[..20], "", group.Id)));
        await WithAsync(async s =>
        {
            await s.GetRequiredService<RenderAnnouncementJob>().RunAsync(announcement.Id, CancellationToken.None);
            return true;
        });
        return (announcement, group);
    }
}
