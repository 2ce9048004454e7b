using Microsoft.Playwright;

namespace Signage.EndToEnd.Tests;

/// <summary>A person's path through the product, in Debian's Chromium: sign in, publish, look at the screen.</summary>
public sealed class ConsoleToScreenBrowserTests(SignageSystem system) : IClassFixture<SignageSystem>, IAsyncLifetime
{
    IPlaywright? playwright;
    IBrowser? browser;
    readonly string shots = Path.Combine(
        Environment.GetEnvironmentVariable("SIGNAGE_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts"),
        "e2e", nameof(StaffPublishesFromTheConsoleAndTheScreenShowsIt));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(shots);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") ?? "/usr/bin/chromium",
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
        try
        {
            await page.GotoAsync(system.ServerUrl.ToString());
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
            await page.ScreenshotAsync(new() { Path = Shot("01-signin.png") });

            await page.GetByLabel("Adresse e-mail").FillAsync(SignageSystem.AdminEmail);
            await page.GetByLabel("Mot de passe").FillAsync(SignageSystem.AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Publier une annonce" })).ToBeVisibleAsync();
            // The button is enabled once the interactive circuit has loaded the groups.
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publier" })).ToBeEnabledAsync();
            await page.GetByLabel("Titre").FillAsync(title);
            await page.GetByLabel("Texte").FillAsync("Inventaire annuel : la médiathèque sera fermée samedi. Les retours restent possibles à la boîte extérieure.");
            await page.GetByLabel("Groupe d'écrans").SelectOptionAsync(new SelectOptionValue { Label = "Accueil mairie" });
            await page.ScreenshotAsync(new() { Path = Shot("02-filled.png"), FullPage = true });
            await page.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} » est publiée");
            await page.ScreenshotAsync(new() { Path = Shot("03-published.png"), FullPage = true });

            var screen = await context.NewPageAsync();
            await screen.SetViewportSizeAsync(1920, 1080);
            await screen.GotoAsync(system.PlayerUrl.ToString());
            var slide = screen.Locator("img#front");
            await Assertions.Expect(slide).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex(title), new() { Timeout = 10_000 });
            Assert.Equal(1920, await slide.EvaluateAsync<int>("img => img.naturalWidth"));
            Assert.True(await slide.IsVisibleAsync());
            await screen.ScreenshotAsync(new() { Path = Shot("04-screen.png") });

            await page.GetByRole(AriaRole.Link, new() { Name = "Écrans" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Que montre « Hall d'accueil » ?" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {title} »");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Pourquoi ?");
            await page.ScreenshotAsync(new() { Path = Shot("05-preview.png"), FullPage = true });

            var status = await system.StatusAsync();
            Assert.Contains(title, status!.Current!.AccessibleText);
            Assert.Equal(status.Current.Sha256, await slide.GetAttributeAsync("data-sha256"));
        }
        catch (Exception e)
        {
            await page.ScreenshotAsync(new() { Path = Shot("failure.png"), FullPage = true });
            throw new InvalidOperationException($"{e.Message}\n{system.Logs}", e);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    string Shot(string name) => Path.Combine(shots, name);
}
