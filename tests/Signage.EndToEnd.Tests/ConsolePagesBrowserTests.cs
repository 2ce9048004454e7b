using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Contracts.Manifests;
using Signage.Core.Scheduling;
using Signage.Core.Sites;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// The console's pages in Debian's Chromium: their titles, the page for an unknown address, and the forms typed
/// into as staff do (keyboard in the time fields, dates as the browser writes them), each checked by what was
/// stored rather than by what the page says.
/// </summary>
public sealed class ConsolePagesBrowserTests(SignageSystem system, ConsolePagesBrowserTests.Chromium chromium)
    : IClassFixture<SignageSystem>, IClassFixture<ConsolePagesBrowserTests.Chromium>
{
    static readonly TimeZoneInfo Paris = TimeZones.Find("Europe/Paris");

    ConsoleBrowser Browser => chromium.Browser!;

    [Fact]
    public Task EveryPageHasATitleOfItsOwnAndTheConsoleHasAFavicon() => InBrowserAsync("titles", async page =>
    {
        string[] paths = ["", "publish", "schedule", "screens", "screens/new", $"screens/{system.ScreenId}/preview", "medias", "alerts", "alerts/cap", "sites", "theme", "audit", "plays", "utilisateurs", "compte/mfa", "signin", "access-denied", "nimporte-quoi"];
        var titles = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(new Uri(system.ServerUrl, path).ToString());
            // Interactive pages set theirs once their circuit runs.
            await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"^\S.* — Signage$"), new() { Timeout = 15_000 });
            titles.Add(await page.TitleAsync());
        }

        Assert.True(titles.Distinct().Count() == titles.Count, $"Titles should differ: {string.Join(" | ", titles)}");
        Assert.Contains("Page introuvable — Signage", titles);

        // Going from page to page by the menu changes it as well.
        await page.GotoAsync(system.ServerUrl.ToString());
        await Assertions.Expect(page).ToHaveTitleAsync("Accueil — Signage", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Accueil", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByRole(AriaRole.Link, new() { Name = "Programmer", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Programmer une annonce — Signage", new() { Timeout = 15_000 });
        // The navigation says which page is open, and only that one.
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        await Assertions.Expect(navigation.Locator("[aria-current=page]")).ToHaveTextAsync(["Programmer"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Médiathèque", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Médiathèque — Signage", new() { Timeout = 15_000 });
        await Assertions.Expect(navigation.Locator("[aria-current=page]")).ToHaveTextAsync(["Médiathèque"]);
        await page.GotoAsync(new Uri(system.ServerUrl, "screens/new").ToString());
        await Assertions.Expect(navigation.Locator("[aria-current=page]")).ToHaveTextAsync(["Écrans"]);

        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(new Uri(system.ServerUrl, icon).ToString());
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/svg+xml", response.Headers["content-type"], StringComparison.Ordinal);
    });

    [Fact]
    public Task AnUnknownAddressShowsAnAccessibleFrenchPageWithALinkHome() => InBrowserAsync("not-found", async page =>
    {
        var response = await page.GotoAsync(new Uri(system.ServerUrl, "/nimporte-quoi").ToString());
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Page introuvable — Signage");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(system.ServerUrl, "/nimporte-quoi").ToString());
        Assert.Equal(new Uri(system.ServerUrl, "/nimporte-quoi#contenu").ToString(), await page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" }).GetAttributeAsync("href"));

        await ConsoleBrowser.AssertAccessibleAsync(page);

        // Programs keep their ProblemDetails.
        using var api = await system.Http.GetAsync(new Uri(system.ServerUrl, "/api/nimporte-quoi"));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à l'accueil" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    });

    [Fact]
    public Task HoursTypedOnTheSchedulePageAreStoredWithTheEntry() => InBrowserAsync("schedule-hours", async page =>
    {
        var announcement = await system.PublishRenderedAsync("Permanence des élus", "Les élus reçoivent sans rendez-vous en semaine, salle du conseil.");
        await OpenAsync(page, "Programmer", "Programmer une annonce");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la programmation" })).ToBeEnabledAsync(new() { Timeout = 15_000 });

        await page.GetByLabel("Annonce", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = announcement.Title });
        await page.Locator("#target").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.ScreenName });
        await page.GetByLabel("samedi", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("dimanche", new() { Exact = true }).UncheckAsync();
        // Keys, as a person types into Chromium's hour and minute boxes.
        var today = TimeZoneInfo.ConvertTime(SignageSystem.RealClock.GetUtcNow(), Paris).Date;
        var (from, until) = (today.AddDays(1).AddHours(8), today.AddDays(60).AddHours(20));
        await page.GetByLabel("À partir du (facultatif)", new() { Exact = true }).FillAsync(LocalValue(from));
        await page.GetByLabel("Jusqu'au (facultatif)", new() { Exact = true }).FillAsync(LocalValue(until));
        await TypeTimeAsync(page.GetByLabel("De (heure locale, facultatif)"), "0800");
        await TypeTimeAsync(page.GetByLabel("À", new() { Exact = true }), "2000");
        await Assertions.Expect(page.GetByLabel("De (heure locale, facultatif)")).ToHaveValueAsync("08:00");
        await Assertions.Expect(page.GetByLabel("À", new() { Exact = true })).ToHaveValueAsync("20:00");
        await Browser.ShotAsync(page, "schedule-hours-filled.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la programmation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La programmation est enregistrée");

        await using var db = system.Database.CreateDb();
        var entries = await db.ScheduleEntries.AsNoTracking().Include(e => e.Targets).Where(e => e.AnnouncementId == announcement.Id).ToListAsync();
        var entry = Assert.Single(entries, e => e.Targets.Any(t => t.Kind == TargetKind.Screen && t.TargetId == system.ScreenId));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], entry.Days);
        Assert.Equal([new TimeRange(new TimeOnly(8, 0), new TimeOnly(20, 0))], entry.Times);
        Assert.Equal(InParis(from), entry.From);
        Assert.Equal(InParis(until), entry.Until);
    });

    [Fact]
    public Task ATickerLineWithDatesIsStoredAtTheInstantsTypedInParisTime() => InBrowserAsync("ticker-dates", async page =>
    {
        const string text = "Travaux rue de la Mairie : stationnement interdit";
        var today = TimeZoneInfo.ConvertTime(SignageSystem.RealClock.GetUtcNow(), Paris).Date;
        var (from, until) = (today.AddDays(10).AddHours(7).AddMinutes(30), today.AddDays(40).AddHours(19));
        await OpenAsync(page, "Programmer", "Programmer une annonce");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au bandeau" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GetByLabel("Texte du bandeau").FillAsync(text);
        await page.Locator("#ticker-target").SelectOptionAsync(new SelectOptionValue { Label = $"Écran {SignageSystem.ScreenName}" });
        await page.GetByLabel("À partir du (facultatif, heure de Paris)").FillAsync(LocalValue(from));
        await page.GetByLabel("Jusqu'au (facultatif, heure de Paris)").FillAsync(LocalValue(until));
        await Browser.ShotAsync(page, "ticker-dates-filled.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au bandeau" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {text} » est ajoutée au bandeau");

        await using var db = system.Database.CreateDb();
        var line = await db.TickerMessages.AsNoTracking().SingleAsync(m => m.Text == text);
        Assert.Equal(InParis(from), line.From);
        Assert.Equal(InParis(until), line.Until);
        Assert.Equal([new Target(TargetKind.Screen, system.ScreenId)], line.Targets);
    });

    [Fact]
    public Task OpeningHoursTypedOnTheSitesPageAreStored() => InBrowserAsync("site-hours", async page =>
    {
        // A site of its own: the screens of the system's site stay on whatever the day.
        Site site;
        await using (var scope = system.Core.CreateAsyncScope())
        {
            site = await scope.ServiceProvider.GetRequiredService<SiteService>().CreateSiteAsync("Médiathèque Jules-Verne", "Europe/Paris");
        }

        await OpenAsync(page, "Sites et horaires", "Sites et horaires d'ouverture");
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{site.Name} (Europe/Paris)" });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Horaires de « {site.Name} »" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await TypeTimeAsync(page.GetByLabel("Ouverture le lundi"), "0830");
        await TypeTimeAsync(page.GetByLabel("Fermeture le lundi"), "1800");
        // Chromium sends seconds too once they were given: "09:15:00".
        await page.GetByLabel("Ouverture le mardi").FillAsync("09:15:00");
        await page.GetByLabel("Fermeture le mardi").FillAsync("17:45:00");
        await Browser.ShotAsync(page, "site-hours-filled.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les horaires" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Horaires enregistrés");

        await using var db = system.Database.CreateDb();
        var stored = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == site.Id);
        Assert.Equal(
            [new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(18, 0)), new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(9, 15), new TimeOnly(17, 45))],
            stored.OpeningHours.OrderBy(h => h.Day));
    });

    [Fact]
    public Task ADateAndTimeTypedOnThePreviewPageAreTheOnesPreviewed() => InBrowserAsync("preview-when", async page =>
    {
        var local = TimeZoneInfo.ConvertTime(SignageSystem.RealClock.GetUtcNow(), Paris).Date.AddDays(3).AddHours(9).AddMinutes(40);
        var instant = InParis(local);
        await page.GotoAsync(new Uri(system.ServerUrl, $"/screens/{system.ScreenId}/preview").ToString());
        var when = page.GetByLabel("Date et heure", new() { Exact = false });
        await Assertions.Expect(when).Not.ToHaveValueAsync("", new() { Timeout = 15_000 });

        await when.FillAsync(LocalValue(local));
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir", Exact = true }).ClickAsync();

        // What the server computes for that instant is what the page shows for it.
        await using var scope = system.Core.CreateAsyncScope();
        var expected = await scope.ServiceProvider.GetRequiredService<PreviewService>().AtAsync(system.ScreenId, instant);
        var status = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToContainTextAsync(Signage.Admin.FrenchFormat.DateTime(instant, Paris));
        await Assertions.Expect(status).ToContainTextAsync(expected!.Showing is { } showing ? $"« {showing.Text.Split('\n')[0]} »" : "rien n'est programmé");
    });

    [Fact]
    public Task AScreenAddedInTheConsoleGetsItsGroupsContentAtOnceOnAPlayerSetUpAsThePageSays() => InBrowserAsync("new-screen", async page =>
    {
        const string name = "Borne de la médiathèque";
        var announcement = await system.PublishRenderedAsync("Nuit de la lecture", "Samedi de 18 h à minuit : lectures, contes et jeux pour toute la famille.");
        await OpenAsync(page, "Écrans", "Écrans");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un écran" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ajouter un écran", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GetByLabel("Nom").FillAsync(name);
        await page.GetByLabel("Groupe").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.GroupName });
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'écran" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"L'écran « {name} » est créé");
        var token = await page.GetByLabel($"Jeton de « {name} »").InputValueAsync();
        var keys = await page.Locator("#token-help code").AllTextContentsAsync();
        Assert.Equal(["Player:DeviceToken", "appsettings.json", "Player__DeviceToken"], keys);

        // Built with the screen, before any player asks or anything else changes.
        await using var db = system.Database.CreateDb();
        var screen = await db.Screens.AsNoTracking().SingleAsync(s => s.Name == name);
        ScreenManifest? manifest;
        await using (var scope = system.Core.CreateAsyncScope())
        {
            manifest = await scope.ServiceProvider.GetRequiredService<ManifestService>().CurrentAsync(screen.Id);
        }

        Assert.NotNull(manifest);
        Assert.Contains(manifest.Body.Items, i => i.ContentId == announcement.Id);

        // A player given the token under the environment variable the page names plays it.
        using var player = await system.StartOtherPlayerAsync("player-2", new Dictionary<string, string> { [keys[2]] = token });
        var status = await system.WaitAsync(async () => await system.StatusAsync(player.Url) is { Connected: true, Current: not null } s && s.ManifestVersion >= manifest.Version ? s : null,
            TimeSpan.FromSeconds(30), "the new screen's player to play its manifest");
        Assert.Contains(manifest.Body.Items, i => i.ContentId == status.Current!.ContentId);
    });

    [Fact]
    public Task TheAuditLogShowsWhatAPersonDidOnTheDaysTypedAndExportsItForASpreadsheet() => InBrowserAsync("audit", async page =>
    {
        var actor = $"agent-{Guid.NewGuid():N}@mairie.test";
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(SignageSystem.RealClock.GetUtcNow(), Paris).DateTime);
        await using (var db = system.Database.CreateDb())
        {
            db.AuditEntries.AddRange(
                new() { Actor = actor, Action = "announcement.published", At = InParis(today.ToDateTime(new TimeOnly(9, 5))).ToUniversalTime(), Details = "Fête de la musique" },
                new() { Actor = actor, Action = "site.closure-added", At = InParis(today.AddDays(-3).ToDateTime(new TimeOnly(16, 0))).ToUniversalTime(), Details = "Grève" });
            await db.SaveChangesAsync();
        }

        await OpenAsync(page, "Journal", "Journal d'activité");
        await page.GetByLabel("Personne").SelectOptionAsync(new SelectOptionValue { Label = actor });
        // A French Chromium's date field reads day, month, year.
        await TypeTimeAsync(page.GetByLabel("Du", new() { Exact = true }), today.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Enter");

        var rows = page.Locator("#audit tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("Annonce publiée");
        await Assertions.Expect(rows.First).ToContainTextAsync("Fête de la musique");
        await Assertions.Expect(rows.First).ToContainTextAsync("9\u00A0h\u00A005");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Exporter en CSV (tableur)" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(2, csv.Length);
        Assert.Contains($";{actor};announcement.published;;Fête de la musique", csv[1], StringComparison.Ordinal);

        // A period that ends before it starts is refused beside its field, and the table keeps its rows.
        await TypeTimeAsync(page.GetByLabel("Au", new() { Exact = true }), today.AddDays(-1).ToString("ddMMyyyy", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("La date de fin précède la date de début.");
        await Assertions.Expect(page.GetByLabel("Au", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await ConsoleBrowser.AssertAccessibleAsync(page);
    });

    [Fact]
    public Task TheThemeSaysWhileAColourIsTypedWhetherTextOnItIsReadableAndSavesOnlyAReadableOne() => InBrowserAsync("theme", async page =>
    {
        await OpenAsync(page, "Thème", "Thème des diapositives");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        var primary = page.GetByLabel("Couleur de fond (#RRVVBB)", new() { Exact = true });
        var verdict = page.Locator("#theme-primary-verdict");

        // Mid-grey: near-black text reaches only 4.40:1 on it (WCAG 2.1 relative luminance), white less.
        await primary.FillAsync("");
        await primary.PressSequentiallyAsync("#808080");
        var grey = Math.Floor(ContrastRatio((0x80, 0x80, 0x80), (0x1A, 0x1A, 0x1A)) * 100) / 100;
        await Assertions.Expect(verdict).ToHaveTextAsync(
            $"Illisible : au mieux texte noir à {grey.ToString("0.00", French)}:1 sur le fond des diapositives, il faut au moins 4,5:1. Choisissez une couleur plus claire ou plus foncée.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le thème" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Rien n'a été enregistré");
        await Assertions.Expect(primary).ToHaveAttributeAsync("aria-invalid", "true");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await using (var db = system.Database.CreateDb())
        {
            Assert.False(await db.Themes.AnyAsync(t => t.Primary == "#808080"));
        }

        // A dark blue reads in white; the accent is picked from the colour chooser; Enter in a field saves.
        await primary.FillAsync("");
        await primary.PressSequentiallyAsync("#1d4f91");
        await Assertions.Expect(verdict).ToContainTextAsync("Lisible : texte blanc sur le fond des diapositives");
        await Assertions.Expect(page.Locator("#theme-sample")).ToHaveCSSAsync("background-color", "rgb(29, 79, 145)");
        await page.GetByLabel("Nuancier : Couleur d'accent (#RRVVBB)", new() { Exact = true }).FillAsync("#f2d16b");
        await Assertions.Expect(page.GetByLabel("Couleur d'accent (#RRVVBB)", new() { Exact = true })).ToHaveValueAsync("#F2D16B");
        var name = page.GetByLabel("Nom de la collectivité");
        await name.FillAsync("Ville de Saint-Martin");
        await name.PressAsync("Enter");

        var saved = page.Locator(".alert-success[role=status]");
        await Assertions.Expect(saved).ToContainTextAsync("Thème enregistré", new() { Timeout = 15_000 });
        await Assertions.Expect(saved).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await Browser.ShotAsync(page, "theme.png");
        await using (var db = system.Database.CreateDb())
        {
            var theme = await db.Themes.SingleAsync();
            Assert.Equal(("Ville de Saint-Martin", "#1D4F91", "#F2D16B"), (theme.Name, theme.Primary, theme.Accent));
        }
    });

    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>WCAG 2.1's contrast ratio of two sRGB colours, from their relative luminance.</summary>
    static double ContrastRatio((int R, int G, int B) a, (int R, int G, int B) b)
    {
        static double Channel(int value) => value / 255d is var c && c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        static double Luminance((int R, int G, int B) c) => (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
        var (lighter, darker) = (Math.Max(Luminance(a), Luminance(b)), Math.Min(Luminance(a), Luminance(b)));
        return (lighter + 0.05) / (darker + 0.05);
    }

    [Fact]
    public Task ThePlaysPageCountsWhatTheScreensShowedOnTheDaysTypedAndExportsItForASpreadsheet() => InBrowserAsync("plays", async page =>
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(SignageSystem.RealClock.GetUtcNow(), Paris).DateTime);
        var (first, second) = (today.AddDays(-10), today.AddDays(-9));
        var content = Guid.NewGuid();
        await using (var db = system.Database.CreateDb())
        {
            var siteId = await db.Screens.Where(s => s.Id == system.ScreenId).Select(s => s.SiteId).SingleAsync();
            Signage.Core.Plays.Play Play(DateOnly day, int hour, int seconds)
            {
                var start = InParis(day.ToDateTime(new TimeOnly(hour, 0))).ToUniversalTime();
                return new() { Id = Guid.NewGuid(), ScreenId = system.ScreenId, SiteId = siteId, ItemId = Guid.NewGuid(), ContentId = content, ManifestVersion = 1, StartedAt = start, EndedAt = start.AddSeconds(seconds), ReceivedAt = start };
            }

            db.Plays.AddRange(Play(first, 9, 10), Play(first, 10, 10), Play(first, 23, 10), Play(second, 8, 20), Play(second, 12, 20), Play(today.AddDays(-20), 9, 10));
            await db.SaveChangesAsync();
        }

        await OpenAsync(page, "Diffusions", "Diffusions");
        // A French Chromium's date field reads day, month, year.
        await TypeTimeAsync(page.GetByLabel("Du", new() { Exact = true }), first.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
        await TypeTimeAsync(page.GetByLabel("Au", new() { Exact = true }), second.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("5 diffusions, 1\u00A0min\u00A010\u00A0s à l'écran.", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        var screenRow = page.Locator("#by-screen tbody tr");
        await Assertions.Expect(screenRow).ToHaveCountAsync(1);
        await Assertions.Expect(screenRow.First).ToContainTextAsync(SignageSystem.ScreenName);
        await Assertions.Expect(screenRow.First.Locator("td").First).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("#by-day tbody tr td:first-of-type")).ToHaveTextAsync(["3", "2"]);
        await ConsoleBrowser.AssertAccessibleAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Exporter en CSV (tableur)" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("Jour;Site;Écran;Annonce;Diffusions;Durée affichée (s)", csv[0]);
        Assert.Equal([first.ToString("dd/MM/yyyy;", CultureInfo.InvariantCulture), second.ToString("dd/MM/yyyy;", CultureInfo.InvariantCulture)], csv[1..].Select(l => l[..11]));
        Assert.EndsWith($";{SignageSystem.ScreenName};{content};3;30", csv[1], StringComparison.Ordinal);
        Assert.EndsWith($";{SignageSystem.ScreenName};{content};2;40", csv[2], StringComparison.Ordinal);

        // A period that ends before it starts is refused beside its field, and the counts stay.
        await TypeTimeAsync(page.GetByLabel("Au", new() { Exact = true }), first.AddDays(-1).ToString("ddMMyyyy", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("La date de fin précède la date de début.");
        await Assertions.Expect(page.GetByLabel("Au", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(screenRow).ToHaveCountAsync(1);
        await ConsoleBrowser.AssertAccessibleAsync(page);
    });

    /// <summary>Follows the menu link to the page and waits for its heading.</summary>
    static async Task OpenAsync(IPage page, string link, string heading)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    /// <summary>A datetime-local field's value, as Chromium gives it for what was typed: "2026-06-05T08:00".</summary>
    static string LocalValue(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    static DateTimeOffset InParis(DateTime local) => new(local, Paris.GetUtcOffset(local));

    /// <summary>Focuses the hour box of a time field and types the digits, as on a keyboard.</summary>
    static async Task TypeTimeAsync(ILocator field, string digits)
    {
        await field.FocusAsync();
        await field.PressSequentiallyAsync(digits);
    }

    Task InBrowserAsync(string name, Func<IPage, Task> test) => Browser.AsAdministratorAsync(system, name, test);

    /// <summary>One Chromium for the class's tests, each in a context of its own.</summary>
    public sealed class Chromium : IAsyncLifetime
    {
        public ConsoleBrowser? Browser { get; private set; }

        public async Task InitializeAsync() => Browser = await ConsoleBrowser.LaunchAsync(nameof(ConsolePagesBrowserTests));

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }
        }
    }
}
