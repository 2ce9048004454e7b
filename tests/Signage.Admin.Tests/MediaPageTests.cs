using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Admin.Media;
using Signage.Core.Media;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Admin.Tests;

public class MediaPageTests : AdminTestContext
{
    public MediaPageTests(AdminDatabase fixture)
        : base(fixture) =>
        JSInterop.SetupModule("./_content/Signage.Admin/Media/MediaPage.razor.js").SetupVoid("focusIfLost", _ => true).SetVoidResult();

    [Fact]
    public async Task AnUploadedImageAppearsInTheLibraryWithItsThumbnail()
    {
        var page = Render<MediaPage>();
        page.WaitForAssertion(() => Assert.DoesNotContain("Chargement", page.Markup, StringComparison.Ordinal));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleMedia.Png(96, 64, SKColors.Coral), "affiche-marché.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.Contains("« affiche-marché.png » a été ajouté à la médiathèque.", page.Find("[role=status]").TextContent));
        Assert.Empty(page.FindAll("[role=alert]"));
        Assert.Empty(page.FindAll("progress"));
        var row = page.FindAll("#library tbody tr").Single(r => r.TextContent.Contains("affiche-marché.png", StringComparison.Ordinal));
        Assert.Contains("Image", row.TextContent);
        Assert.Contains("96\u00A0×\u00A064", row.TextContent);
        Assert.Contains("par editrice@mairie.test", row.TextContent);
        await using var db = Fixture.Database.CreateDb();
        var item = await db.MediaItems.SingleAsync(m => m.Name == "affiche-marché.png");
        var thumbnail = row.QuerySelector("img")!;
        Assert.Equal($"api/assets/{item.Sha256}", thumbnail.GetAttribute("src"));
        Assert.Equal("", thumbnail.GetAttribute("alt"));
    }

    [Fact]
    public async Task APhotoIsShownByTheOriginalUntilItsThumbnailIsMadeThenByTheThumbnail()
    {
        var page = Render<MediaPage>();
        page.WaitForAssertion(() => Assert.DoesNotContain("Chargement", page.Markup, StringComparison.Ordinal));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleSlides.LargePhoto(3000, 2000), "kermesse.jpg", contentType: "image/jpeg"));
        page.WaitForAssertion(() => Assert.Contains("« kermesse.jpg » a été ajouté à la médiathèque.", page.Find("[role=status]").TextContent));
        await using var db = Fixture.Database.CreateDb();
        var item = await db.MediaItems.SingleAsync(m => m.Name == "kermesse.jpg");
        Assert.Equal($"api/assets/{item.Sha256}", Thumbnail(page, "kermesse.jpg").GetAttribute("src"));

        await WithAsync(async s =>
        {
            await s.GetRequiredService<MediaCopiesJob>().RunAsync(item.Id, CancellationToken.None);
            return true;
        });
        var again = Render<MediaPage>();
        again.WaitForAssertion(() => Assert.DoesNotContain("Chargement", again.Markup, StringComparison.Ordinal));

        var thumbnail = await db.MediaVariants.SingleAsync(v => v.MediaItemId == item.Id && v.Height == ImageVariants.ThumbnailBox.Height);
        Assert.Equal((216, 144), (thumbnail.Width, thumbnail.Height));
        var img = Thumbnail(again, "kermesse.jpg");
        Assert.Equal($"api/assets/{thumbnail.AssetSha256}", img.GetAttribute("src"));
        Assert.Equal("", img.GetAttribute("alt"));
    }

    static AngleSharp.Dom.IElement Thumbnail(IRenderedComponent<MediaPage> page, string name) =>
        page.FindAll("#library tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal)).QuerySelector("img")!;

    [Fact]
    public async Task ARefusedFileShowsTheReasonInFrenchAndLeavesTheLibraryAsItWas()
    {
        var page = Render<MediaPage>();
        page.WaitForAssertion(() => Assert.DoesNotContain("Chargement", page.Markup, StringComparison.Ordinal));
        var rowsBefore = page.FindAll("#library tbody tr").Count;
        await using var db = Fixture.Database.CreateDb();
        var itemsBefore = await db.MediaItems.CountAsync();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleMedia.SvgWithScript, "logo.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.Contains(
            "« logo.png » n'a pas été ajouté : Les images SVG ne sont pas acceptées (elles peuvent contenir du script).",
            page.Find("[role=alert]").TextContent));
        var input = page.Find("input[type=file]");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("media-file-help media-file-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("media-file-error", page.Find("[role=alert]").Id);
        Assert.Equal(rowsBefore, page.FindAll("#library tbody tr").Count);
        Assert.Equal(itemsBefore, await db.MediaItems.CountAsync());
        Assert.DoesNotContain(Directory.GetFiles(Fixture.Assets.Path, "*", SearchOption.AllDirectories), f => f.Contains(".incoming", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFileInputHasALabelAndHelp()
    {
        var page = Render<MediaPage>();

        var input = page.Find("input[type=file]");
        Assert.Equal("media-file", input.Id);
        Assert.Single(page.FindAll("label[for='media-file']"));
        Assert.Contains("media-file-help", input.GetAttribute("aria-describedby"));
        Assert.Single(page.FindAll("[role=status]"));
    }
}
