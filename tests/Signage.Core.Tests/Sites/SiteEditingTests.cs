using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.TestSupport;

namespace Signage.Core.Tests.Sites;

/// <summary>Sites renamed, moved to another zone and deleted, as the console's Sites page does.</summary>
public class SiteEditingTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task ASiteIsRenamedAndGetsItsZoneButNotTheNameOfAnother()
    {
        var taken = await Sites(s => s.CreateSiteAsync($"Mairie {Guid.NewGuid():N}", "Europe/Paris"));
        var site = await Sites(s => s.CreateSiteAsync($"Annexe {Guid.NewGuid():N}", "Europe/Paris"));

        await Sites(s => s.UpdateSiteAsync(site.Id, "  Antenne de Cayenne ", "America/Cayenne"));

        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => Sites(s => s.UpdateSiteAsync(site.Id, taken.Name, "Europe/Paris")));
        var zone = await Assert.ThrowsAsync<ValidationException>(() => Sites(s => s.UpdateSiteAsync(site.Id, "Antenne", "Europe/Lutece")));
        Assert.Contains("name", duplicate.Errors.Keys);
        Assert.Contains("timeZone", zone.Errors.Keys);
        await using var db = fixture.Database.CreateDb();
        var stored = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == site.Id);
        Assert.Equal(("Antenne de Cayenne", "America/Cayenne"), (stored.Name, stored.TimeZone));
    }

    [Fact]
    public async Task ASiteWithScreensIsNotDeletedAndTheRefusalNamesThem()
    {
        var site = await Sites(s => s.CreateSiteAsync($"Gymnase {Guid.NewGuid():N}", "Europe/Paris"));
        var group = await fixture.GroupAsync($"Sport {Guid.NewGuid():N}");
        await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Vestiaires", group.Id, SiteId: site.Id)));

        var refusal = await Assert.ThrowsAsync<ConflictException>(() => Sites(async s => { await s.DeleteSiteAsync(site.Id); return true; }));

        Assert.Contains("1 écran (Vestiaires)", refusal.Message, StringComparison.Ordinal);
        await using var db = fixture.Database.CreateDb();
        Assert.True(await db.Sites.AnyAsync(s => s.Id == site.Id));
    }

    [Fact]
    public async Task AnEmptySiteIsDeletedWithItsClosures()
    {
        var site = await Sites(s => s.CreateSiteAsync($"Ancienne poste {Guid.NewGuid():N}", "Europe/Paris"));
        await Sites(async s => { await s.AddClosureAsync(site.Id, DateOnly.FromDateTime(TestClock.Start.UtcDateTime).AddDays(3), "Travaux"); return true; });

        await Sites(async s => { await s.DeleteSiteAsync(site.Id); return true; });

        await using var db = fixture.Database.CreateDb();
        Assert.False(await db.Sites.AnyAsync(s => s.Id == site.Id));
        Assert.False(await db.SiteClosures.AnyAsync(c => c.SiteId == site.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.SubjectId == site.Id && a.Action == "site.deleted"));
    }

    Task<T> Sites<T>(Func<SiteService, Task<T>> call) => fixture.WithAsync(s => call(s.GetRequiredService<SiteService>()));
}
