using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Signage.EndToEnd.Tests;

/// <summary>A person's path through the product, in Debian's Chromium: sign in, publish, look at the screen.</summary>
public sealed class ConsoleToScreenBrowserTests(SignageSystem system) : IClassFixture<SignageSystem>, IAsyncLifetime
{
    const string Chromium = "/usr/bin/chromium";

    readonly string shots = Path.Combine(Artifacts.Folder, nameof(StaffPublishesFromTheConsoleAndTheScreenShowsIt));
    IPlaywright? playwright;
    IBrowser? browser;

    public async Task InitializeAsync()
    {
        if (Directory.Exists(shots))
        {
            Directory.Delete(shots, recursive: true);
        }

        Directory.CreateDirectory(shots);
        // Debian's Chromium only: Playwright must never fetch a browser build of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var executable = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } given ? given : Chromium;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"Chromium is missing at {executable}: apt-get install chromium (or set PLAYWRIGHT_CHROMIUM_EXECUTABLE).", executable);
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    [Fact]
    public async Task StaffPublishesFromTheConsoleAndTheScreenShowsIt()
    {
        const string title = "Fermeture exceptionnelle de la médiathèque";
        var context = await browser!.NewContextAsync(new() { Locale = "fr-FR", TimezoneId = "Europe/Paris", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        IPage? screen = null;
        try
        {
            await page.GotoAsync(system.ServerUrl.ToString());
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
            await Assertions.Expect(page.Locator("#email")).ToBeVisibleAsync();
            await Shot(page, "01-signin.png");

            await page.GetByLabel("Adresse e-mail").FillAsync(SignageSystem.AdminEmail);
            await page.GetByLabel("Mot de passe").FillAsync(SignageSystem.AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Publier une annonce" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            // The form renders only on the interactive circuit (no prerendering), and the button
            // is enabled once the circuit has loaded the groups: what is typed now is kept.
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publier" })).ToBeEnabledAsync(new() { Timeout = 15_000 });
            await page.GetByLabel("Titre").FillAsync(title);
            await page.GetByLabel("Texte").FillAsync("Inventaire annuel : la médiathèque sera fermée samedi. Les retours restent possibles à la boîte extérieure.");
            await page.GetByLabel("Groupe d'écrans").SelectOptionAsync(new SelectOptionValue { Label = SignageSystem.GroupName });
            await Assertions.Expect(page.GetByLabel("Titre")).ToHaveValueAsync(title);
            await Shot(page, "02-filled.png");
            await page.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} » est publiée");
            await Shot(page, "03-published.png");

            screen = await context.NewPageAsync();
            await screen.SetViewportSizeAsync(1920, 1080);
            await screen.GotoAsync(system.PlayerUrl.ToString());
            var slide = screen.Locator("img#front");
            // The display page swaps in a slide once decoded; wait for this one to be there and loaded.
            await Assertions.Expect(slide).ToHaveAttributeAsync("alt", new Regex(Regex.Escape(title)), new() { Timeout = 10_000 });
            await screen.WaitForFunctionAsync(
                "() => { const img = document.querySelector('img#front'); return !!img.dataset.sha256 && img.complete && img.naturalWidth === 1920; }",
                null, new() { Timeout = 5_000 });
            await Assertions.Expect(slide).ToBeVisibleAsync();
            await Shot(screen, "04-screen.png", fullPage: false);

            var status = await system.StatusAsync();
            Assert.Contains(title, status!.Current!.AccessibleText);
            Assert.Equal(status.Current.Sha256, await slide.GetAttributeAsync("data-sha256"));
            Assert.Equal(status.Current.Id.ToString(), await slide.GetAttributeAsync("data-item-id"));

            await page.GetByRole(AriaRole.Link, new() { Name = "Écrans" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = $"Que montre « {SignageSystem.ScreenName} » ?" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} »");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Pourquoi ?");
            await Shot(page, "05-preview.png");
        }
        catch (Exception e)
        {
            await TryShot(page, "failure.png");
            if (screen is not null)
            {
                await TryShot(screen, "failure-screen.png");
            }

            throw new InvalidOperationException($"{e.Message}\nScreenshots in {shots}.\n{system.Describe()}", e);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    async Task Shot(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, name), FullPage = fullPage });

    /// <summary>A screenshot for a failure report, which must not hide the failure itself.</summary>
    async Task TryShot(IPage page, string name)
    {
        try
        {
            await Shot(page, name);
        }
        catch (PlaywrightException)
        {
            // The page or browser is gone: the report goes without this picture.
        }
    }
}
