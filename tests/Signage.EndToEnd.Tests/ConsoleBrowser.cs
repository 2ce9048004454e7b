using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium, driven by Playwright the way a member of staff uses the console: French locale, Paris time,
/// a laptop's window. Screenshots go to a folder named after the test.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    const string Chromium = "/usr/bin/chromium";
    const string FrenchLocale = "/usr/lib/chromium/locales/fr.pak";

    readonly IPlaywright playwright;
    readonly IBrowser browser;

    ConsoleBrowser(IPlaywright playwright, IBrowser browser, string shots)
    {
        this.playwright = playwright;
        this.browser = browser;
        Shots = shots;
    }

    public string Shots { get; }

    public static async Task<ConsoleBrowser> LaunchAsync(string test)
    {
        var shots = Path.Combine(Artifacts.Folder, test);
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

        if (executable == Chromium && !File.Exists(FrenchLocale))
        {
            throw new FileNotFoundException($"Chromium's French is missing at {FrenchLocale}: apt-get install chromium-l10n.", FrenchLocale);
        }

        // Chromium on Linux takes its language from LANGUAGE (not from --lang, nor from Playwright's locale, which
        // leaves time and date fields in English): in French they read 24 h, "20:00", and dd/mm/yyyy, as staff see them.
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        environment["LANGUAGE"] = "fr";
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = executable,
                Headless = true,
                Env = environment,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new ConsoleBrowser(playwright, browser, shots);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public Task<IBrowserContext> NewContextAsync() =>
        browser.NewContextAsync(new() { Locale = "fr-FR", TimezoneId = "Europe/Paris", ViewportSize = new() { Width = 1280, Height = 900 } });

    /// <summary>Runs <paramref name="test"/> on a new page, signed in as the administrator, with screenshots named after it.</summary>
    public async Task AsAdministratorAsync(SignageSystem system, string name, Func<IPage, Task> test)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(page, system);
            await test(page);
            await ShotAsync(page, $"{name}.png");
        }
        catch (Exception e)
        {
            throw await FailureAsync(e, system, (page, $"{name}-failure.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>Opens the console signed out, signs in as the system's administrator and waits for the home page « Accueil ».</summary>
    public async Task SignInAsync(IPage page, SignageSystem system)
    {
        await page.GotoAsync(system.ServerUrl.ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Assertions.Expect(page.Locator("#email")).ToBeVisibleAsync();
        await ShotAsync(page, "01-signin.png");

        await page.GetByLabel("Adresse e-mail").FillAsync(SignageSystem.AdminEmail);
        await page.GetByLabel("Mot de passe").FillAsync(SignageSystem.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    /// <summary>The axe-core audit of the page as it is now finds nothing (RGAA 4.1 / WCAG 2.1 AA rules); a failure lists each violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var audit = await page.RunAxe();
        Assert.True(audit.Violations.Length == 0,
            string.Join("\n", audit.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" ; ", v.Nodes.Select(n => n.Html))}")));
    }

    public async Task ShotAsync(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name), FullPage = fullPage });

    /// <summary>
    /// A screenshot for the manual: taken as <see cref="ShotAsync"/> takes it and, when SIGNAGE_SCREENSHOTS names a
    /// folder (relative to the checkout, e.g. docs/images), written there too; unset (CI), the manual's pictures stay.
    /// </summary>
    public async Task DocumentAsync(IPage page, string name, bool fullPage = true)
    {
        await ShotAsync(page, name, fullPage);
        if (Environment.GetEnvironmentVariable("SIGNAGE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            var target = Directory.CreateDirectory(Path.Combine(SignageSystem.RepoRoot(), folder));
            File.Copy(Path.Combine(Shots, name), Path.Combine(target.FullName, name), overwrite: true);
        }
    }

    /// <summary>
    /// What a failed test throws: its failure, with a screenshot of each page as it was (named after it) and what
    /// the system's processes said.
    /// </summary>
    public async Task<Exception> FailureAsync(Exception failure, SignageSystem system, params (IPage? Page, string Name)[] pages)
    {
        foreach (var (page, name) in pages)
        {
            if (page is not null)
            {
                await TryShotAsync(page, name);
            }
        }

        return new InvalidOperationException($"{failure.Message}\nScreenshots in {Shots}.\n{system.Describe()}", failure);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    /// <summary>A screenshot for a failure report, which must not hide the failure itself.</summary>
    async Task TryShotAsync(IPage page, string name)
    {
        try
        {
            await ShotAsync(page, name);
        }
        catch (PlaywrightException)
        {
            // The page or browser is gone: the report goes without this picture.
        }
    }
}
