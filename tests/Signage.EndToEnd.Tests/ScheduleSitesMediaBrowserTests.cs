using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Core.Sites;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// The console's scheduling lists and week view, sites and media jobs in Debian's Chromium: typed into as staff do,
/// checked by what was stored, each state audited by axe-core.
/// </summary>
public sealed class ScheduleSitesMediaBrowserTests(SignageSystem system, ScheduleSitesMediaBrowserTests.Chromium chromium)
    : IClassFixture<SignageSystem>, IClassFixture<ScheduleSitesMediaBrowserTests.Chromium>
{
    ConsoleBrowser Browser => chromium.Browser!;

    [Fact]
    public Task AnEntryIsListedEditedInItsSitesZoneShownInTheWeekByTierThenDeleted() => InBrowserAsync("schedule-lists", async page =>
    {
        var announcement = await system.PublishRenderedAsync("Concert de Noël", "Samedi soir, église Saint-Martin.");
        Site cayenne;
        await using (var scope = system.Core.CreateAsyncScope())
        {
            cayenne = await scope.ServiceProvider.GetRequiredService<SiteService>().CreateSiteAsync("Antenne de Cayenne", "America/Cayenne");
        }

        await page.GotoAsync(new Uri(system.ServerUrl, "schedule").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la programmation" })).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByText("Choisissez une annonce, un groupe ou un écran pour voir ses programmations.")).ToBeVisibleAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);

        // A new entry on the screen, from Saturday 12 December 14:30 (Paris, the screen's site), as Chromium sends it.
        await page.GetByLabel("Annonce", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = announcement.Title });
        await page.Locator("#target").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.ScreenName });
        await page.Locator("#tier").SelectOptionAsync(Tier.Override.ToString());
        await page.GetByLabel("À partir du (facultatif)", new() { Exact = true }).FillAsync("2026-12-12T14:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la programmation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-result")).ToContainTextAsync("La programmation est enregistrée");
        await Assertions.Expect(page.Locator("#schedule-result")).ToBeFocusedAsync();
        var rows = page.Locator("#entries tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var onScreen = rows.Filter(new() { HasText = $"écran {SignageSystem.ScreenName}" });
        await Assertions.Expect(onScreen).ToContainTextAsync("À partir du samedi 12 décembre 2026 à\u00A014\u00A0h\u00A030");
        await Assertions.Expect(onScreen).ToContainTextAsync("Prioritaire");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        var entry = await EntryOnAsync(announcement.Id, TargetKind.Screen, system.ScreenId);
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 13, 30, 0, TimeSpan.Zero), entry.From);

        // The week of the screen: the group's entry every day, this one from 14:30 on Saturday, each under its tier.
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir la semaine d'un groupe ou d'un écran" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Semaine de diffusion — Signage", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#week-of option", new() { HasText = SignageSystem.ScreenName })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher la semaine" }).ClickAsync();
        await Assertions.Expect(page.Locator("#week-error")).ToHaveTextAsync("Choisissez un groupe ou un écran.");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await page.GetByLabel("Groupe ou écran").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.ScreenName });
        await page.GetByLabel("Semaine du").FocusAsync();
        await page.GetByLabel("Semaine du").PressSequentiallyAsync("09122026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher la semaine" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Semaine du lundi 7 décembre 2026 pour l'écran {SignageSystem.ScreenName}" })).ToBeFocusedAsync();
        var saturday = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "samedi 12 décembre 2026" }) });
        await Assertions.Expect(saturday.Locator("td").Nth(0)).ToHaveTextAsync("« Concert de Noël » à partir de 14\u00A0h\u00A030");
        await Assertions.Expect(saturday.Locator("td").Nth(1)).ToContainTextAsync("« Concert de Noël » toute la journée");
        var friday = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "vendredi 11 décembre 2026" }) });
        await Assertions.Expect(friday.Locator("td").Nth(0)).ToHaveTextAsync("Rien—");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await Browser.ShotAsync(page, "schedule-week.png");

        // Edited: to the Cayenne site, weekdays 08:00–20:00; the same wall-clock start is read in Cayenne's zone.
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la programmation" })).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await page.GetByLabel("Afficher les programmations de").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.ScreenName });
        await page.GetByRole(AriaRole.Button, new() { Name = $"Modifier la programmation de « {announcement.Title} » (écran {SignageSystem.ScreenName})" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Modifier la programmation" })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("À partir du (facultatif)", new() { Exact = true })).ToHaveValueAsync("2026-12-12T14:30");
        await page.Locator("#target").SelectOptionAsync(new SelectOptionValue { Label = "Antenne de Cayenne (America/Cayenne)" });
        // Refused first: an end before the start, shown beside its field.
        await page.GetByLabel("Jusqu'au (facultatif)", new() { Exact = true }).FillAsync("2026-12-01T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).ClickAsync();
        await Assertions.Expect(page.Locator("#until-error")).ToHaveTextAsync("La fin doit venir après le début.");
        await Assertions.Expect(page.Locator("#until")).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        Assert.Null((await EntryOnAsync(announcement.Id, TargetKind.Screen, system.ScreenId)).Until);

        await page.GetByLabel("Jusqu'au (facultatif)", new() { Exact = true }).FillAsync("");
        await page.GetByLabel("samedi", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("dimanche", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("De (heure locale, facultatif)").FocusAsync();
        await page.GetByLabel("De (heure locale, facultatif)").PressSequentiallyAsync("0800");
        await page.GetByLabel("À", new() { Exact = true }).FillAsync("20:00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-result")).ToContainTextAsync("Les modifications sont enregistrées");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        var edited = await EntryOnAsync(announcement.Id, TargetKind.Site, cayenne.Id);
        Assert.Equal(entry.Id, edited.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 17, 30, 0, TimeSpan.Zero), edited.From);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], edited.Days);
        Assert.Equal([new TimeRange(new TimeOnly(8, 0), new TimeOnly(20, 0))], edited.Times);
        var onSite = rows.Filter(new() { HasText = "site Antenne de Cayenne" });
        await Assertions.Expect(onSite).ToContainTextAsync("8\u00A0h – 20\u00A0h");
        await Assertions.Expect(onSite).ToContainTextAsync("samedi 12 décembre 2026 à\u00A014\u00A0h\u00A030");

        // Deleted through the confirmation dialog.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Supprimer la programmation de « {announcement.Title} » (site Antenne de Cayenne)" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Supprimer la programmation de « {announcement.Title} » ?" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Supprimer la programmation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#entries-result")).ToContainTextAsync("est supprimée");
        await Assertions.Expect(page.Locator("#entries-result")).ToBeFocusedAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await using var db = system.Database.CreateDb();
        Assert.False(await db.ScheduleEntries.AnyAsync(e => e.Id == entry.Id));
    });

    [Fact]
    public Task TickerLinesAreListedEditedAndDeleted() => InBrowserAsync("ticker-lines", async page =>
    {
        const string text = "Marché de Noël sur la place";
        await page.GotoAsync(new Uri(system.ServerUrl, "schedule").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au bandeau" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByLabel("Texte du bandeau").PressSequentiallyAsync(text);
        await page.Locator("#ticker-target").SelectOptionAsync(new SelectOptionValue { Label = $"Groupe {SignageSystem.GroupName}" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au bandeau" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ticker-result")).ToContainTextAsync($"« {text} » est ajoutée");
        await Assertions.Expect(page.Locator("#ticker-lines")).ToContainTextAsync(text);
        await ConsoleBrowser.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Modifier la ligne « {text} »" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Modifier une ligne du bandeau" })).ToBeFocusedAsync();
        var field = page.GetByLabel("Texte du bandeau");
        await field.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la ligne" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le texte du bandeau est obligatoire");
        await Assertions.Expect(field).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await field.PressSequentiallyAsync("Marché de Noël prolongé jusqu'au 27");
        await page.GetByLabel("Jusqu'au (facultatif, heure de Paris)").FillAsync("2026-12-27T19:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la ligne" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ticker-result")).ToContainTextAsync("est enregistrée");
        await using (var db = system.Database.CreateDb())
        {
            var line = await db.TickerMessages.AsNoTracking().SingleAsync(m => m.Text == "Marché de Noël prolongé jusqu'au 27");
            Assert.Equal(new DateTimeOffset(2026, 12, 27, 18, 0, 0, TimeSpan.Zero), line.Until);
            Assert.False(await db.TickerMessages.AnyAsync(m => m.Text == text));
        }

        await Assertions.Expect(page.Locator("#ticker-lines")).ToContainTextAsync("Jusqu'au dimanche 27 décembre 2026 à\u00A019\u00A0h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer la ligne « Marché de Noël prolongé jusqu'au 27 »" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Supprimer la ligne" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ticker-result")).ToContainTextAsync("est retirée du bandeau");
        await Assertions.Expect(page.Locator("#ticker-result")).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await using var check = system.Database.CreateDb();
        Assert.False(await check.TickerMessages.AnyAsync(m => m.Text.StartsWith("Marché de Noël")));
    });

    [Fact]
    public Task ASiteIsCreatedRenamedGivenItsHoursCalendarAndClosureAndDeletedOnlyWithoutScreens() => InBrowserAsync("sites", async page =>
    {
        await page.GotoAsync(new Uri(system.ServerUrl, "sites").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouveau site" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await ConsoleBrowser.AssertAccessibleAsync(page);

        // Refused: an unknown zone, beside its field.
        await page.GetByLabel("Nom du site").PressSequentiallyAsync("Maison France services");
        await page.Locator("#new-site-zone").FillAsync("Europe/Lutece");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le site" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-site-zone-error")).ToContainTextAsync("n'est pas un fuseau horaire IANA connu");
        await Assertions.Expect(page.Locator("#new-site-zone")).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await page.Locator("#new-site-zone").FillAsync("America/Cayenne");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le site" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-result")).ToContainTextAsync("Le site « Maison France services » (America/Cayenne) est créé");
        await Assertions.Expect(page.Locator("#site-result")).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        var site = await SiteAsync("Maison France services");
        Assert.Equal(("America/Cayenne", HolidayCalendar.Guyane), (site!.TimeZone, site.Holidays));

        // Renamed, hours typed (with and without seconds), the calendar chosen, a closure on a French date.
        var name = page.GetByLabel("Nom", new() { Exact = true });
        await name.FillAsync("");
        await name.PressSequentiallyAsync("Maison France services de Kourou");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le site" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-result")).ToContainTextAsync("Le site s'appelle « Maison France services de Kourou »");
        await page.GetByLabel("Ouverture le lundi").FocusAsync();
        await page.GetByLabel("Ouverture le lundi").PressSequentiallyAsync("0830");
        await page.GetByLabel("Fermeture le lundi").FillAsync("12:30:00");
        await page.GetByLabel("Jours fériés applicables").SelectOptionAsync(HolidayCalendar.Metropole.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les horaires" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Horaires enregistrés")).ToBeVisibleAsync();
        await page.GetByLabel("Date", new() { Exact = true }).FocusAsync();
        await page.GetByLabel("Date", new() { Exact = true }).PressSequentiallyAsync("24122026");
        await page.GetByLabel("Motif").PressSequentiallyAsync("Fermeture de fin d'année");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la fermeture" }).ClickAsync();
        await Assertions.Expect(page.Locator("#closures")).ToContainTextAsync("jeudi 24 décembre 2026");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await using (var db = system.Database.CreateDb())
        {
            var stored = await db.Sites.AsNoTracking().Include(s => s.Closures).SingleAsync(s => s.Id == site.Id);
            Assert.Equal("Maison France services de Kourou", stored.Name);
            Assert.Equal([new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(12, 30))], stored.OpeningHours);
            Assert.Equal(HolidayCalendar.Metropole, stored.Holidays);
            Assert.Equal([(new DateOnly(2026, 12, 24), "Fermeture de fin d'année")], stored.Closures.Select(c => (c.Date, c.Reason)));
        }

        // The system's site has its screen: refused, with the reason beside the button.
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{SiteService.DefaultSiteName} (Europe/Paris)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer le site" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-delete-error")).ToContainTextAsync($"({SignageSystem.ScreenName})");
        await Assertions.Expect(page.Locator("#site-delete-error")).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        Assert.NotNull(await SiteAsync(SiteService.DefaultSiteName));

        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Maison France services de Kourou (America/Cayenne)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer le site" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Supprimer le site « Maison France services de Kourou » ?" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-result")).ToContainTextAsync("est supprimé");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        Assert.Null(await SiteAsync("Maison France services de Kourou"));
    });

    [Fact]
    public Task MediaIsRenamedShowsWhereItIsUsedAndIsDeletedOnlyOnceUnused() => InBrowserAsync("media", async page =>
    {
        var used = await UploadAsync(SampleMedia.Png(400, 300, SKColors.SeaGreen), "parc-floral.png");
        var unused = await UploadAsync(SampleMedia.Png(400, 300, SKColors.Goldenrod), "IMG_2044.png");
        await using (var scope = system.Core.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AnnouncementService>()
                .SaveDraftAsync(new DraftAnnouncement("Fête du parc floral", "Dimanche, toute la journée.", Template: "image-texte", ImageSha256: used.Sha256));
        }

        await page.GotoAsync(new Uri(system.ServerUrl, "medias").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Gérer « parc-floral.png »" }).ClickAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "« parc-floral.png »" })).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#media-uses")).ToHaveTextAsync("Annonce « Fête du parc floral »");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await Assertions.Expect(page.Locator("#media-delete-error")).ToContainTextAsync("Ce média est encore utilisé : annonce « Fête du parc floral »");
        await Assertions.Expect(page.Locator("#media-delete-error")).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        Assert.True(await ExistsAsync(used.Id));

        await page.GetByRole(AriaRole.Button, new() { Name = "Gérer « IMG_2044.png »" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Nulle part : aucune diapositive ni le logo ne le montrent.")).ToBeVisibleAsync();
        var name = page.GetByLabel("Nom affiché");
        await name.FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Renommer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#media-name-error")).ToHaveTextAsync("Le nom du fichier est obligatoire.");
        await Assertions.Expect(name).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await name.FillAsync("");
        await name.PressSequentiallyAsync("Façade de la mairie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Renommer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#item-result")).ToHaveTextAsync("Le fichier s'appelle maintenant « Façade de la mairie ».");
        await Assertions.Expect(page.Locator("#library")).ToContainTextAsync("Façade de la mairie");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await using (var db = system.Database.CreateDb())
        {
            Assert.Equal("Façade de la mairie", (await db.MediaItems.AsNoTracking().SingleAsync(m => m.Id == unused.Id)).Name);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Supprimer « Façade de la mairie » de la médiathèque ?" })
            .GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await Assertions.Expect(page.Locator("#upload-status")).ToHaveTextAsync("« Façade de la mairie » est supprimé de la médiathèque.");
        await Assertions.Expect(page.Locator("#upload-status")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#library")).Not.ToContainTextAsync("Façade de la mairie");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        Assert.False(await ExistsAsync(unused.Id));
    });

    async Task<ScheduleEntry> EntryOnAsync(Guid announcementId, TargetKind kind, Guid targetId)
    {
        await using var db = system.Database.CreateDb();
        return await db.ScheduleEntries.AsNoTracking().Include(e => e.Targets)
            .SingleAsync(e => e.AnnouncementId == announcementId && e.Targets.Any(t => t.Kind == kind && t.TargetId == targetId));
    }

    async Task<Site?> SiteAsync(string name)
    {
        await using var db = system.Database.CreateDb();
        return await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name);
    }

    async Task<bool> ExistsAsync(Guid mediaId)
    {
        await using var db = system.Database.CreateDb();
        return await db.MediaItems.AnyAsync(m => m.Id == mediaId);
    }

    async Task<MediaItem> UploadAsync(byte[] bytes, string name)
    {
        await using var scope = system.Core.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
        using var source = new MemoryStream(bytes);
        var temp = await library.ReceiveAsync(source, null, CancellationToken.None);
        return (await library.UploadAsync(temp, name, CancellationToken.None)).Item;
    }

    Task InBrowserAsync(string name, Func<IPage, Task> test) => Browser.AsAdministratorAsync(system, name, test);

    /// <summary>One Chromium for the class's tests, each in a context of its own.</summary>
    public sealed class Chromium : IAsyncLifetime
    {
        public ConsoleBrowser? Browser { get; private set; }

        public async Task InitializeAsync() => Browser = await ConsoleBrowser.LaunchAsync(nameof(ScheduleSitesMediaBrowserTests));

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }
        }
    }
}
