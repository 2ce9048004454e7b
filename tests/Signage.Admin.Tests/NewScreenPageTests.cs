using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Admin.Screens;
using Signage.Contracts.Manifests;
using Signage.Core.Screens;

namespace Signage.Admin.Tests;

public class NewScreenPageTests(AdminDatabase fixture) : AdminTestContext(fixture)
{
    [Fact]
    public async Task AdministratorAddsAStaffScreenAndSeesItsTokenOnce()
    {
        var group = await WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync($"Salle de pause {Guid.NewGuid():N}"));
        var page = Render<NewScreenPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#name")));

        await page.SubmitFormAsync();
        page.WaitForAssertion(() => Assert.Contains("Le nom est obligatoire", page.Find("[role=alert]").TextContent));
        Assert.Equal("true", page.Find("#group").GetAttribute("aria-invalid"));

        await page.SetAsync("#name", "Salle de pause, 2e étage");
        await page.SetAsync("#group", group.Id.ToString());
        await page.SetAsync("#resolution", "1080x1920");
        await page.SetAsync("input[type=radio]", true, 1);
        await page.SetAsync("#distance", "6");
        await page.SubmitFormAsync();

        page.WaitForAssertion(() => Assert.Contains("il ne sera plus jamais affiché", page.Find("[role=status]").TextContent));
        Assert.Contains("Player:DeviceToken", page.Find("#token-help").TextContent);
        Assert.Contains("Player__DeviceToken", page.Find("#token-help").TextContent);
        Assert.DoesNotContain("Player:Token", page.Find("[role=status]").TextContent);
        var token = page.Find("#token").GetAttribute("value")!;
        await using var db = Fixture.Database.CreateDb();
        var screen = await db.Screens.SingleAsync(s => s.Name == "Salle de pause, 2e étage");
        Assert.Equal((Audience.Staff, 1080, 1920, 6d), (screen.Audience, screen.Width, screen.Height, screen.ViewingDistanceMeters));
        Assert.Equal([group.Id], screen.GroupIds);
        Assert.Equal(DeviceToken.Hash(token), screen.TokenHash);
    }
}
