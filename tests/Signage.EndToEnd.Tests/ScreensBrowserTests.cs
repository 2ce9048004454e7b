using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// The screens page « Écrans » in Debian's Chromium: an Administrator manages groups, renames and moves the playing
/// screen, makes it Public (its player drops the Staff notice), revokes its token (its player is cut) and deletes it,
/// each step checked by what was stored or what the player shows, each state audited by axe-core.
/// </summary>
public sealed class ScreensBrowserTests(SignageSystem system, ScreensBrowserTests.Chromium chromium)
    : IClassFixture<SignageSystem>, IClassFixture<ScreensBrowserTests.Chromium>
{
    static readonly TimeSpan PlayerTimeout = TimeSpan.FromSeconds(30);

    ConsoleBrowser Browser => chromium.Browser!;

    [Fact]
    public Task GroupsAreCreatedRenamedAndRefusedDeletionWhileUsedSayingWhere() => Browser.AsAdministratorAsync(system, "screen-groups", async page =>
    {
        await using (var scope = system.Core.CreateAsyncScope())
        {
            var screens = scope.ServiceProvider.GetRequiredService<ScreenService>();
            var pool = await screens.AddGroupAsync("Piscines");
            await screens.CreateScreenAsync(new NewScreen("Borne de la piscine", pool.Id));
        }

        await OpenScreensPageAsync(page);
        await ConsoleBrowser.AssertAccessibleAsync(page);

        // Nothing typed: refused beside the field, announced, and the focus is on the field.
        var name = page.GetByLabel("Nom du nouveau groupe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le groupe" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-group-name-error")).ToContainTextAsync("Le nom est obligatoire");
        await Assertions.Expect(name).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);

        await name.PressSequentiallyAsync("Médiathèques");
        await name.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#groups-result")).ToContainTextAsync("Le groupe « Médiathèques » est créé");
        await Assertions.Expect(page.Locator("#groups-result")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#groups tbody tr", new() { HasText = "Médiathèques" })).ToContainTextAsync("0");
        await Assertions.Expect(page.Locator("#groups tbody tr", new() { HasText = "Piscines" })).ToContainTextAsync("1");
        await ConsoleBrowser.AssertAccessibleAsync(page);

        // The same name in other letters: refused, nothing added.
        await name.PressSequentiallyAsync("médiathèques");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le groupe" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-group-name-error")).ToContainTextAsync("Un groupe s'appelle déjà « médiathèques »");

        await page.GetByRole(AriaRole.Button, new() { Name = "Renommer « Médiathèques »" }).ClickAsync();
        var rename = page.GetByLabel("Nouveau nom de « Médiathèques »");
        await Assertions.Expect(rename).ToBeFocusedAsync();
        await rename.FillAsync("Bibliothèques de quartier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le nom" }).ClickAsync();
        await Assertions.Expect(page.Locator("#groups-result")).ToContainTextAsync("s'appelle maintenant « Bibliothèques de quartier »");

        // A group that still holds a screen: refused beside the buttons, naming the screen.
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer « Piscines »" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer le groupe" }).ClickAsync();
        var refusal = page.Locator("#group-delete-error");
        await Assertions.Expect(refusal).ToContainTextAsync("« Piscines » contient encore 1 écran (Borne de la piscine)");
        await Assertions.Expect(refusal).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer « Bibliothèques de quartier »" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer le groupe" }).ClickAsync();
        await Assertions.Expect(page.Locator("#groups-result")).ToContainTextAsync("Le groupe « Bibliothèques de quartier » est supprimé");

        await using var db = system.Database.CreateDb();
        Assert.False(await db.ScreenGroups.AnyAsync(g => g.Name == "Médiathèques" || g.Name == "Bibliothèques de quartier" || g.Name == "médiathèques"));
        Assert.True(await db.ScreenGroups.AnyAsync(g => g.Name == "Piscines"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "group.renamed" && a.Details == "Médiathèques → Bibliothèques de quartier"));
    });

    [Fact]
    public Task TheScreenIsRenamedMovedMadePublicRevokedAndDeletedAndItsPlayerFollows() => Browser.AsAdministratorAsync(system, "screen-edit", async page =>
    {
        Site annex;
        Announcement notice;
        ScreenGroup culture;
        await using (var scope = system.Core.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            annex = await services.GetRequiredService<SiteService>().CreateSiteAsync("Annexe Jean-Jaurès", Site.DefaultTimeZone);
            culture = await services.GetRequiredService<ScreenService>().AddGroupAsync("Culture");
            var screen = (await services.GetRequiredService<ScreenService>().ListScreensAsync()).Single(s => s.Id == system.ScreenId);
            await services.GetRequiredService<ScreenService>().UpdateScreenAsync(system.ScreenId, new ScreenChange(screen.Name, screen.SiteId, Audience.Staff, false));
            notice = await services.GetRequiredService<AnnouncementService>()
                .PublishAsync(new PublishAnnouncement("Note de service", "Réunion du personnel lundi à 9 h.", system.GroupId, Audience.Staff));
            var blood = await services.GetRequiredService<AnnouncementService>().PublishAsync(new PublishAnnouncement("Collecte de sang", "Mardi, salle du conseil.", culture.Id));
            await services.GetRequiredService<ScheduleService>().AddAsync(new NewScheduleEntry(blood.Id, [new Target(TargetKind.Screen, system.ScreenId)]));
        }

        await system.WaitUntilShownAsync(notice.Id, PlayerTimeout);
        await OpenScreensPageAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Modifier « {SignageSystem.ScreenName} »" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Modifier l'écran « {SignageSystem.ScreenName} »" })).ToBeFocusedAsync();

        // An empty name: refused beside the field, nothing saved.
        var name = page.GetByLabel("Nom", new() { Exact = true });
        await name.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'écran" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le nom est obligatoire");
        await Assertions.Expect(page.Locator("#screen-name-error")).ToContainTextAsync("Le nom est obligatoire");
        await Assertions.Expect(name).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);

        await name.PressSequentiallyAsync("Hall de la mairie annexe");
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{annex.Name} ({annex.TimeZone})" });
        await page.Locator("#screen-groups").GetByLabel("Culture").CheckAsync();
        await page.GetByLabel("Tout public (hall, accueil)").CheckAsync();
        await page.GetByLabel("Visible depuis la rue").CheckAsync();
        await Browser.ShotAsync(page, "screen-edit-filled.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'écran" }).ClickAsync();
        var result = page.Locator("#screens-result");
        await Assertions.Expect(result).ToContainTextAsync("L'écran « Hall de la mairie annexe » est enregistré (tout public, site « Annexe Jean-Jaurès »)");
        await Assertions.Expect(result).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#screens")).ToContainTextAsync("Culture");
        await ConsoleBrowser.AssertAccessibleAsync(page);

        await using (var db = system.Database.CreateDb())
        {
            var stored = await db.Screens.AsNoTracking().SingleAsync(s => s.Id == system.ScreenId);
            Assert.Equal(("Hall de la mairie annexe", annex.Id, Audience.Public, true), (stored.Name, stored.SiteId, stored.Audience, stored.VisibleFromStreet));
            Assert.Equal(new[] { system.GroupId, culture.Id }.Order(), stored.GroupIds.Order());
        }

        // Public now: the Staff notice leaves the player's screen at once, pushed by the server.
        await system.WaitAsync(async () => await system.StatusAsync() is { } status && status.Current?.ContentId != notice.Id ? status : null,
            PlayerTimeout, "the player to drop the Staff notice");

        await page.GetByRole(AriaRole.Button, new() { Name = "Modifier « Hall de la mairie annexe »" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Révoquer le jeton" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuler" })).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Révoquer le jeton" }).ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("Le jeton de « Hall de la mairie annexe » est révoqué");
        await Assertions.Expect(page.Locator("#screens")).ToContainTextAsync("(révoqué)");
        await system.WaitAsync(async () => await system.StatusAsync() is { Connected: false } status ? status : null, PlayerTimeout, "the revoked player to be cut");

        // Deleting it: the confirmation names the entry aimed at it alone, which goes with it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Modifier « Hall de la mairie annexe »" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer l'écran" }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("La programmation qui ne vise que lui est supprimée avec lui : « Collecte de sang ».");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Supprimer l'écran" }).ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("L'écran « Hall de la mairie annexe » est supprimé.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Modifier « Hall de la mairie annexe »" })).ToHaveCountAsync(0);
        await ConsoleBrowser.AssertAccessibleAsync(page);

        await using (var db = system.Database.CreateDb())
        {
            Assert.False(await db.Screens.AnyAsync(s => s.Id == system.ScreenId));
            Assert.False(await db.ScheduleTargets.AnyAsync(t => t.Kind == TargetKind.Screen && t.TargetId == system.ScreenId));
            Assert.True(await db.ScheduleEntries.AnyAsync(e => e.AnnouncementId == notice.Id));
        }
    });

    static async Task OpenScreensPageAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Écrans", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Écrans — Signage", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#groups")).ToContainTextAsync(SignageSystem.GroupName, new() { Timeout = 15_000 });
    }

    /// <summary>One Chromium for the class's tests, each in a context of its own.</summary>
    public sealed class Chromium : IAsyncLifetime
    {
        public ConsoleBrowser? Browser { get; private set; }

        public async Task InitializeAsync() => Browser = await ConsoleBrowser.LaunchAsync(nameof(ScreensBrowserTests));

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }
        }
    }
}
