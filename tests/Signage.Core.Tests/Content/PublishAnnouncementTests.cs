using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.TestSupport;

namespace Signage.Core.Tests.Content;

public class PublishAnnouncementTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Theory]
    [InlineData("", "Le titre est obligatoire.")]
    [InlineData("   ", "Le titre est obligatoire.")]
    public async Task EmptyTitleIsRefusedAndNothingIsSaved(string title, string message)
    {
        var group = await fixture.GroupAsync("Accueil mairie");
        var before = await CountsAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => PublishAsync(new PublishAnnouncement(title, "Texte", group.Id)));

        Assert.Equal([message], error.Errors["title"]);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task OverLongTitleAndBodyAreRefusedTogether()
    {
        var group = await fixture.GroupAsync("Accueil mairie");
        var before = await CountsAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => PublishAsync(
            new PublishAnnouncement(new string('a', Announcement.MaxTitleLength + 1), new string('b', Announcement.MaxBodyLength + 1), group.Id)));

        Assert.Contains("title", error.Errors.Keys);
        Assert.Contains("body", error.Errors.Keys);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task UnknownGroupIsRefused()
    {
        var before = await CountsAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => PublishAsync(new PublishAnnouncement("Titre", "", Guid.NewGuid())));

        Assert.Contains("groupId", error.Errors.Keys);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task TextThatCannotFitTheScreenIsRefusedBeforeAnythingIsSaved()
    {
        var group = await fixture.GroupAsync("Accueil mairie");
        var before = await CountsAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => PublishAsync(new PublishAnnouncement("https://www.ville-exemple.fr/actualites/inscriptions-periscolaires-2026-2027-formulaire", "", group.Id)));

        Assert.Contains("plus large que l", error.Errors["title"][0]);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ValidAnnouncementIsSavedAuditedAndItsRenderQueuedButNotYetOnScreens()
    {
        var group = await fixture.GroupAsync("Médiathèque");
        var screen = await fixture.ScreenAsync("Hall médiathèque", group.Id);
        var before = await CountsAsync();

        var published = await PublishAsync(new PublishAnnouncement("  Heure du conte  ", "Mercredi à 10 h 30", group.Id));

        Assert.Equal("Heure du conte", published.Title);
        Assert.Equal(AnnouncementStatus.Rendering, published.Status);
        var after = await CountsAsync();
        Assert.Equal(before.Announcements + 1, after.Announcements);
        Assert.Equal(before.Audit + 1, after.Audit);
        Assert.Equal(before.Queued + 1, after.Queued);
        // The new screen has its (empty) manifest; the announcement joins it once rendered.
        Assert.Empty((await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screen.Screen.Id)))!.Body.Items);
    }

    Task<Announcement> PublishAsync(PublishAnnouncement request) =>
        fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>().PublishAsync(request));

    async Task<(int Announcements, int Audit, long Queued)> CountsAsync()
    {
        await using var db = fixture.Database.CreateDb();
        var queued = fixture.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default");
        return (await db.Announcements.CountAsync(), await db.AuditEntries.CountAsync(), queued);
    }
}
