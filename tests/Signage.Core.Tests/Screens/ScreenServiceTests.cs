using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Screens;

namespace Signage.Core.Tests.Screens;

public class ScreenServiceTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
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

        Assert.True(await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().RevokeTokenAsync(created.Screen.Id, "admin")));

        Assert.Null(await FindAsync(created.Token));
        Assert.Null(await FindAsync("not-a-token"));
        Assert.False(await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().RevokeTokenAsync(Guid.NewGuid(), "admin")));
    }

    [Fact]
    public async Task ScreenInAnUnknownGroupIsRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.ScreenAsync("Hall C", Guid.NewGuid()));
        Assert.Contains("groupId", error.Errors.Keys);
    }

    Task<Screen?> FindAsync(string token) => fixture.WithAsync(s => s.GetRequiredService<ScreenService>().FindByTokenAsync(token));
}
