using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Contracts;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.EndToEnd.Tests;

/// <summary>The system with fleet thresholds in seconds: offline after 6 s of silence, reports every second, written every second.</summary>
public sealed class FleetSystem : IAsyncLifetime, IDisposable
{
    /// <summary>How long the fresh players of these tests stay silent before the console calls them offline.</summary>
    public static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(6);

    SignageSystem? system;

    public SignageSystem System => system ?? throw new InvalidOperationException("Not started.");

    /// <summary>A player's settings for these tests: it reports every second and checks its manifest every 3 s.</summary>
    public static Dictionary<string, string> PlayerSettings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Player__ReportInterval"] = "00:00:01",
            ["Player__ManifestCheckInterval"] = "00:00:03",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        system = new SignageSystem(new Dictionary<string, string>
        {
            ["Signage__Fleet__OfflineAfter"] = OfflineAfter.ToString(),
            ["Signage__Fleet__FlushInterval"] = "00:00:01",
        });
        await system.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (system is not null)
        {
            await system.DisposeAsync();
        }
    }

    public void Dispose() => system?.Dispose();
}

/// <summary>
/// A player installed with no token pairs through the console in Chromium, plays, reports, and is seen offline once
/// killed; re-pairing a screen cuts its old player; a lost push is healed by the periodic check.
/// </summary>
public sealed class FleetBrowserTests(FleetSystem fleet) : IClassFixture<FleetSystem>, IAsyncLifetime
{
    ConsoleBrowser? browser;

    SignageSystem System => fleet.System;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task AFreshPlayerIsPairedFromTheConsolePlaysAndIsShownOfflineOnceKilled()
    {
        const string name = "Accueil piscine";
        const string title = "Horaires d'été de la piscine";
        browser = await ConsoleBrowser.LaunchAsync(nameof(AFreshPlayerIsPairedFromTheConsolePlaysAndIsShownOfflineOnceKilled));
        Site site;
        await using (var scope = System.Core.CreateAsyncScope())
        {
            site = await scope.ServiceProvider.GetRequiredService<SiteService>().CreateSiteAsync("Piscine Aragon", "Europe/Paris");
        }

        var fresh = await System.StartOtherPlayerAsync("fresh-player", FleetSystem.PlayerSettings());
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        IPage? display = null;
        try
        {
            // The code is read where the technician reads it: on the display page.
            display = await context.NewPageAsync();
            await display.SetViewportSizeAsync(1920, 1080);
            await display.GotoAsync(fresh.Url.ToString());
            var shownCode = display.Locator("#pairing-code");
            await Assertions.Expect(shownCode).ToHaveTextAsync(new Regex("^[A-Z0-9]{3}-[A-Z0-9]{3}$"), new() { Timeout = 30_000 });
            await Assertions.Expect(display.Locator("#pairing-qr")).ToBeVisibleAsync();
            await display.WaitForFunctionAsync("() => { const img = document.querySelector('#pairing-qr'); return img.complete && img.naturalWidth > 100; }");
            await browser.DocumentAsync(display, "pairing-player-code.png", fullPage: false);
            var code = await shownCode.InnerTextAsync();
            var status = await System.StatusAsync(fresh.Url);
            Assert.Equal(code, status!.Pairing!.Display);
            Assert.Equal(new Uri(System.ServerUrl, $"/screens/claim?code={code.Replace("-", "", StringComparison.Ordinal)}").ToString(), status.Pairing.ClaimUrl);

            await browser.SignInAsync(page, System);
            await page.GotoAsync(new Uri(System.ServerUrl, "/screens/claim").ToString());
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Associer l'écran" })).ToBeEnabledAsync(new() { Timeout = 15_000 });
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await page.GetByLabel("Code affiché par l'écran").PressSequentiallyAsync(code);
            await page.GetByLabel("Nom").PressSequentiallyAsync(name);
            await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{site.Name} (Europe/Paris)" });
            await page.GetByLabel(SignageSystem.GroupName).CheckAsync();
            await page.GetByLabel("Agents seulement").CheckAsync();
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await browser.DocumentAsync(page, "pairing-console-claim.png");
            var clicked = Stopwatch.StartNew();
            await page.GetByRole(AriaRole.Button, new() { Name = "Associer l'écran" }).ClickAsync();

            var tokenFile = Path.Combine(System.OtherPlayerCache("fresh-player"), "device-token");
            await System.WaitAsync(() => Task.FromResult(File.Exists(tokenFile) ? "stored" : null), TimeSpan.FromSeconds(10), "the fresh player to store its token");
            var received = clicked.Elapsed;
            System.Note($"token stored {received.TotalMilliseconds:0} ms after the click on « Associer l'écran »");
            Assert.True(received < TimeSpan.FromSeconds(2), $"the token took {received.TotalSeconds:0.00} s to reach the player");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"« {name} » est associé");
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await using (var db = System.Database.CreateDb())
            {
                var stored = await db.Screens.AsNoTracking().SingleAsync(s => s.Name == name);
                Assert.Equal((site.Id, Audience.Staff, 1920, 1080), (stored.SiteId, stored.Audience, stored.Width, stored.Height));
                Assert.Equal(System.GroupId, Assert.Single(stored.GroupIds));
                Assert.Null(stored.TokenRevokedAt);
            }

            await System.WaitAsync(async () => await System.StatusAsync(fresh.Url) is { Connected: true, ManifestVersion: not null, Pairing: null } s ? s : null,
                TimeSpan.FromSeconds(10), "the paired player to connect and get its manifest");
            var announcement = await System.PublishRenderedAsync(title, "Ouverture de 9 h à 20 h du 1er juillet au 31 août.");
            await System.WaitAsync(async () => await System.StatusAsync(fresh.Url) is { Current.ContentId: var id } s && id == announcement.Id ? s : null,
                TimeSpan.FromSeconds(30), "the paired player to play the announcement");
            await Assertions.Expect(display.Locator("img#front")).ToHaveAttributeAsync("alt", new Regex(Regex.Escape(title)), new() { Timeout = 10_000 });
            await browser.ShotAsync(display, "fresh-03-playing.png", fullPage: false);

            await page.GotoAsync(new Uri(System.ServerUrl, "/screens/fleet").ToString());
            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name }) });
            await Assertions.Expect(row).ToContainTextAsync("en ligne", new() { Timeout = 15_000 });
            await Assertions.Expect(row.GetByRole(AriaRole.Img, new() { NameRegex = new Regex(Regex.Escape(title)) })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(row).ToContainTextAsync("à l'heure");
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await browser.DocumentAsync(page, "pairing-console-fleet.png");

            fresh.Dispose();
            var killed = Stopwatch.StartNew();
            // The page refreshes itself every 5 s: no reload.
            await Assertions.Expect(row).ToContainTextAsync(new Regex("hors ligne depuis \\d{1,2}[\\s\u00A0]h([\\s\u00A0]\\d{2})?"), new() { Timeout = 30_000 });
            System.Note($"marked offline {killed.Elapsed.TotalSeconds:0.0} s after the player was killed");
            Assert.True(killed.Elapsed < FleetSystem.OfflineAfter + TimeSpan.FromSeconds(10), $"marked offline after {killed.Elapsed.TotalSeconds:0.0} s");
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await browser.ShotAsync(page, "fresh-05-fleet-offline.png");
        }
        catch (Exception e)
        {
            throw await browser.FailureAsync(e, System, (page, "fresh-failure.png"), (display, "fresh-failure-display.png"));
        }
        finally
        {
            fresh.Dispose();
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task RePairingAScreenFromTheConsoleCutsItsOldPlayerAndItsOldToken()
    {
        var (screenId, oldToken) = await System.CreateScreenAsync("Salle du conseil");
        using var old = await System.StartOtherPlayerAsync("old-player", FleetSystem.PlayerSettings((PlayerSettings.DeviceTokenVariable, oldToken)));
        await System.WaitAsync(async () => await System.StatusAsync(old.Url) is { Connected: true } s ? s : null, TimeSpan.FromSeconds(30), "the old player to connect");
        using var replacement = await System.StartOtherPlayerAsync("new-player", FleetSystem.PlayerSettings());
        var offer = await System.WaitAsync(async () => (await System.StatusAsync(replacement.Url))?.Pairing, TimeSpan.FromSeconds(30), "the new player's code");
        browser = await ConsoleBrowser.LaunchAsync(nameof(RePairingAScreenFromTheConsoleCutsItsOldPlayerAndItsOldToken));
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await browser.SignInAsync(page, System);
            // The QR code's link: the code is filled in already.
            await page.GotoAsync(offer.ClaimUrl);
            await Assertions.Expect(page.GetByLabel("Code affiché par l'écran")).ToHaveValueAsync(offer.Display, new() { Timeout = 15_000 });
            await page.GetByLabel("Le remplaçant d'un écran existant").CheckAsync();
            await page.GetByLabel("Écran remplacé").SelectOptionAsync(new SelectOptionValue { Value = screenId.ToString() });
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Associer l'écran" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("« Salle du conseil » est associé");

            await System.WaitAsync(async () => await System.StatusAsync(old.Url) is { Connected: false } s ? s : null, TimeSpan.FromSeconds(5), "the old player to be cut");
            await System.WaitAsync(async () => await System.StatusAsync(replacement.Url) is { Connected: true, Pairing: null } s ? s : null, TimeSpan.FromSeconds(10), "the new player to connect");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(System.ServerUrl, PlayerHubContractAsset()));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
            using var refused = await System.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.False((await System.StatusAsync(old.Url))!.Connected);
        }
        catch (Exception e)
        {
            throw await browser.FailureAsync(e, System, (page, "repair-failure.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task APushLostOnTheWayIsHealedByThePlayersPeriodicCheck()
    {
        var (screenId, token) = await System.CreateScreenAsync("Couloir des services");
        using var player = await System.StartOtherPlayerAsync("checking-player", FleetSystem.PlayerSettings((PlayerSettings.DeviceTokenVariable, token)));
        await System.WaitAsync(async () => await System.StatusAsync(player.Url) is { Connected: true } s ? s : null, TimeSpan.FromSeconds(30), "the player to connect");

        // The test's own Core commits the line and rebuilds the manifest, but its notifier only records: the push is lost.
        await using (var scope = System.Core.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TickerService>()
                .AddAsync(new NewTickerLine("Réunion de service jeudi à 14 h", [new Target(TargetKind.Screen, screenId)]));
        }

        await System.WaitAsync(async () => await System.StatusAsync(player.Url) is { Ticker: "Réunion de service jeudi à 14 h" } s ? s : null,
            TimeSpan.FromSeconds(15), "the player's periodic check to bring the line no push brought");
        Assert.Contains("The periodic check found manifest version", System.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongOrExpiredCodeIsRefusedInFrenchNextToTheFieldAndCreatesNoScreen()
    {
        const string name = "Écran jamais associé";
        const string expired = "KMQ7XC";
        await using (var db = System.Database.CreateDb())
        {
            var past = SignageSystem.RealClock.GetUtcNow().AddHours(-1);
            db.PairingCodes.Add(new PairingCode
            {
                Code = expired,
                Width = 1920,
                Height = 1080,
                ConnectionId = "gone",
                CreatedAt = past.AddMinutes(-15),
                ExpiresAt = past,
            });
            await db.SaveChangesAsync();
        }

        browser = await ConsoleBrowser.LaunchAsync(nameof(AWrongOrExpiredCodeIsRefusedInFrenchNextToTheFieldAndCreatesNoScreen));
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await browser.SignInAsync(page, System);
            await page.GotoAsync(new Uri(System.ServerUrl, "/screens/claim").ToString());
            var field = page.GetByLabel("Code affiché par l'écran");
            var submit = page.GetByRole(AriaRole.Button, new() { Name = "Associer l'écran" });
            await Assertions.Expect(submit).ToBeEnabledAsync(new() { Timeout = 15_000 });
            await page.GetByLabel("Nom").PressSequentiallyAsync(name);
            await page.GetByLabel(SignageSystem.GroupName).CheckAsync();

            // A code of the right shape that no screen shows, one that cannot be a code, then one that expired.
            (string Typed, string Refusal)[] attempts =
            [
                ("ACD-EFG", "Aucun écran n'affiche ce code"),
                ("K0M-2Q", "Le code est fait de 6 lettres et chiffres"),
                (PairingContract.Display(expired), "Ce code a expiré"),
            ];
            foreach (var (typed, refusal) in attempts)
            {
                await field.ClearAsync();
                await field.PressSequentiallyAsync(typed);
                await submit.ClickAsync();
                await Assertions.Expect(page.Locator("#code-error")).ToContainTextAsync(refusal);
                await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
                await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(refusal);
                await ConsoleBrowser.AssertAccessibleAsync(page);
            }

            await browser.DocumentAsync(page, "pairing-console-refused.png");
            await using var db = System.Database.CreateDb();
            Assert.False(await db.Screens.AnyAsync(s => s.Name == name));
            Assert.Null((await db.PairingCodes.AsNoTracking().SingleAsync(p => p.Code == expired)).ClaimedAt);
        }
        catch (Exception e)
        {
            throw await browser.FailureAsync(e, System, (page, "refused-failure.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    static string PlayerHubContractAsset() => Signage.Contracts.Hub.PlayerHubContract.AssetPath(new string('0', 64));
}
