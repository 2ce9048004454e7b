using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Media;
using Signage.TestSupport;

namespace Signage.Server.Tests;

public class MediaCopiesStartupTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AServerStartingMakesTheCopiesAnImageLacks()
    {
        // Uploaded through a server whose Hangfire runs no jobs, to a queue the next server never reads: as an image
        // from before copies existed, or whose job was lost.
        var item = await server.WithAsync(async s =>
        {
            var library = s.GetRequiredService<MediaLibrary>();
            using var source = new MemoryStream(SampleSlides.LargePhoto(3000, 2000));
            var temp = await library.ReceiveAsync(source, null, CancellationToken.None);
            return (await library.UploadAsync(temp, "fête.jpg", CancellationToken.None)).Item;
        });

        // The next server's Hangfire runs jobs, on its own schema.
        await using var withJobs = server.WithWebHostBuilder(b => b
            .UseSetting("Signage:Jobs:Enabled", "true")
            .UseSetting("Signage:Jobs:Schema", "hangfire_startup"));
        using var client = withJobs.CreateClient();
        using var health = await client.GetAsync("/health/live");
        Assert.True(health.IsSuccessStatusCode);

        var expected = ImageVariants.SizesFor(item.Width, item.Height).Count;
        await Eventually.ValueAsync(async () =>
        {
            await using var db = server.Database.CreateDb();
            var made = await db.MediaVariants.CountAsync(v => v.MediaItemId == item.Id);
            return made == expected ? (object)made : null;
        }, TimeSpan.FromSeconds(30), "the scaled copies made by the server's jobs");
    }
}
