using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.Core.Tests.Content;

/// <summary>What staff do with an announcement once it exists: edit, withdraw, archive, delete, duplicate, send back, find it.</summary>
public class AnnouncementLifecycleTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task AnEditedAnnouncementIsDrawnAgainAndItsScreensGetTheNewSlide()
    {
        var group = await fixture.GroupAsync("Hall édition");
        var screen = await fixture.ScreenAsync("Hall édition 1", group.Id);
        var published = await fixture.PublishedAsync("Marché de Noël", group.Id, body: "Place de la mairie, samedi.");
        var before = Assert.Single(await ItemsAsync(screen.Screen.Id));

        await Service(a => a.UpdateAsync(published.Id, new SlideFields("Marché de Noël", "Place de la mairie, samedi et dimanche."), Audience.Public));
        // The previous slide keeps playing until the render job has drawn the new one.
        Assert.Equal(before.Asset.Sha256, Assert.Single(await ItemsAsync(screen.Screen.Id)).Asset.Sha256);
        await RenderAsync(published.Id);

        var after = Assert.Single(await ItemsAsync(screen.Screen.Id));
        Assert.NotEqual(before.Asset.Sha256, after.Asset.Sha256);
        Assert.Contains("samedi et dimanche", after.AccessibleText, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(published.Id), a => a == "announcement.edited");
    }

    [Fact]
    public async Task AnEditThatNoLongerFitsIsRefusedAndChangesNothing()
    {
        var group = await fixture.GroupAsync("Hall édition refusée");
        var published = await fixture.PublishedAsync("Piscine fermée", group.Id, body: "Vidange annuelle.");

        var error = await Assert.ThrowsAsync<ValidationException>(() => Service(a => a.UpdateAsync(published.Id, new SlideFields(" ", "Vidange annuelle."), Audience.Public)));

        Assert.Contains("title", error.Errors.Keys);
        await using var db = fixture.Database.CreateDb();
        Assert.Equal("Piscine fermée", (await db.Announcements.SingleAsync(a => a.Id == published.Id)).Title);
    }

    [Fact]
    public async Task AWithdrawnAnnouncementLeavesEveryScreenAtOnceAndIsExpired()
    {
        var group = await fixture.GroupAsync("Hall retrait");
        var screen = await fixture.ScreenAsync("Hall retrait 1", group.Id);
        var published = await fixture.PublishedAsync("Conseil municipal", group.Id);
        Assert.Single(await ItemsAsync(screen.Screen.Id));
        var pushes = fixture.Notifier.Pushes.Count(p => p.ScreenId == screen.Screen.Id);

        await Service(a => a.WithdrawAsync(published.Id));

        Assert.DoesNotContain(await ActiveItemsAsync(screen.Screen.Id), i => i.ContentId == published.Id);
        Assert.True(fixture.Notifier.Pushes.Count(p => p.ScreenId == screen.Screen.Id) > pushes, "the screen should have been sent its new manifest");
        Assert.Equal(ContentStatus.Expired, (await DetailsAsync(published.Id)).Status);
        var again = await Assert.ThrowsAsync<ConflictException>(() => Service(a => a.WithdrawAsync(published.Id)));
        Assert.Contains("aucun écran", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteIsRefusedWhileScheduledNamingWhereAndAllowedOnceWithdrawn()
    {
        var group = await fixture.GroupAsync("Hall suppression");
        var published = await fixture.PublishedAsync("Vœux du maire", group.Id);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Service(async a => { await a.DeleteAsync(published.Id); return true; }));

        Assert.Contains("groupe Hall suppression", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await DetailsAsync(published.Id));

        await Service(a => a.WithdrawAsync(published.Id));
        await Service(async a => { await a.DeleteAsync(published.Id); return true; });

        await using var db = fixture.Database.CreateDb();
        Assert.False(await db.Announcements.AnyAsync(a => a.Id == published.Id));
        Assert.False(await db.ScheduleEntries.AnyAsync(e => e.AnnouncementId == published.Id));
        Assert.Contains(await AuditAsync(published.Id), a => a == "announcement.deleted");
    }

    [Fact]
    public async Task AnArchivedAnnouncementLeavesTheScreensAndALateRenderDoesNotBringItBack()
    {
        var group = await fixture.GroupAsync("Hall archive");
        var screen = await fixture.ScreenAsync("Hall archive 1", group.Id);
        var published = await fixture.PublishedAsync("Fête de la musique", group.Id);

        await Service(async a => { await a.ArchiveAsync(published.Id); return true; });
        await RenderAsync(published.Id);

        Assert.Empty(await ItemsAsync(screen.Screen.Id));
        Assert.Equal(ContentStatus.Archived, (await DetailsAsync(published.Id)).Status);
        Assert.DoesNotContain((await LibraryAsync(new LibraryQuery(Search: "Fête de la musique"))).Rows, r => r.Id == published.Id);
        Assert.Contains((await LibraryAsync(new LibraryQuery(Search: "Fête de la musique", Status: ContentStatus.Archived))).Rows, r => r.Id == published.Id);
        // Archived means gone: neither edited nor put back, and deletable.
        await Assert.ThrowsAsync<ConflictException>(() => Service(a => a.UpdateAsync(published.Id, new SlideFields("Fête", ""), Audience.Public)));
        await Assert.ThrowsAsync<ConflictException>(() => Service(async a => { await a.RepublishAsync(published.Id, group.Id); return true; }));
        await Service(async a => { await a.DeleteAsync(published.Id); return true; });
    }

    [Fact]
    public async Task ADuplicateIsANewDraftOfTheOneWhoCopiedIt()
    {
        var group = await fixture.GroupAsync("Hall copie");
        var published = await fixture.PublishedAsync("Don du sang", group.Id, body: "Salle des fêtes, de 15 h à 19 h.");

        var copy = await Service(a => a.DuplicateAsync(published.Id), actor: "redactrice@mairie.test");

        Assert.Equal("Don du sang (copie)", copy.Title);
        Assert.Equal("Salle des fêtes, de 15 h à 19 h.", copy.Body);
        Assert.Equal("redactrice@mairie.test", copy.CreatedBy);
        Assert.Equal(ContentStatus.Draft, (await DetailsAsync(copy.Id)).Status);
        Assert.Empty((await DetailsAsync(copy.Id)).Entries);
    }

    [Fact]
    public async Task ADraftSentBackCarriesThePublishersCommentUntilItIsSubmittedAgain()
    {
        var draft = await Service(a => a.SaveDraftAsync(new DraftAnnouncement("Collecte des encombrants", "Le 12.")), actor: "redactrice@mairie.test");
        await Service(async a => { await a.SubmitAsync(draft.Id); return true; }, actor: "redactrice@mairie.test");

        var empty = await Assert.ThrowsAsync<ValidationException>(() => Service(async a => { await a.SendBackAsync(draft.Id, "  "); return true; }));
        Assert.Contains("comment", empty.Errors.Keys);
        await Service(async a => { await a.SendBackAsync(draft.Id, "Précisez le mois et le quartier."); return true; }, actor: "publieur@mairie.test");

        var drafts = await Library(l => l.DraftsOfAsync("redactrice@mairie.test"));
        var returned = Assert.Single(drafts, d => d.Id == draft.Id);
        Assert.Equal(AnnouncementStatus.Draft, returned.Status);
        Assert.Equal("Précisez le mois et le quartier.", returned.ReviewComment);
        Assert.Equal("publieur@mairie.test", returned.ReviewedBy);
        Assert.DoesNotContain(await Library(l => l.SubmittedAsync()), d => d.Id == draft.Id);

        await Service(a => a.UpdateAsync(draft.Id, new SlideFields("Collecte des encombrants", "Le 12 janvier, quartier des Tilleuls."), Audience.Public), actor: "redactrice@mairie.test");
        await Service(async a => { await a.SubmitAsync(draft.Id); return true; }, actor: "redactrice@mairie.test");

        var submitted = Assert.Single(await Library(l => l.SubmittedAsync()), d => d.Id == draft.Id);
        Assert.Null(submitted.ReviewComment);
        Assert.Equal("Le 12 janvier, quartier des Tilleuls.", submitted.Body);
    }

    [Fact]
    public async Task ARepublishedAnnouncementComesBackOnTheGroupChosen()
    {
        var group = await fixture.GroupAsync("Hall retour");
        var other = await fixture.GroupAsync("Médiathèque retour");
        var screen = await fixture.ScreenAsync("Médiathèque retour 1", other.Id);
        var published = await fixture.PublishedAsync("Heure du conte", group.Id);
        await Service(a => a.WithdrawAsync(published.Id));

        await Service(async a => { await a.RepublishAsync(published.Id, other.Id); return true; });
        await RenderAsync(published.Id);

        Assert.Contains(await ActiveItemsAsync(screen.Screen.Id), i => i.ContentId == published.Id);
        Assert.Equal(ContentStatus.Live, (await DetailsAsync(published.Id)).Status);
    }

    [Fact]
    public async Task TheLibrarySearchesTitleAndTextFiltersSortsAndPages()
    {
        var group = await fixture.GroupAsync("Hall bibliothèque");
        var other = await fixture.GroupAsync("Gymnase bibliothèque");
        await fixture.PublishedAsync("Zumba au gymnase", other.Id, body: "Cours gratuit mardi.");
        await fixture.PublishedAsync("Éveil musical", group.Id, body: "Inscriptions ouvertes, cours gratuit.");
        await fixture.PublishedAsync("Atelier vélo", group.Id, body: "Réparez votre vélo.");
        await Service(a => a.SaveDraftAsync(new DraftAnnouncement("Cours gratuit de yoga", "Le jeudi.", Audience.Staff)), actor: "redactrice@mairie.test");

        var byText = await LibraryAsync(new LibraryQuery(Search: "COURS GRATUIT", Sort: LibrarySort.Title, Descending: false));
        Assert.Equal(["Cours gratuit de yoga", "Éveil musical", "Zumba au gymnase"], byText.Rows.Select(r => r.Title));

        Assert.Equal(["Cours gratuit de yoga"], (await LibraryAsync(new LibraryQuery(Search: "gratuit", Status: ContentStatus.Draft))).Rows.Select(r => r.Title));
        Assert.Equal(["Cours gratuit de yoga"], (await LibraryAsync(new LibraryQuery(Search: "gratuit", Audience: Audience.Staff))).Rows.Select(r => r.Title));
        Assert.Equal(["Cours gratuit de yoga"], (await LibraryAsync(new LibraryQuery(Search: "gratuit", Author: "redactrice@mairie.test"))).Rows.Select(r => r.Title));
        Assert.Equal(["Atelier vélo", "Éveil musical"], (await LibraryAsync(new LibraryQuery(GroupId: group.Id, Sort: LibrarySort.Title, Descending: false))).Rows.Select(r => r.Title));
        Assert.Empty((await LibraryAsync(new LibraryQuery(Search: "100 %"))).Rows);

        var live = (await LibraryAsync(new LibraryQuery(GroupId: group.Id))).Rows;
        Assert.All(live, r => Assert.Equal(ContentStatus.Live, r.Status));
        Assert.All(live, r => Assert.NotNull(r.SlideSha256));
        Assert.All(live, r => Assert.Equal("Hall bibliothèque", r.Targets));

        var first = await LibraryAsync(new LibraryQuery(Search: "gratuit", Sort: LibrarySort.Title, Descending: false, PageSize: 2));
        var second = await LibraryAsync(new LibraryQuery(Search: "gratuit", Sort: LibrarySort.Title, Descending: false, PageSize: 2, Page: 2));
        Assert.Equal((3, 2), (first.Total, first.PageCount));
        Assert.Equal(["Zumba au gymnase"], second.Rows.Select(r => r.Title));
    }

    [Fact]
    public async Task VerdictsSayHowTheSlideFaresAtEverySizeBeforeAnythingIsSaved()
    {
        var group = await fixture.GroupAsync("Hall verdicts");
        var before = await CountAsync();

        var fine = await Service(a => a.VerdictsAsync(new SlideFields("Piscine", "Fermée lundi.", DurationSeconds: 5), [new Target(TargetKind.Group, group.Id)]));
        var tooLong = await Service(a => a.VerdictsAsync(new SlideFields("Piscine", $"Voir {new string('m', 60)} pour les détails."), []));

        Assert.True(fine.Passes);
        Assert.Equal(4, fine.Sizes.Count);
        Assert.All(fine.Sizes, s => Assert.True(s.BodyPixels >= s.MinimumPixels && s.WorstContrast >= 4.5, $"{s.Width}×{s.Height}"));
        Assert.Equal((5, 8), (fine.RequestedSeconds, fine.NeededSeconds));
        Assert.False(tooLong.Passes);
        Assert.Contains(tooLong.Sizes, s => s.Refusal is not null);
        Assert.Equal(before, await CountAsync());
    }

    async Task<T> Service<T>(Func<AnnouncementService, Task<T>> action, string actor = "publieur@mairie.test") =>
        await fixture.WithAsync(s =>
        {
            s.GetRequiredService<CurrentActor>().Set(actor);
            return action(s.GetRequiredService<AnnouncementService>());
        });

    Task<T> Library<T>(Func<AnnouncementLibrary, Task<T>> action) => fixture.WithAsync(s => action(s.GetRequiredService<AnnouncementLibrary>()));

    Task<LibraryPage> LibraryAsync(LibraryQuery query) => Library(l => l.SearchAsync(query));

    async Task<AnnouncementDetails> DetailsAsync(Guid id) => (await Library(l => l.DetailsAsync(id)))!;

    Task<bool> RenderAsync(Guid id) =>
        fixture.WithAsync(async s => { await s.GetRequiredService<RenderAnnouncementJob>().RunAsync(id, CancellationToken.None); return true; });

    async Task<IReadOnlyList<ManifestItem>> ItemsAsync(Guid screenId) =>
        (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId)))?.Body.Items ?? [];

    /// <summary>The items of the screen's manifest that may still play: a window that has ended plays no more.</summary>
    async Task<IReadOnlyList<ManifestItem>> ActiveItemsAsync(Guid screenId)
    {
        var now = fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return [.. (await ItemsAsync(screenId)).Where(i => i.Window?.Until is not { } until || until > now)];
    }

    async Task<List<string>> AuditAsync(Guid id)
    {
        await using var db = fixture.Database.CreateDb();
        return await db.AuditEntries.Where(e => e.SubjectId == id).Select(e => e.Action).ToListAsync();
    }

    async Task<int> CountAsync()
    {
        await using var db = fixture.Database.CreateDb();
        return await db.Announcements.CountAsync() + await db.AuditEntries.CountAsync();
    }
}
