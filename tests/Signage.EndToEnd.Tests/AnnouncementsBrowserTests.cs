using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Core.Accounts;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// The announcements' jobs in Debian's Chromium, from the page to what is stored and what the screen plays: the
/// library, editing, withdrawing, archiving and deleting, and the Editors' drafts through the Publishers' approval.
/// Each page passes the axe-core audit in its empty, filled, error and success states.
/// </summary>
public sealed class AnnouncementsBrowserTests(SignageSystem system, AnnouncementsBrowserTests.Chromium chromium)
    : IClassFixture<SignageSystem>, IClassFixture<AnnouncementsBrowserTests.Chromium>
{
    const string EditorPassword = "Editrice-mairie-42";

    ConsoleBrowser Browser => chromium.Browser!;

    [Fact]
    public Task PublishedByKeyboardEditedAndRedrawnOnTheScreenThenWithdrawnByKeyboardFromEveryScreen() => InBrowserAsync("edit-withdraw", async page =>
    {
        const string title = "Inscriptions à l'école de musique";
        // Keyboard only, from the home page: Tab to the menu's publish link and Enter, Tab to the title, type, Tab to
        // the text, type, back and Enter.
        await TabUntilAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Publier une annonce", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await TabUntilAsync(page, page.Locator("#title"));
        await page.Keyboard.TypeAsync(title);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Jusqu'au 15 septembre, à l'accueil.");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} » est publiée", new() { Timeout = 15_000 });
        var published = await system.WaitAsync(async () =>
        {
            await using var db = system.Database.CreateDb();
            return await db.Announcements.Where(a => a.Title == title && a.Status == AnnouncementStatus.Published).Select(a => (Guid?)a.Id).FirstOrDefaultAsync() is { } found ? found.ToString() : null;
        }, TimeSpan.FromSeconds(30), "the announcement published by keyboard to be rendered");
        var id = Guid.Parse(published);
        var before = await system.WaitUntilShownAsync(id, TimeSpan.FromSeconds(60));

        await page.GetByRole(AriaRole.Link, new() { Name = "Annonces", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Annonces — Signage", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"« {title} »", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = $"Diapositive « {title} » telle que les écrans la montrent" })).ToBeVisibleAsync();

        // Re-check: the verdicts for the screens it plays on, nothing saved yet.
        var body = page.GetByLabel("Texte", new() { Exact = true });
        await body.FillAsync("");
        await body.PressSequentiallyAsync("Jusqu'au 30 septembre, à l'accueil de la mairie.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier l'accessibilité" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("la diapositive est lisible sur chaque taille d'écran");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "1920 × 1080" })).ToContainTextAsync("Lisible");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await Browser.ShotAsync(page, "edit-verdicts.png");

        // Saved: drawn again, and the screen plays the new slide.
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et redessiner" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("la diapositive est redessinée");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        var redrawn = await system.WaitAsync(async () => await system.StatusAsync() is { Current: { } c } s && c.ContentId == id && c.Sha256 != before.Current!.Sha256 ? s : null,
            TimeSpan.FromSeconds(60), "the player to show the redrawn slide");
        Assert.Contains("30 septembre", redrawn.Current!.AccessibleText, StringComparison.Ordinal);

        // Withdrawn by keyboard: Tab to the button, Enter, the dialog takes the focus, Tab to its confirmation, Enter.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"« {title} »", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var withdraw = page.GetByRole(AriaRole.Button, new() { Name = "Retirer maintenant" });
        await TabUntilAsync(page, withdraw);
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Retirer « {title} » de tous les écrans ?" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuler" })).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await Browser.ShotAsync(page, "withdraw-dialog.png");
        // Escape cancels and gives the focus back to the button; Tab stays inside the dialog.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(withdraw).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuler" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Retirer maintenant" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuler" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        var withdrawnAt = SignageSystem.RealClock.GetUtcNow();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("les écrans ne la montrent plus");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);

        // Off the screen in seconds: neither shown nor next.
        await system.WaitAsync(async () => await system.StatusAsync() is { } s && s.Current?.ContentId != id && s.Next?.ContentId != id ? s : null,
            TimeSpan.FromSeconds(10), "the player to drop the withdrawn announcement");
        var gone = SignageSystem.RealClock.GetUtcNow() - withdrawnAt;
        Assert.True(gone < TimeSpan.FromSeconds(10), $"withdrawn in {gone.TotalSeconds:0.0} s");
        await using var check = system.Database.CreateDb();
        Assert.All(await check.ScheduleEntries.Where(e => e.AnnouncementId == id).ToListAsync(), e => Assert.True(e.Until <= SignageSystem.RealClock.GetUtcNow()));
    });

    [Fact]
    public Task DeleteIsRefusedWhileScheduledWithTheReasonBesideItThenDuplicatedArchivedAndDeleted() => InBrowserAsync("delete-archive", async page =>
    {
        var announcement = await system.PublishRenderedAsync("Vide-grenier du quartier", "Dimanche, parking du gymnase.");
        await page.GotoAsync(new Uri(system.ServerUrl, $"announcements/{announcement.Id}").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"« {announcement.Title} »", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Supprimer", Exact = true });
        await delete.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        var reason = page.Locator("#delete-error");
        await Assertions.Expect(reason).ToContainTextAsync($"est encore programmée (groupe {SignageSystem.GroupName})");
        await Assertions.Expect(reason).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(reason).ToBeFocusedAsync();
        await Assertions.Expect(delete).ToHaveAttributeAsync("aria-describedby", "delete-error");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await Browser.ShotAsync(page, "delete-refused.png");
        await using (var db = system.Database.CreateDb())
        {
            Assert.True(await db.Announcements.AnyAsync(a => a.Id == announcement.Id));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Dupliquer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"La copie « {announcement.Title} (copie) » est enregistrée comme brouillon");
        await using (var db = system.Database.CreateDb())
        {
            var copy = await db.Announcements.SingleAsync(a => a.Title == announcement.Title + " (copie)");
            Assert.Equal((AnnouncementStatus.Draft, announcement.Body, SignageSystem.AdminEmail), (copy.Status, copy.Body, copy.CreatedBy));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Archiver" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Archiver" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("est archivée et retirée de tous les écrans");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await using (var scope = system.Core.CreateAsyncScope())
        {
            var manifest = await scope.ServiceProvider.GetRequiredService<ManifestService>().CurrentAsync(system.ScreenId);
            Assert.DoesNotContain(manifest!.Body.Items, i => i.ContentId == announcement.Id);
        }

        await delete.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Annonces — Signage", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"« {announcement.Title} » est supprimée.");
        await using (var db = system.Database.CreateDb())
        {
            Assert.False(await db.Announcements.AnyAsync(a => a.Id == announcement.Id));
            Assert.False(await db.ScheduleEntries.AnyAsync(e => e.AnnouncementId == announcement.Id));
        }
    });

    [Fact]
    public Task TheLibraryFindsByTextAndFiltersSortsPagesAndShowsEachSlide() => InBrowserAsync("library", async page =>
    {
        var published = await system.PublishRenderedAsync("Bibliothèque : heure du conte", "Mercredi à 10 h, section jeunesse.");
        for (var i = 1; i <= 21; i++)
        {
            await DraftAsync(new DraftAnnouncement($"Atelier numérique n° {i:00}", "Initiation à la tablette, salle 2."), "mediatrice@mairie.test");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Annonces", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Annonces — Signage", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("annonces");

        // Empty: nothing matches.
        var search = page.GetByLabel("Rechercher (titre ou texte)");
        await search.PressSequentiallyAsync("piscine olympique");
        await search.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Aucune annonce ne correspond à ces critères.");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);

        // By text and author, sorted by title, paged by 20.
        await search.FillAsync("");
        await search.PressSequentiallyAsync("TABLETTE");
        await page.GetByLabel("Auteur").SelectOptionAsync("mediatrice@mairie.test");
        await page.GetByLabel("État").SelectOptionAsync(new SelectOptionValue { Label = "Brouillon" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("21 annonces, page 1 sur 2.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Titre" }).ClickAsync();
        await Assertions.Expect(page.Locator("th[aria-sort=ascending]")).ToContainTextAsync("Titre");
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("Atelier numérique n° 01");
        await Assertions.Expect(rows).ToHaveCountAsync(20);
        await Assertions.Expect(rows.First).ToContainTextAsync("Brouillon");
        await Assertions.Expect(rows.First).ToContainTextAsync(new Regex(@"\S+\s\d{1,2}\s\S+\s20\d\d\sà\s\d{1,2}\sh\s\d\d"));
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Titre" }).ClickAsync();
        await Assertions.Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Titre");
        await Assertions.Expect(rows.First).ToContainTextAsync("Atelier numérique n° 21");
        await page.GetByRole(AriaRole.Button, new() { Name = "Page 2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("21 annonces, page 2 sur 2.");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Atelier numérique n° 01");

        // By group, with the slide's thumbnail served to staff.
        await page.GetByRole(AriaRole.Button, new() { Name = "Effacer les filtres" }).ClickAsync();
        await page.GetByLabel("Groupe d'écrans").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.GroupName });
        await search.PressSequentiallyAsync("conte");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 annonce.");
        var thumbnail = page.GetByRole(AriaRole.Img, new() { Name = $"Diapositive « {published.Title} »" });
        await Assertions.Expect(thumbnail).ToBeVisibleAsync();
        var response = await page.APIRequest.GetAsync(new Uri(system.ServerUrl, await thumbnail.GetAttributeAsync("src")).ToString());
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/", response.Headers["content-type"], StringComparison.Ordinal);
        await Assertions.Expect(rows.First).ToContainTextAsync(SignageSystem.GroupName);
        await Assertions.Expect(rows.First).ToContainTextAsync("En ligne");
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await Browser.ShotAsync(page, "library-filled.png");

        await using var scope = system.Core.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AnnouncementService>().WithdrawAsync(published.Id);
    });

    [Fact]
    public Task AnEditorsDraftIsSentBackWithACommentThenApprovedOntoTheGroupByAPublisher() => InBrowserAsync("drafts-approval", async admin =>
    {
        const string title = "Collecte des déchets verts";
        var editorEmail = await CreateEditorAsync();
        var context = await Browser.NewContextAsync();
        var editor = await context.NewPageAsync();
        try
        {
            // An Editor's home is the home page, not « accès refusé »; their drafts are one link away.
            await editor.GotoAsync(system.ServerUrl.ToString());
            await editor.GetByLabel("Adresse e-mail").FillAsync(editorEmail);
            await editor.GetByLabel("Mot de passe").FillAsync(EditorPassword);
            await editor.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await editor.GetByRole(AriaRole.Link, new() { Name = "Brouillons", Exact = true }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "Mes brouillons", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(editor).ToHaveTitleAsync("Mes brouillons — Signage", new() { Timeout = 15_000 });
            await Assertions.Expect(editor.GetByText("Vous n'avez aucun brouillon.")).ToBeVisibleAsync();
            await ConsoleBrowser.AssertAccessibleAsync(editor);

            // Refused: no title; the message is next to the field, which gets the focus.
            await editor.GetByLabel("Texte", new() { Exact = true }).PressSequentiallyAsync("Le premier lundi du mois.");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
            await Assertions.Expect(editor.Locator("#title-error")).ToHaveTextAsync("Le titre est obligatoire.");
            await Assertions.Expect(editor.Locator("#title")).ToBeFocusedAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Alert)).ToContainTextAsync("Rien n'a été enregistré");
            await ConsoleBrowser.AssertAccessibleAsync(editor);

            await editor.Locator("#title").PressSequentiallyAsync(title);
            await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync($"Le brouillon « {title} » est enregistré");
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
            await editor.GetByRole(AriaRole.Button, new() { Name = $"Soumettre « {title} » pour approbation" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("elle attend l'approbation d'un publieur");
            await ConsoleBrowser.AssertAccessibleAsync(editor);
            var id = await IdOfAsync(title);
            Assert.Equal(AnnouncementStatus.Submitted, await StatusOfAsync(id));

            // The Publisher sends it back; an empty comment is refused beside its field.
            await admin.GetByRole(AriaRole.Link, new() { Name = "À approuver", Exact = true }).ClickAsync();
            var item = admin.GetByRole(AriaRole.Article, new() { Name = $"« {title} »" });
            await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await ConsoleBrowser.AssertAccessibleAsync(admin);
            await item.GetByRole(AriaRole.Button, new() { Name = $"Renvoyer à l'auteur « {title} »" }).ClickAsync();
            await Assertions.Expect(item.Locator($"#comment-error-{id}")).ToHaveTextAsync("Dites à l'auteur ce qu'il faut changer.");
            await Assertions.Expect(item.GetByLabel("Commentaire pour l'auteur")).ToBeFocusedAsync();
            await ConsoleBrowser.AssertAccessibleAsync(admin);
            await item.GetByLabel("Commentaire pour l'auteur").PressSequentiallyAsync("Précisez les quartiers concernés.");
            await item.GetByRole(AriaRole.Button, new() { Name = $"Renvoyer à l'auteur « {title} »" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} » est renvoyée à {editorEmail}");
            await Assertions.Expect(admin.GetByText("Rien n'attend votre approbation.")).ToBeVisibleAsync();
            await ConsoleBrowser.AssertAccessibleAsync(admin);
            Assert.Equal(AnnouncementStatus.Draft, await StatusOfAsync(id));

            // The Editor reads the comment, rewrites and submits again.
            await editor.ReloadAsync();
            await Assertions.Expect(editor.GetByText("« Précisez les quartiers concernés. »")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await ConsoleBrowser.AssertAccessibleAsync(editor);
            await editor.GetByRole(AriaRole.Button, new() { Name = $"Modifier « {title} »" }).ClickAsync();
            var body = editor.GetByLabel("Texte", new() { Exact = true });
            await Assertions.Expect(body).ToHaveValueAsync("Le premier lundi du mois.");
            await body.FillAsync("");
            await body.PressSequentiallyAsync("Le premier lundi du mois, quartiers nord et centre.");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("est enregistré");
            await editor.GetByRole(AriaRole.Button, new() { Name = $"Soumettre « {title} » pour approbation" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("est soumise");

            // Approved on the group: rendered, scheduled there, and played.
            await admin.ReloadAsync();
            await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await item.GetByLabel("Groupe d'écrans").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.GroupName });
            await item.GetByRole(AriaRole.Button, new() { Name = $"Approuver et publier « {title} »" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} » est approuvée et publiée sur le groupe {SignageSystem.GroupName}");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
            await ConsoleBrowser.AssertAccessibleAsync(admin);
            await using (var db = system.Database.CreateDb())
            {
                var entry = await db.ScheduleEntries.Include(e => e.Targets).SingleAsync(e => e.AnnouncementId == id);
                Assert.Equal([(TargetKind.Group, system.GroupId)], entry.Targets.Select(t => (t.Kind, t.TargetId)));
                Assert.Equal("Le premier lundi du mois, quartiers nord et centre.", (await db.Announcements.SingleAsync(a => a.Id == id)).Body);
            }

            var shown = await system.WaitUntilShownAsync(id, TimeSpan.FromSeconds(60));
            Assert.Contains("quartiers nord et centre", shown.Current!.AccessibleText, StringComparison.Ordinal);
            await using var scope = system.Core.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AnnouncementService>().WithdrawAsync(id);
        }
        catch (Exception e)
        {
            throw await Browser.FailureAsync(e, system, (editor, "drafts-approval-editor-failure.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    });

    async Task DraftAsync(DraftAnnouncement draft, string author)
    {
        await using var scope = system.Core.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(author);
        await scope.ServiceProvider.GetRequiredService<AnnouncementService>().SaveDraftAsync(draft);
    }

    /// <summary>An Editor account on the system's database, made as an Administrator would.</summary>
    async Task<string> CreateEditorAsync()
    {
        var email = $"editrice-{Guid.NewGuid():N}@mairie.test";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<SignageDb>(o => o.UseNpgsql(system.Database.ConnectionString));
        services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<SignageDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, EditorPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Editor)).Succeeded);
        return email;
    }

    async Task<Guid> IdOfAsync(string title)
    {
        await using var db = system.Database.CreateDb();
        return await db.Announcements.Where(a => a.Title == title).Select(a => a.Id).SingleAsync();
    }

    async Task<AnnouncementStatus> StatusOfAsync(Guid id)
    {
        await using var db = system.Database.CreateDb();
        return await db.Announcements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as a keyboard user would (at most 100 times).</summary>
    static async Task TabUntilAsync(IPage page, ILocator target)
    {
        await Assertions.Expect(target).ToBeVisibleAsync(new() { Timeout = 15_000 });
        for (var i = 0; i < 100; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException("The element never got the focus from the keyboard.");
    }

    Task InBrowserAsync(string name, Func<IPage, Task> test) => Browser.AsAdministratorAsync(system, name, test);

    /// <summary>One Chromium for the class's tests, each in a context of its own.</summary>
    public sealed class Chromium : IAsyncLifetime
    {
        public ConsoleBrowser? Browser { get; private set; }

        public async Task InitializeAsync() => Browser = await ConsoleBrowser.LaunchAsync(nameof(AnnouncementsBrowserTests));

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }
        }
    }
}
