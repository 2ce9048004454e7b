using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Core.Tests.Screens;

public class ScreenGroupsTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task ScreenInTwoGroupsPlaysTheContentOfBothAndLosesAGroupsContentWhenItLeaves()
    {
        var lobby = await fixture.GroupAsync("Halls d'accueil");
        var culture = await fixture.GroupAsync("Pôle culture");
        var screen = await fixture.ScreenAsync("Médiathèque hall", lobby.Id);
        await fixture.PublishedAsync("Horaires de la mairie", lobby.Id);
        await fixture.PublishedAsync("Concert du 12 décembre", culture.Id);

        await SetGroupsAsync(screen.Screen.Id, lobby.Id, culture.Id);
        Assert.Equal(["Concert du 12 décembre", "Horaires de la mairie"], await TitlesOnAsync(screen.Screen.Id));

        await SetGroupsAsync(screen.Screen.Id, culture.Id);
        Assert.Equal(["Concert du 12 décembre"], await TitlesOnAsync(screen.Screen.Id));
        Assert.Contains(fixture.Notifier.Pushes, p => p.ScreenId == screen.Screen.Id && p.Manifest.Body.Items.Count == 1);
    }

    [Fact]
    public async Task ANewScreenHasItsGroupsContentInAManifestAsSoonAsItIsCreated()
    {
        var group = await fixture.GroupAsync("Bornes des médiathèques");
        await fixture.PublishedAsync("Nuit de la lecture", group.Id);

        var screen = await fixture.ScreenAsync("Borne de la médiathèque", group.Id);

        Assert.Equal(["Nuit de la lecture"], await TitlesOnAsync(screen.Screen.Id));
        Assert.Contains(fixture.Notifier.Pushes, p => p.ScreenId == screen.Screen.Id && p.Manifest.Version == 1);
    }

    [Fact]
    public async Task NoGroupOrAnUnknownGroupIsRefusedAndChangesNothing()
    {
        var group = await fixture.GroupAsync("Services techniques");
        var screen = await fixture.ScreenAsync("Atelier", group.Id);

        var none = await Assert.ThrowsAsync<ValidationException>(() => SetGroupsAsync(screen.Screen.Id));
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => SetGroupsAsync(screen.Screen.Id, group.Id, Guid.NewGuid()));
        var noScreen = await Assert.ThrowsAsync<NotFoundException>(() => SetGroupsAsync(Guid.NewGuid(), group.Id));

        Assert.Contains("groupIds", none.Errors.Keys);
        Assert.Contains("groupIds", unknown.Errors.Keys);
        Assert.Equal("not-found", noScreen.Code);
        await using var db = fixture.Database.CreateDb();
        Assert.Equal([group.Id], (await db.Screens.SingleAsync(s => s.Id == screen.Screen.Id)).GroupIds);
    }

    async Task SetGroupsAsync(Guid screenId, params Guid[] groups)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScreenService>().SetGroupsAsync(screenId, groups);
    }

    async Task<List<string>> TitlesOnAsync(Guid screenId)
    {
        var manifest = await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId));
        return [.. manifest!.Body.Items.Select(i => i.AccessibleText.Split('\n')[0]).Order()];
    }
}
