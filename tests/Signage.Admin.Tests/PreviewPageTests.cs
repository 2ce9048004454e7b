using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Signage.Admin.Screens;
using Signage.Core.Content;
using Signage.Core.Screens;

namespace Signage.Admin.Tests;

public class PreviewPageTests(AdminDatabase fixture) : AdminTestContext(fixture)
{
    [Fact]
    public async Task PreviewShowsWhatIsOnScreenAndWhy()
    {
        var group = await WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync($"Hall {Guid.NewGuid():N}"));
        var screen = await WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync("Hall d'accueil", group.Id));
        var announcement = await WithAsync(s => s.GetRequiredService<AnnouncementService>().PublishAsync(new PublishAnnouncement("Marché de Noël", "Place de la mairie", group.Id)));
        await WithAsync(async s =>
        {
            await s.GetRequiredService<RenderAnnouncementJob>().RunAsync(announcement.Id, CancellationToken.None);
            return true;
        });

        var page = Render<ScreenPreviewPage>(p => p.Add(c => c.ScreenId, screen.Screen.Id));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Que montre « Hall d'accueil » ?", page.Find("h1").TextContent);
            Assert.Contains("« Marché de Noël »", page.Find("[role=status]").TextContent);
            Assert.Contains("Pourquoi ?", page.Find("[role=status]").TextContent);
            Assert.Contains("programmée", page.Find("[role=status]").TextContent);
            // The day's timeline loads after the preview: wait for it too.
            var row = Assert.Single(page.FindAll("tbody tr"));
            Assert.Contains("« Marché de Noël » ×1", row.TextContent);
            Assert.Contains("24\u00A0h", row.TextContent);
        });
        Assert.NotNull(page.Find("label[for='when']"));
    }

    [Fact]
    public void UnknownScreenSaysSo()
    {
        var page = Render<ScreenPreviewPage>(p => p.Add(c => c.ScreenId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("n'existe pas", page.Find("[role=alert]").TextContent));
    }
}
