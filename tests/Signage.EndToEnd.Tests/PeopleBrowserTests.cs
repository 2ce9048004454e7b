using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Core.Accounts;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// The people page « Utilisateurs » in Debian's Chromium: an Administrator types a person in, scopes them to a site,
/// ends a session and disables an account; the other person's browser, a context of its own, sees the effect. Each
/// step is checked by what was stored, and each state of the page passes the axe-core audit.
/// </summary>
public sealed class PeopleBrowserTests(SignageSystem system, PeopleBrowserTests.Chromium chromium)
    : IClassFixture<SignageSystem>, IClassFixture<PeopleBrowserTests.Chromium>
{
    const string Password = "Lecture-publique-2026";

    ConsoleBrowser Browser => chromium.Browser!;

    [Fact]
    public Task AnEditorCreatedForOneSiteSeesOnlyThatSitesScreens() => InBrowserAsync("editor-of-one-site", async (admin, other) =>
    {
        const string email = "redactrice.mediatheque@mairie.test";
        var library = await SiteWithScreenAsync("Médiathèque Jules-Verne", "Borne de la médiathèque");
        await OpenPeoplePageAsync(admin);
        await ConsoleBrowser.AssertAccessibleAsync(admin);

        // Nothing typed: refused, and the page says what is missing.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Saisissez l'adresse e-mail de la personne.");
        await ConsoleBrowser.AssertAccessibleAsync(admin);

        await admin.GetByLabel("Adresse e-mail").FillAsync(email);
        await admin.GetByLabel("Rôle").SelectOptionAsync(new SelectOptionValue { Label = "Rédacteur" });
        await admin.Locator("#new-sites").GetByLabel(library.Name).CheckAsync();
        await admin.GetByLabel("Mot de passe (laisser vide pour inviter)").FillAsync(Password);
        await Browser.ShotAsync(admin, "editor-of-one-site-filled.png");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("#added")).ToContainTextAsync($"{email} est ajouté");
        await Assertions.Expect(admin.Locator("#people")).ToContainTextAsync(library.Name);
        await ConsoleBrowser.AssertAccessibleAsync(admin);

        await using (var db = system.Database.CreateDb())
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
            Assert.Equal([Roles.Editor], roles);
            Assert.Equal([library.Id], await db.StaffUserSites.Where(s => s.UserId == user.Id).Select(s => s.SiteId).ToListAsync());
        }

        await SignInAsync(other, email, Password, "screens");
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Écrans", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var screens = other.Locator("#screens");
        await Assertions.Expect(screens).ToContainTextAsync("Borne de la médiathèque", new() { Timeout = 15_000 });
        await Assertions.Expect(screens).Not.ToContainTextAsync(SignageSystem.ScreenName);
    });

    [Fact]
    public Task EndingASessionOnThePeoplePageSignsThatBrowserOut() => InBrowserAsync("end-session", async (admin, other) =>
    {
        const string email = "publieur.accueil@mairie.test";
        await OpenPeoplePageAsync(admin);
        await AddPersonAsync(admin, email, "Publieur");
        await SignInAsync(other, email, Password, "screens");
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Écrans", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await admin.GetByRole(AriaRole.Button, new() { Name = $"Gérer {email}" }).ClickAsync();
        var sessions = admin.Locator("#sessions");
        await Assertions.Expect(sessions).ToContainTextAsync("Chrome");
        await Assertions.Expect(sessions).ToContainTextAsync("127.0.0.1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Terminer la session ouverte le" }).ClickAsync();
        // The safe choice has the focus.
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuler" })).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(admin);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Terminer la session", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("#done")).ToContainTextAsync("Session terminée");
        await Assertions.Expect(admin.GetByText("Aucune session ouverte.")).ToBeVisibleAsync();

        await using (var db = system.Database.CreateDb())
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
            Assert.False(await db.StaffSessions.AnyAsync(s => s.UserId == user.Id));
        }

        // Its next page is the sign-in page, and it comes back to where it was going.
        await other.GotoAsync(new Uri(system.ServerUrl, "schedule").ToString());
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/signin"));
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Connexion", Level = 1 })).ToBeVisibleAsync();
    });

    [Fact]
    public Task DisablingAPersonClosesTheConsolePageTheyHaveOpenWithinAMinute() => InBrowserAsync("disable", async (admin, other) =>
    {
        const string email = "agent.desactive@mairie.test";
        await OpenPeoplePageAsync(admin);
        await AddPersonAsync(admin, email, "Rédacteur");
        await SignInAsync(other, email, Password, "screens");
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Écrans", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await admin.GetByRole(AriaRole.Button, new() { Name = $"Gérer {email}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Désactiver", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Désactiver le compte" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#done")).ToContainTextAsync($"{email} est désactivé");
        await using (var db = system.Database.CreateDb())
        {
            Assert.True(await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Disabled).SingleAsync());
        }

        // The page stays untouched: its circuit checks its session every minute and leaves for the sign-in page.
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/signin"), new() { Timeout = 75_000 });
        await other.GetByLabel("Adresse e-mail").FillAsync(email);
        await other.GetByLabel("Mot de passe").FillAsync(Password);
        await other.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Alert)).ToContainTextAsync("Adresse e-mail ou mot de passe incorrect.");
    });

    [Fact]
    public Task TheLastAdministratorCannotBeDeletedAndThePageSaysWhyBesideTheButton() => InBrowserAsync("last-administrator", async (admin, _) =>
    {
        await OpenPeoplePageAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Gérer {SignageSystem.AdminEmail}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Supprimer", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        // Beside the button, with the focus.
        var refusal = admin.Locator("#delete-error");
        await Assertions.Expect(refusal).ToContainTextAsync("c'est le dernier administrateur actif");
        await Assertions.Expect(refusal).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(admin);

        await using var db = system.Database.CreateDb();
        Assert.True(await db.Users.AnyAsync(u => u.Email == SignageSystem.AdminEmail && !u.Disabled));
    });

    /// <summary>A site of its own with one screen, made through the services the console calls.</summary>
    async Task<Site> SiteWithScreenAsync(string siteName, string screenName)
    {
        await using var scope = system.Core.CreateAsyncScope();
        var site = await scope.ServiceProvider.GetRequiredService<SiteService>().CreateSiteAsync(siteName, Site.DefaultTimeZone);
        var screens = scope.ServiceProvider.GetRequiredService<ScreenService>();
        var group = await screens.CreateGroupAsync($"Accueil {siteName}");
        await screens.CreateScreenAsync(new NewScreen(screenName, group.Id, site.Id));
        return site;
    }

    static async Task OpenPeoplePageAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Utilisateurs", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#people")).ToContainTextAsync(SignageSystem.AdminEmail, new() { Timeout = 15_000 });
    }

    /// <summary>Types a person with a password into the form, for every site.</summary>
    static async Task AddPersonAsync(IPage page, string email, string role)
    {
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Rôle").SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.GetByLabel("Mot de passe (laisser vide pour inviter)").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#added")).ToContainTextAsync($"{email} est ajouté");
    }

    /// <summary>Opens a page signed out, is sent to the sign-in form and signs in there.</summary>
    async Task SignInAsync(IPage page, string email, string password, string path)
    {
        await page.GotoAsync(new Uri(system.ServerUrl, path).ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    /// <summary>Runs <paramref name="test"/> with the administrator signed in on one page and another, signed-out browser.</summary>
    async Task InBrowserAsync(string name, Func<IPage, IPage, Task> test)
    {
        var adminContext = await Browser.NewContextAsync();
        var otherContext = await Browser.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        var other = await otherContext.NewPageAsync();
        try
        {
            await Browser.SignInAsync(admin, system);
            await test(admin, other);
            await Browser.ShotAsync(admin, $"{name}.png");
        }
        catch (Exception e)
        {
            throw await Browser.FailureAsync(e, system, (admin, $"{name}-failure.png"), (other, $"{name}-other-failure.png"));
        }
        finally
        {
            await otherContext.DisposeAsync();
            await adminContext.DisposeAsync();
        }
    }

    /// <summary>One Chromium for the class's tests, each browser in a context of its own.</summary>
    public sealed class Chromium : IAsyncLifetime
    {
        public ConsoleBrowser? Browser { get; private set; }

        public async Task InitializeAsync() => Browser = await ConsoleBrowser.LaunchAsync(nameof(PeopleBrowserTests));

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }
        }
    }
}
