using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// A system run as deployments are, with MFA required for Administrators (Signage:Accounts:AdministratorMfa left
/// at Required): the Administrator's first sign-in leads to enrolment, where the test plays the authenticator app.
/// </summary>
public sealed class MfaRequiredSystem : IAsyncLifetime, IDisposable
{
    SignageSystem? system;

    public SignageSystem System => system ?? throw new InvalidOperationException("Not started.");

    ConsoleBrowser? browser;

    public ConsoleBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        system = new SignageSystem(new Dictionary<string, string> { ["Signage__Accounts__AdministratorMfa"] = "Required" });
        await system.InitializeAsync();
        browser = await ConsoleBrowser.LaunchAsync(nameof(MfaBrowserTests));
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (system is not null)
        {
            await system.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose() => system?.Dispose();
}

public sealed class MfaBrowserTests(MfaRequiredSystem fixture) : IClassFixture<MfaRequiredSystem>
{
    SignageSystem System => fixture.System;

    ConsoleBrowser Browser => fixture.Browser;

    [Fact]
    public async Task AnAdministratorEnrolsAnAuthenticatorAppThenSignsInWithItsCode()
    {
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await SignInWithPasswordAsync(page);
            // Required: the console sends an Administrator without a second factor to enrolment first.
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compte/mfa$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Double authentification", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Les administrateurs se connectent avec un second facteur");
            await ConsoleBrowser.AssertAccessibleAsync(page);

            await page.GetByLabel("Code à 6 chiffres").FillAsync("000000");
            await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Ce code ne correspond pas")).ToBeVisibleAsync();
            await ConsoleBrowser.AssertAccessibleAsync(page);

            // The authenticator app's part: the key as the page shows it, the code of this 30-second step.
            var key = await page.Locator("#key").InnerTextAsync();
            await page.GetByLabel("Code à 6 chiffres").FillAsync(Rfc6238.Code(key, SignageSystem.RealClock.GetUtcNow()));
            await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
            await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
            await ConsoleBrowser.AssertAccessibleAsync(page);
            await Browser.ShotAsync(page, "mfa-enrolled.png");
            await using (var db = System.Database.CreateDb())
            {
                var admin = await db.Users.AsNoTracking().SingleAsync(u => u.Email == SignageSystem.AdminEmail);
                Assert.True(admin.TwoFactorEnabled);
                Assert.False(string.IsNullOrEmpty(await db.UserTokens.Where(t => t.UserId == admin.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync()));
            }

            await page.GetByRole(AriaRole.Link, new() { Name = "Continuer vers la console" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });

            // Signing in again: the password, then the code step.
            await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
            await SignInWithPasswordAsync(page);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin/code"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second facteur", Level = 1 })).ToBeVisibleAsync();
            await ConsoleBrowser.AssertAccessibleAsync(page);

            await page.GetByLabel("Code", new() { Exact = true }).FillAsync("000000");
            await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Code incorrect ou expiré");
            await ConsoleBrowser.AssertAccessibleAsync(page);

            // The enrolment spent this step's code; the app's next one is inside the window (one step of drift).
            await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Rfc6238.Code(key, SignageSystem.RealClock.GetUtcNow() + TimeSpan.FromSeconds(30)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });

            // The session it made says a second factor was given: the API, closed to Administrators without one, answers.
            var answer = await page.APIRequest.GetAsync(new Uri(System.ServerUrl, "/api/users").ToString());
            Assert.Equal(200, answer.Status);
        }
        catch (Exception e)
        {
            throw await Browser.FailureAsync(e, System, (page, "mfa-failure.png"));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    async Task SignInWithPasswordAsync(IPage page)
    {
        await page.GotoAsync(new Uri(System.ServerUrl, "signin").ToString());
        await page.GetByLabel("Adresse e-mail").FillAsync(SignageSystem.AdminEmail);
        await page.GetByLabel("Mot de passe").FillAsync(SignageSystem.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }
}
