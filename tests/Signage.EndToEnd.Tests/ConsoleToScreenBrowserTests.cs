using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Signage.Contracts.Manifests;
using Signage.Core.Scheduling;

namespace Signage.EndToEnd.Tests;

/// <summary>A person's path through the product, in Debian's Chromium: sign in, publish, look at the screen.</summary>
public sealed class ConsoleToScreenBrowserTests(SignageSystem system) : IClassFixture<SignageSystem>, IAsyncLifetime
{
    ConsoleBrowser? browser;

    public async Task InitializeAsync() => browser = await ConsoleBrowser.LaunchAsync(nameof(StaffPublishesFromTheConsoleAndTheScreenShowsIt));

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task StaffPublishesFromTheConsoleAndTheScreenShowsIt()
    {
        const string title = "Fermeture exceptionnelle de la médiathèque";
        var context = await browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        IPage? screen = null;
        try
        {
            await browser.SignInAsync(page, system);
            await page.GetByRole(AriaRole.Link, new() { Name = "Publier une annonce", Exact = true }).ClickAsync();
            // The form renders only on the interactive circuit (no prerendering), and the button
            // is enabled once the circuit has loaded the groups: what is typed now is kept.
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publier" })).ToBeEnabledAsync(new() { Timeout = 15_000 });
            await page.GetByLabel("Titre").FillAsync(title);
            await page.GetByLabel("Texte").FillAsync("Inventaire annuel : la médiathèque sera fermée samedi. Les retours restent possibles à la boîte extérieure.");
            await page.GetByLabel("Groupe d'écrans").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.GroupName });
            await Assertions.Expect(page.GetByLabel("Titre")).ToHaveValueAsync(title);
            await browser.ShotAsync(page, "02-filled.png");
            await page.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} » est publiée");
            await browser.ShotAsync(page, "03-published.png");

            screen = await context.NewPageAsync();
            await screen.SetViewportSizeAsync(1920, 1080);
            await screen.GotoAsync(system.PlayerUrl.ToString());
            var slide = screen.Locator("img#front");
            // The display page swaps in a slide once decoded; wait for this one to be there and loaded.
            await Assertions.Expect(slide).ToHaveAttributeAsync("alt", new Regex(Regex.Escape(title)), new() { Timeout = 10_000 });
            await screen.WaitForFunctionAsync(
                "() => { const img = document.querySelector('img#front'); return !!img.dataset.sha256 && img.complete && img.naturalWidth === 1920; }",
                null, new() { Timeout = 5_000 });
            await Assertions.Expect(slide).ToBeVisibleAsync();
            await browser.ShotAsync(screen, "04-screen.png", fullPage: false);

            var status = await system.StatusAsync();
            Assert.Contains(title, status!.Current!.AccessibleText);
            Assert.Equal(status.Current.Sha256, await slide.GetAttributeAsync("data-sha256"));
            Assert.Equal(status.Current.Id.ToString(), await slide.GetAttributeAsync("data-item-id"));

            await page.GetByRole(AriaRole.Link, new() { Name = "Écrans" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = $"Que montre « {SignageSystem.ScreenName} » ?" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} »");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Pourquoi ?");
            await browser.ShotAsync(page, "05-preview.png");

            // Proof of play: once its slot is over, what the display page showed reaches the server from the real player.
            var play = await system.WaitAsync(async () =>
            {
                await using var db = system.Database.CreateDb();
                return await db.Plays.FirstOrDefaultAsync(p => p.ScreenId == system.ScreenId && p.ItemId == status.Current.Id);
            }, TimeSpan.FromSeconds(60), "the play of the slide to reach the server");
            Assert.Equal(status.Current.ContentId, play.ContentId);
            Assert.True(play.EndedAt > play.StartedAt);
        }
        catch (Exception e)
        {
            throw await browser.FailureAsync(e, system, (page, "failure.png"), (screen, "failure-screen.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task PublisherRaisesAnAlertTheScreenShowsAndConfirmsItAndTheEndClearsIt()
    {
        const string title = "Évacuation du bâtiment";
        var (context, page, screen) = await AlertsPageAndScreenAsync();
        try
        {
            await Assertions.Expect(page.GetByText("Aucune alerte en cours.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.GetByLabel("Modèle").SelectOptionAsync(new SelectOptionValue { Label = "Texte libre" });
            await page.GetByLabel("Titre").FillAsync(title);
            await page.GetByLabel("Consignes").FillAsync("Sortez par l'issue la plus proche et rejoignez le point de rassemblement.");
            await page.GetByLabel("Écrans visés").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.GroupName });
            await page.GetByLabel("Durée au plus").SelectOptionAsync(new SelectOptionValue { Label = "30\u00A0min" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Déclencher l'alerte" }).ClickAsync();

            // The display draws it over everything, then confirms it: the console counts the confirmation.
            var alert = screen.Locator("img#alert");
            await Assertions.Expect(alert).ToHaveAttributeAsync("alt", new Regex(Regex.Escape(title)), new() { Timeout = 5_000 });
            await Assertions.Expect(alert).ToBeVisibleAsync();
            await screen.WaitForFunctionAsync("() => { const img = document.querySelector('img#alert'); return img.complete && img.naturalWidth === 1920; }",
                null, new() { Timeout = 5_000 });
            await Assertions.Expect(page.Locator(".confirmations")).ToContainTextAsync("1 / 1 écran confirmé en", new() { Timeout = 5_000 });
            await browser!.ShotAsync(page, "10-alert-confirmed.png");
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await browser.ShotAsync(screen, "11-alert-screen.png", fullPage: false);

            await using (var db = system.Database.CreateDb())
            {
                var stored = await db.Announcements.SingleAsync(a => a.Title == title);
                var entry = await db.ScheduleEntries.SingleAsync(e => e.AnnouncementId == stored.Id);
                Assert.Equal((Tier.Alert, TimeSpan.FromMinutes(30)), (entry.Tier, entry.Until!.Value - entry.From!.Value));
                Assert.Equal(system.ScreenId, (await db.AlertAcknowledgements.SingleAsync(a => a.AlertId == stored.Id)).ScreenId);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = $"Fin d'alerte « {title} »" }).ClickAsync();
            await Assertions.Expect(alert).ToBeHiddenAsync(new() { Timeout = 5_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Fin d'alerte" })).ToBeFocusedAsync();
            await Assertions.Expect(page.GetByText("Aucune alerte en cours.")).ToBeVisibleAsync();
            Assert.Null((await system.StatusAsync())!.Alert);
        }
        catch (Exception e)
        {
            throw await browser!.FailureAsync(e, system, (page, "failure-alert.png"), (screen, "failure-alert-screen.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnAdministratorSetsUpACapSourceAndRuleAndASignedMessageTakesOverTheScreen()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var (context, page, screen) = await AlertsPageAndScreenAsync();
        try
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Alertes reçues d'autres systèmes (CAP) : sources et règles" }).ClickAsync();
            await Assertions.Expect(page).ToHaveTitleAsync("Alertes CAP — Signage", new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByText("Aucune source.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.GetByLabel("Nom de la source").FillAsync("Préfecture du Rhône");
            await page.GetByLabel("Clé publique RSA de la source (PEM)").FillAsync(rsa.ExportSubjectPublicKeyInfoPem());
            await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la source" }).ClickAsync();
            var keyLocator = page.Locator("#cap-key");
            await Assertions.Expect(keyLocator).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Source « Préfecture du Rhône » ajoutée" })).ToBeFocusedAsync();
            var key = (await keyLocator.TextContentAsync())!.Trim();

            await page.GetByLabel("Source", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Préfecture du Rhône" });
            await page.GetByLabel("Événement CAP (« event » ou valeur d'« eventCode »)").FillAsync("Crue");
            await page.GetByLabel("Alerte affichée").SelectOptionAsync(new SelectOptionValue { Label = "Alerte météo" });
            await page.GetByLabel("Écrans visés").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.GroupName });
            await page.GetByLabel("Durée").SelectOptionAsync(new SelectOptionValue { Label = "1\u00A0h" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la règle" }).ClickAsync();
            await Assertions.Expect(page.Locator("#cap-rules")).ToContainTextAsync("Crue");
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await browser!.ShotAsync(page, "20-cap.png");

            await using (var db = system.Database.CreateDb())
            {
                var source = await db.CapSources.SingleAsync(s => s.Name == "Préfecture du Rhône");
                Assert.Equal(Signage.Core.Screens.DeviceToken.Hash(key), source.KeyHash);
                var rule = await db.CapRules.SingleAsync(r => r.SourceId == source.Id);
                Assert.Equal(("Crue", "meteo", 60), (rule.Event, rule.Template, rule.Minutes));
                Assert.Equal([new Target(TargetKind.Group, system.GroupId)], rule.Targets);
            }

            var xml = Signage.TestSupport.CapMessages.Sign(
                Signage.TestSupport.CapMessages.Message(SignageSystem.RealClock.GetUtcNow(), Signage.TestSupport.CapMessages.NewId(), "Alert", "Crue"), rsa);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.ServerUrl, "/api/cap"))
            {
                Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/cap+xml"),
            };
            request.Headers.Add("X-Cap-Key", key);
            using var response = await system.Http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);

            var alert = screen.Locator("img#alert");
            await Assertions.Expect(alert).ToHaveAttributeAsync("alt", new Regex("Alerte météo"), new() { Timeout = 5_000 });
            await page.GetByRole(AriaRole.Link, new() { Name = "Alertes", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Fin d'alerte « Alerte météo »" }).ClickAsync();
            await Assertions.Expect(alert).ToBeHiddenAsync(new() { Timeout = 5_000 });
        }
        catch (Exception e)
        {
            throw await browser!.FailureAsync(e, system, (page, "failure-cap.png"), (screen, "failure-cap-screen.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>The screen's display page at 1920×1080, and the console signed in on its « Alertes » page.</summary>
    async Task<(IBrowserContext Context, IPage Page, IPage Screen)> AlertsPageAndScreenAsync()
    {
        var context = await browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        var screen = await context.NewPageAsync();
        await screen.SetViewportSizeAsync(1920, 1080);
        await screen.GotoAsync(system.PlayerUrl.ToString());
        await browser.SignInAsync(page, system);
        await page.GetByRole(AriaRole.Link, new() { Name = "Alertes", Exact = true }).ClickAsync();
        return (context, page, screen);
    }
}
