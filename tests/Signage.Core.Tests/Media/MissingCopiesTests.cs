using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Media;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Core.Tests.Media;

public sealed class MissingCopiesTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task ImagesLackingCopiesGetTheirJobQueuedAndThenHaveThem()
    {
        var done = (await fixture.UploadAsync(SampleSlides.LargePhoto(3000, 2000), "fait.jpg")).Item;
        await fixture.MakeCopiesAsync(done.Id);
        // As an image uploaded before copies existed, or whose job was lost: no copies.
        var lacking = (await fixture.UploadAsync(SampleSlides.LargePhoto(2400, 1800), "ancienne.jpg")).Item;
        var partial = (await fixture.UploadAsync(SampleSlides.LargePhoto(4000, 2250), "incomplète.jpg")).Item;
        await fixture.MakeCopiesAsync(partial.Id);
        await using var db = fixture.Database.CreateDb();
        await db.MediaVariants.Where(v => v.MediaItemId == partial.Id && v.Width == 1280).ExecuteDeleteAsync();
        await fixture.UploadAsync(SampleMedia.Png(150, 100, SKColors.Navy), "pictogramme.png");
        await fixture.UploadAsync(SampleMedia.Mp4(duration: 5000), "clip.mp4");

        var queued = await fixture.WithAsync(s => s.GetRequiredService<MediaLibrary>().EnqueueMissingCopiesAsync(CancellationToken.None));

        Assert.Equivalent(new[] { lacking.Id, partial.Id }, queued, strict: true);
        foreach (var id in queued)
        {
            await fixture.MakeCopiesAsync(id);
        }

        foreach (var item in new[] { done, lacking, partial })
        {
            var sizes = await db.MediaVariants.Where(v => v.MediaItemId == item.Id).Select(v => new SKSizeI(v.Width, v.Height)).ToListAsync();
            Assert.Equivalent(ImageVariants.SizesFor(item.Width, item.Height), sizes, strict: true);
        }

        Assert.Empty(await fixture.WithAsync(s => s.GetRequiredService<MediaLibrary>().EnqueueMissingCopiesAsync(CancellationToken.None)));
    }
}
