using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Signage.Core.Media;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

/// <summary>The communications officer's media library, in Debian's Chromium: add a phone photo, then a wrong file.</summary>
public sealed class MediaLibraryBrowserTests(SignageSystem system) : IClassFixture<SignageSystem>, IAsyncLifetime, IDisposable
{
    const string InputLabel = "Ajouter une image ou une vidéo";

    // Records every value the progress bar and the status line take, however briefly: on a fast machine a few
    // megabytes go in well under a second, between two of Playwright's polls.
    const string WatchProgress = """
        () => {
          window.seenProgress = [];
          const note = () => {
            const bar = document.querySelector('progress');
            window.seenProgress.push({ value: bar ? bar.value : null, label: bar ? bar.getAttribute('aria-label') : null,
                                       status: document.querySelector('[role=status]')?.textContent ?? '' });
          };
          new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """;

    readonly TempFolder files = new();
    ConsoleBrowser? browser;

    public async Task InitializeAsync() => browser = await ConsoleBrowser.LaunchAsync(nameof(OfficerAddsAPhotoWithProgressAndAWrongFileIsRefusedInFrench));

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
    }

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task OfficerAddsAPhotoWithProgressAndAWrongFileIsRefusedInFrench()
    {
        // A 2000 × 1500 phone photo held sideways (EXIF orientation 6), with the phone's model and a GPS position.
        const string photoName = "marché-de-noël.jpg";
        var photo = Write(photoName, SampleMedia.Photo(2000, 1500, orientation: 6));
        Assert.True(new FileInfo(photo).Length > 2 * 1024 * 1024, "the photo should weigh a few megabytes, for the progress to show");
        const string wrongName = "horaires.png";
        var wrong = Write(wrongName, SampleMedia.Text);

        var context = await browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await browser.SignInAsync(page, system);
            await page.GetByRole(AriaRole.Link, new() { Name = "Médiathèque" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Médiathèque", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByText("La médiathèque est vide.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var input = page.GetByLabel(InputLabel);
            // Enabled once the browser listens to it: a file chosen earlier would go nowhere.
            await Assertions.Expect(input).ToBeEnabledAsync();
            await Assertions.Expect(input).ToHaveAccessibleDescriptionAsync(new Regex("Images JPEG, PNG ou WebP"));
            await browser.ShotAsync(page, "02-library-empty.png");

            await page.EvaluateAsync(WatchProgress);
            await input.SetInputFilesAsync(photo);

            var status = page.GetByRole(AriaRole.Status);
            await Assertions.Expect(status).ToHaveTextAsync($"« {photoName} » a été ajouté à la médiathèque.", new() { Timeout = 15_000 });
            await browser.ShotAsync(page, "03-photo-added.png");
            var seen = await page.EvaluateAsync<JsonElement>("() => window.seenProgress");
            Assert.Contains(seen.EnumerateArray(), s =>
                s.GetProperty("value").ValueKind == JsonValueKind.Number && s.GetProperty("value").GetDouble() is > 0 and < 100
                && s.GetProperty("label").GetString() == $"Envoi de « {photoName} »");
            Assert.Contains(seen.EnumerateArray(), s => s.GetProperty("status").GetString()!.StartsWith($"Envoi de « {photoName} » : ", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("progress")).ToHaveCountAsync(0);
            await Assertions.Expect(input).ToHaveValueAsync("");

            // Upright: the viewer sees 1500 wide and 2000 high, as the phone showed it (the thumbnail, 3 by 4 as well,
            // replaces the original once made).
            var rows = page.Locator("#library tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows).ToContainTextAsync(photoName);
            await Assertions.Expect(rows).ToContainTextAsync("1500\u00A0×\u00A02000");
            await page.WaitForFunctionAsync(
                "() => { const img = document.querySelector('#library tbody img'); return img && img.complete && img.naturalWidth > 0 && img.naturalWidth * 4 === img.naturalHeight * 3; }",
                null, new() { Timeout = 5_000 });

            var listed = await page.APIRequest.GetAsync(new Uri(system.ServerUrl, "/api/media").ToString());
            var items = (await listed.JsonAsync())!.Value;
            var item = Assert.Single(items.EnumerateArray());
            Assert.Equal((1500, 2000), (item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32()));
            var stored = await (await page.APIRequest.GetAsync(new Uri(system.ServerUrl, $"/api/assets/{item.GetProperty("sha256").GetString()}").ToString())).BodyAsync();
            Assert.False(SampleMedia.Contains(stored, "Exif"u8), "EXIF left in the stored photo");
            Assert.False(SampleMedia.Contains(stored, SampleMedia.GpsLatitude), "GPS position left in the stored photo");
            Assert.False(SampleMedia.Contains(stored, "FauxPhone"u8), "phone model left in the stored photo");
            // The server's Hangfire makes the scaled copies after the upload; once they are stored, nothing is left in incoming.
            var id = item.GetProperty("id").GetGuid();
            await system.WaitAsync(async () =>
            {
                await using var db = system.Database.CreateDb();
                var made = await db.MediaVariants.CountAsync(v => v.MediaItemId == id);
                return made == ImageVariants.SizesFor(1500, 2000).Count ? (object)made : null;
            }, TimeSpan.FromSeconds(30), "the photo's scaled copies");
            Assert.Empty(IncomingFiles());

            // Coming back to the page, the library shows the small thumbnail, upright too, not the photo's megabytes.
            await page.ReloadAsync();
            await Assertions.Expect(input).ToBeEnabledAsync(new() { Timeout = 15_000 });
            var thumbnail = rows.Locator("img");
            await Assertions.Expect(thumbnail).Not.ToHaveAttributeAsync("src", $"api/assets/{item.GetProperty("sha256").GetString()}");
            await page.WaitForFunctionAsync(
                "() => { const img = document.querySelector('#library tbody img'); return img && img.complete && img.naturalWidth === 192 && img.naturalHeight === 256; }",
                null, new() { Timeout = 5_000 });
            await Assertions.Expect(thumbnail).ToHaveAttributeAsync("alt", "");

            // Now by keyboard alone: from the skip link (the page's first tab stop) to the file input, whose focus must be visible.
            await page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(input).ToBeFocusedAsync();
            await AssertFocusVisibleAsync(input);
            await browser.ShotAsync(page, "04-input-focused.png");

            var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
            await chooser.SetFilesAsync(wrong);

            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
                $"« {wrongName} » n'a pas été ajouté : Ce fichier contient du texte, pas une image ni une vidéo : seuls JPEG, PNG, WebP, MP4 (H.264) et WebM sont acceptés.",
                new() { Timeout = 15_000 });
            await browser.ShotAsync(page, "05-wrong-file-refused.png");
            await Assertions.Expect(status).ToBeEmptyAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows).Not.ToContainTextAsync(wrongName);
            // The keyboard user is where they were, on an empty input ready for another file, and told why when they come back to it.
            await Assertions.Expect(input).ToBeFocusedAsync();
            await Assertions.Expect(input).ToHaveValueAsync("");
            await Assertions.Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(input).ToHaveAccessibleDescriptionAsync(new Regex("n'a pas été ajouté"));
            listed = await page.APIRequest.GetAsync(new Uri(system.ServerUrl, "/api/media").ToString());
            Assert.Single((await listed.JsonAsync())!.Value.EnumerateArray());
            Assert.Empty(IncomingFiles());
        }
        catch (Exception e)
        {
            throw await browser.FailureAsync(e, system, (page, "failure.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>RGAA 10.7: a focus indicator of at least 2 CSS pixels, not only the browser's default.</summary>
    static async Task AssertFocusVisibleAsync(ILocator element)
    {
        var focus = await element.EvaluateAsync<JsonElement>(
            "e => { const s = getComputedStyle(e); return { visible: e.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth) }; }");
        Assert.True(focus.GetProperty("visible").GetBoolean(), "the focus should be shown for the keyboard");
        Assert.NotEqual("none", focus.GetProperty("style").GetString());
        Assert.True(focus.GetProperty("width").GetDouble() >= 2, $"focus outline {focus.GetProperty("width").GetDouble()} px wide");
    }

    string[] IncomingFiles()
    {
        var incoming = Path.Combine(system.AssetRoot, AssetStore.IncomingFolder);
        return Directory.Exists(incoming) ? Directory.GetFiles(incoming, "*", SearchOption.AllDirectories) : [];
    }

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(files.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
