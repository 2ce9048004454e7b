using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Contracts;
using Signage.Core.Accounts;
using Signage.Core.Alerts;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// The home page « Accueil » in Debian's Chromium, on a system whose player reports every second: each card's empty
/// state, then what plays, the silent screen, the approval waiting, the alert in force and the announcement sent
/// back, each checked against what is stored; a Publisher of another site sees none of them. Audited by axe-core.
/// </summary>
public sealed class HomeBrowserTests(FleetSystem fleet, HomeBrowserTests.Chromium chromium)
    : IClassFixture<FleetSystem>, IClassFixture<HomeBrowserTests.Chromium>
{
    const string Password = "Accueil-mairie-2026";
    const string ScreenName = "Borne du marché";

    SignageSystem System => fleet.System;

    ConsoleBrowser Browser => chromium.Browser!;

    [Fact]
    public Task TheHomePageSaysWhatPlaysWhichScreensAreSilentAndWhatWaitsForSomeone() => Browser.AsAdministratorAsync(System, "home", async page =>
    {
        // A player reporting every second on a screen of its own; the system's own player, silent, is offline.
        System.StopPlayer();
        var (screenId, token) = await System.CreateScreenAsync(ScreenName);
        using var player = await System.StartOtherPlayerAsync("market-player", FleetSystem.PlayerSettings((PlayerSettings.DeviceTokenVariable, token)));
        await ReportedAsync(screenId, showing: false);

        // Empty: the player is online and shows nothing yet, nothing waits.
        await page.ReloadAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Accueil — Signage");
        await Assertions.Expect(page.Locator("#fleet")).ToContainTextAsync("1 écran en ligne, 1 hors ligne", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#fleet")).ToContainTextAsync($"{SignageSystem.ScreenName} (Site principal) : ");
        await Assertions.Expect(page.Locator("#live")).ToContainTextAsync("Aucun écran en ligne ne montre d'annonce en ce moment.");
        await Assertions.Expect(page.Locator("#approvals")).ToContainTextAsync("Aucune annonce n'attend d'approbation.");
        await Assertions.Expect(page.Locator("#alerts")).ToContainTextAsync("Aucune alerte en cours.");
        await Assertions.Expect(page.Locator("#refusals")).ToContainTextAsync("Aucune annonce renvoyée à son auteur récemment.");
        await ConsoleBrowser.AssertAccessibleAsync(page);

        var shown = await System.PublishRenderedAsync("Marché de Noël", "Place de la mairie, du 12 au 24 décembre.");
        await System.WaitAsync(async () => await System.StatusAsync(player.Url) is { Current.ContentId: var id } status && id == shown.Id ? status : null,
            TimeSpan.FromSeconds(30), "the market player to show the announcement");
        await using (var scope = System.Core.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var group = await services.GetRequiredService<ScreenService>().AddGroupAsync("Gymnase");
            await services.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Gymnase Coubertin", group.Id));
            var content = services.GetRequiredService<AnnouncementService>();
            var waiting = await content.SaveDraftAsync(new DraftAnnouncement("Don du sang", "Mardi, salle du conseil."));
            await content.SubmitAsync(waiting.Id);
            var refused = await content.SaveDraftAsync(new DraftAnnouncement("Vide-grenier", "Dimanche, parking du stade."));
            await content.SubmitAsync(refused.Id);
            await content.SendBackAsync(refused.Id, "Précisez les horaires.");
        }

        // The page shows what was true when it opened: once the report naming the slide is stored, it is opened again.
        await ReportedAsync(screenId, showing: true);
        await page.ReloadAsync();
        var live = page.Locator("#live");
        await Assertions.Expect(live).ToContainTextAsync("Marché de Noël", new() { Timeout = 15_000 });
        await Assertions.Expect(live).ToContainTextAsync($"sur {ScreenName}");
        await Assertions.Expect(live.Locator("img.thumbnail")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#fleet")).ToContainTextAsync("1 écran en ligne, 2 hors ligne");
        await Assertions.Expect(page.Locator("#fleet")).ToContainTextAsync("Gymnase Coubertin (Site principal) : jamais connecté");
        await Assertions.Expect(page.Locator("#refusals")).ToContainTextAsync("« Vide-grenier » renvoyée par");
        await Assertions.Expect(page.Locator("#refusals")).ToContainTextAsync("Précisez les horaires.");
        await ConsoleBrowser.AssertAccessibleAsync(page);

        // An alert in force, then the approval link, by keyboard.
        await using (var scope = System.Core.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AlertService>()
                .RaiseAsync(new RaiseAlert("Alerte canicule", "Buvez de l'eau, restez au frais.", [new Target(TargetKind.Screen, screenId)]));
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#alerts")).ToContainTextAsync("« Alerte canicule », depuis", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#alerts").GetByRole(AriaRole.Link, new() { Name = "Suivre ou terminer les alertes" })).ToBeVisibleAsync();
        int submitted;
        await using (var db = System.Database.CreateDb())
        {
            submitted = await db.Announcements.CountAsync(a => a.Status == AnnouncementStatus.Submitted);
        }

        Assert.Equal(1, submitted);
        var approvals = page.Locator("#approvals").GetByRole(AriaRole.Link, new() { Name = "1 annonce attend votre approbation" });
        await approvals.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/approvals$"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByText("Don du sang").First).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await ScopedPublisherSeesNothingOfThisSiteAsync();
    });

    /// <summary>Waits until the screen's player has reported (and, with <paramref name="showing"/>, named the slide it shows).</summary>
    Task<string> ReportedAsync(Guid screenId, bool showing) => System.WaitAsync(async () =>
    {
        await using var db = System.Database.CreateDb();
        return await db.ScreenStatuses.AnyAsync(s => s.ScreenId == screenId && (!showing || s.ShowingItemId != null)) ? "reported" : null;
    }, TimeSpan.FromSeconds(30), $"the player of {screenId} to report");

    /// <summary>A Publisher scoped to a site with no screen signs in: the home page shows none of the other site's screens or alerts.</summary>
    async Task ScopedPublisherSeesNothingOfThisSiteAsync()
    {
        const string email = "publieur.annexe@mairie.test";
        Guid annex;
        await using (var scope = System.Core.CreateAsyncScope())
        {
            annex = (await scope.ServiceProvider.GetRequiredService<SiteService>().CreateSiteAsync("Annexe du Port", Site.DefaultTimeZone)).Id;
        }

        using (var admin = await SignageSystem.SignInAsync(System.ServerUrl))
        {
            using var created = await admin.PostAsJsonAsync("/api/users", new { email, role = Roles.Publisher, siteIds = new[] { annex }, password = Password });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(System.ServerUrl.ToString());
            await page.GetByLabel("Adresse e-mail").FillAsync(email);
            await page.GetByLabel("Mot de passe").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByText("Ce qui passe à l'écran maintenant et ce qui attend quelqu'un, sur vos sites.")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#fleet")).ToContainTextAsync("Aucun écran pour l'instant.", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("#alerts")).ToContainTextAsync("Aucune alerte en cours.");
            await Assertions.Expect(page.Locator("#live")).ToContainTextAsync("Aucun écran en ligne ne montre d'annonce en ce moment.");
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await Browser.ShotAsync(page, "home-scoped.png");
        }
        catch (Exception e)
        {
            throw await Browser.FailureAsync(e, System, (page, "home-scoped-failure.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>One Chromium for the class's tests, each in a context of its own.</summary>
    public sealed class Chromium : IAsyncLifetime
    {
        public ConsoleBrowser? Browser { get; private set; }

        public async Task InitializeAsync() => Browser = await ConsoleBrowser.LaunchAsync(nameof(HomeBrowserTests));

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }
        }
    }
}
