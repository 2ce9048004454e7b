using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Core.Tests.Screens;

public class ScreenServiceTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task ANewScreenGetsWhatItsGroupAlreadyShowsAtOnce()
    {
        var group = await fixture.GroupAsync("Hall de la mairie");
        var announcement = await fixture.PublishedAsync("Recensement 2027", group.Id);

        var created = await fixture.ScreenAsync("Hall B", group.Id);

        var manifest = await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(created.Screen.Id));
        Assert.Equal([announcement.Id], manifest!.Body.Items.Select(i => i.ContentId));
        Assert.Contains(fixture.Notifier.Pushes, p => p.ScreenId == created.Screen.Id);
    }

    [Fact]
    public async Task TokenIsStoredOnlyAsAHashAndIdentifiesItsScreen()
    {
        var group = await fixture.GroupAsync("Accueil");
        var created = await fixture.ScreenAsync("Hall A", group.Id);

        await using var db = fixture.Database.CreateDb();
        var row = await db.Screens.SingleAsync(s => s.Id == created.Screen.Id);
        Assert.NotEqual(created.Token, row.TokenHash);
        Assert.DoesNotContain(created.Token, row.TokenHash);
        Assert.Equal(created.Screen.Id, (await FindAsync(created.Token))?.Id);
    }

    [Fact]
    public async Task RevokedOrUnknownTokenIdentifiesNoScreen()
    {
        var group = await fixture.GroupAsync("Accueil");
        var created = await fixture.ScreenAsync("Hall B", group.Id);

        Assert.True(await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().RevokeTokenAsync(created.Screen.Id)));

        Assert.Null(await FindAsync(created.Token));
        Assert.Null(await FindAsync("not-a-token"));
        Assert.False(await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().RevokeTokenAsync(Guid.NewGuid())));
    }

    [Fact]
    public async Task ScreenInAnUnknownGroupIsRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.ScreenAsync("Hall C", Guid.NewGuid()));
        Assert.Contains("groupId", error.Errors.Keys);
    }

    [Fact]
    public async Task EveryBadFieldOfANewScreenIsReportedAtOnceAndNothingIsSaved()
    {
        await using var db = fixture.Database.CreateDb();
        var before = await db.Screens.CountAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(
            new NewScreen("  ", Guid.NewGuid(), Guid.NewGuid(), (Signage.Contracts.Manifests.Audience)7, 100, 100, ViewingDistanceMeters: 0, DiagonalInches: 500))));

        Assert.Equal(["audience", "diagonalInches", "groupId", "name", "resolution", "siteId", "viewingDistanceMeters"], error.Errors.Keys.Order());
        Assert.Equal(before, await db.Screens.CountAsync());
    }

    [Fact]
    public async Task ANewScreenKeepsItsViewingDistanceAndDiagonalForTheTextSize()
    {
        var group = await fixture.GroupAsync("Salle du conseil");

        var created = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(
            new NewScreen("Salle du conseil", group.Id, ViewingDistanceMeters: 8, DiagonalInches: 75)));

        await using var db = fixture.Database.CreateDb();
        var row = await db.Screens.SingleAsync(s => s.Id == created.Screen.Id);
        Assert.Equal((8d, 75d), (row.ViewingDistanceMeters, row.DiagonalInches));
    }

    Task<Screen?> FindAsync(string token) => fixture.WithAsync(s => s.GetRequiredService<ScreenService>().FindByTokenAsync(token));
}
