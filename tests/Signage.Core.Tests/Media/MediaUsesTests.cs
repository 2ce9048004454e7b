using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Core.Tests.Media;

/// <summary>Media renamed, found where used, and deleted only once nothing shows it.</summary>
public class MediaUsesTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task AnImageOnASlideIsNotDeletedAndTheRefusalNamesTheAnnouncement()
    {
        var (image, _) = await fixture.UploadAsync(SampleMedia.Png(320, 200, SKColors.Teal), "parc.png");
        var group = await fixture.GroupAsync($"Parc {Guid.NewGuid():N}");
        var announcement = await fixture.WithAsync(s => s.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement("Fête du parc", "Samedi.", group.Id, Template: "image-texte", ImageSha256: image.Sha256)));

        var uses = await Library(l => l.UsesAsync(image.Id));
        var refusal = await Assert.ThrowsAsync<ConflictException>(() => Library(async l => { await l.DeleteAsync(image.Id); return true; }));

        Assert.Equal([new MediaUse(MediaUseKind.Announcement, "Fête du parc", announcement.Id)], uses);
        Assert.Contains("annonce « Fête du parc »", refusal.Message, StringComparison.Ordinal);
        await using var db = fixture.Database.CreateDb();
        Assert.True(await db.MediaItems.AnyAsync(m => m.Id == image.Id));
    }

    [Fact]
    public async Task AnUnusedItemIsRenamedThenDeleted()
    {
        var (image, _) = await fixture.UploadAsync(SampleMedia.Png(200, 100, SKColors.Orange), "IMG_0042.png");

        var renamed = await Library(l => l.RenameAsync(image.Id, " Façade de la mairie "));
        await Assert.ThrowsAsync<ValidationException>(() => Library(l => l.RenameAsync(image.Id, "   ")));
        Assert.Equal("Façade de la mairie", renamed.Name);
        Assert.Empty(await Library(l => l.UsesAsync(image.Id)));

        await Library(async l => { await l.DeleteAsync(image.Id); return true; });

        await using var db = fixture.Database.CreateDb();
        Assert.False(await db.MediaItems.AnyAsync(m => m.Id == image.Id));
        Assert.Equal(["media.uploaded", "media.renamed", "media.deleted"],
            await db.AuditEntries.Where(a => a.SubjectId == image.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    Task<T> Library<T>(Func<MediaLibrary, Task<T>> call) => fixture.WithAsync(s => call(s.GetRequiredService<MediaLibrary>()));
}
