using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// Signing in to the console through a real OpenID Connect provider in Chromium: the browser types into the
/// provider's own form and comes back with the roles set in the console, or with a French refusal.
/// </summary>
public sealed class OidcBrowserTests(OidcBrowserTests.Sso sso) : IClassFixture<OidcBrowserTests.Sso>
{
    const string ProviderName = "Mairie Connect";
    const string PublisherEmail = "agent.publication@mairie.test";
    const string UnknownEmail = "stagiaire@mairie.test";
    const string EnrolledAdministratorEmail = "dgs@mairie.test";
    const string ProviderMfaAdministratorEmail = "dsi@mairie.test";
    const string ProviderPassword = "Mot-de-passe-du-fournisseur-1";

    SignageSystem System => sso.System!;

    [Fact]
    public Task APublisherSignsInAtTheProviderAndGetsThePublishersPagesButNotTheAuditLog() => InBrowserAsync("publisher", async page =>
    {
        var accounts = await AccountCountAsync();

        // The provider writes the address with other capitals than the console's account.
        await SignInAtProviderAsync(page, "Agent.Publication@Mairie.test");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.StartsWith(System.ServerUrl.ToString(), page.Url, StringComparison.Ordinal);
        await page.GotoAsync(new Uri(System.ServerUrl, "audit").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accès refusé" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(accounts, await AccountCountAsync());
    });

    [Fact]
    public Task AnAddressWithoutAnAccountIsRefusedInFrenchAndTheAttemptIsAudited() => InBrowserAsync("unknown", async page =>
    {
        var accounts = await AccountCountAsync();

        await SignInAtProviderAsync(page, UnknownEmail);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion refusée" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByText("Demandez à un administrateur de Signage")).ToBeVisibleAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await using (var db = System.Database.CreateDb())
        {
            var refused = await db.AuditEntries.Where(a => a.Action == "account.sso-refused").Select(a => a.Details!).ToListAsync();
            Assert.Contains(refused, d => d.StartsWith($"{UnknownEmail} (Sacha Bernard) depuis", StringComparison.Ordinal) && d.EndsWith("aucun compte n'a cette adresse.", StringComparison.Ordinal));
        }

        Assert.Equal(accounts, await AccountCountAsync());
        await page.GotoAsync(System.ServerUrl.ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
    });

    [Fact]
    public Task AnEnrolledAdministratorWhoseProviderCheckedOnlyAPasswordGivesTheAppsCodeAfterTheProvider() => InBrowserAsync("administrator-code", async page =>
    {
        await SignInAtProviderAsync(page, EnrolledAdministratorEmail);

        // Not sent to enrolment (already enrolled), and not let in without the code either.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin/code"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second facteur", Level = 1 })).ToBeVisibleAsync();
        await ConsoleBrowser.AssertAccessibleAsync(page);
        Assert.Equal(401, (await page.APIRequest.GetAsync(new Uri(System.ServerUrl, "/api/users").ToString())).Status);

        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Rfc6238.Code(sso.AdministratorKey!, SignageSystem.RealClock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // The session counts as one with a second factor: the API, closed to Administrators without one, answers.
        Assert.Equal(200, (await page.APIRequest.GetAsync(new Uri(System.ServerUrl, "/api/users").ToString())).Status);
    });

    [Fact]
    public Task AnAdministratorWhoseProviderCheckedASecondFactorIsNeitherAskedForACodeNorSentToEnrolment() => InBrowserAsync("administrator-provider-mfa", async page =>
    {
        await SignInAtProviderAsync(page, ProviderMfaAdministratorEmail);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accueil", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(200, (await page.APIRequest.GetAsync(new Uri(System.ServerUrl, "/api/users").ToString())).Status);
        await using var db = System.Database.CreateDb();
        Assert.False(await db.Users.Where(u => u.Email == ProviderMfaAdministratorEmail).Select(u => u.TwoFactorEnabled).SingleAsync());
    });

    /// <summary>From the console's sign-in page (audited with its button) to the provider's form, typed in.</summary>
    async Task SignInAtProviderAsync(IPage page, string email)
    {
        await page.GotoAsync(System.ServerUrl.ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        var button = page.GetByRole(AriaRole.Link, new() { Name = $"Se connecter avec {ProviderName}" });
        await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await ConsoleBrowser.AssertAccessibleAsync(page);
        await sso.Browser!.ShotAsync(page, $"signin-{email}.png");

        await button.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(new Uri(sso.Issuer, "login").ToString())));
        await page.GetByLabel("Identifiant").FillAsync(email);
        await page.GetByLabel("Mot de passe du fournisseur").FillAsync(ProviderPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
    }

    async Task<int> AccountCountAsync()
    {
        await using var db = System.Database.CreateDb();
        return await db.Users.CountAsync();
    }

    async Task InBrowserAsync(string name, Func<IPage, Task> test)
    {
        var context = await sso.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
            await sso.Browser.ShotAsync(page, $"{name}.png");
        }
        catch (Exception e)
        {
            var failure = await sso.Browser.FailureAsync(e, System, (page, $"{name}-failure.png"));
            throw new InvalidOperationException($"{failure.Message}\n--- provider ---\n{sso.Provider?.Output}", failure);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>The provider (on localhost), the system whose server signs in there (on 127.0.0.1), its Publisher account, and Chromium.</summary>
    public sealed class Sso : IAsyncLifetime
    {
        public Uri Issuer { get; } = OidcProviderProcess.NewIssuer();

        public SignageSystem? System { get; private set; }

        public OidcProviderProcess? Provider { get; private set; }

        public ConsoleBrowser? Browser { get; private set; }

        /// <summary>The enrolled Administrator's authenticator key, which the test's "app" reads.</summary>
        public string? AdministratorKey { get; private set; }

        public async Task InitializeAsync()
        {
            // Deployments' default: Administrators give a second factor.
            System = new SignageSystem(new Dictionary<string, string>(OidcProviderProcess.ServerSettings(Issuer, ProviderName))
            {
                ["Signage__Accounts__AdministratorMfa"] = "Required",
            });
            Provider = await OidcProviderProcess.StartAsync(System, Issuer, System.ServerUrl,
            [
                new ProviderUser("Agent.Publication@Mairie.test", ProviderPassword, "Camille", "Martin"),
                new ProviderUser(UnknownEmail, ProviderPassword, "Sacha", "Bernard"),
                new ProviderUser(EnrolledAdministratorEmail, ProviderPassword, "Dominique", "Garnier"),
                new ProviderUser(ProviderMfaAdministratorEmail, ProviderPassword, "Alix", "Moreau", Amr: "pwd otp"),
            ]);
            await System.InitializeAsync();
            await CreateAccountAsync(System, PublisherEmail, Roles.Publisher, enrol: false);
            AdministratorKey = await CreateAccountAsync(System, EnrolledAdministratorEmail, Roles.Administrator, enrol: true);
            await CreateAccountAsync(System, ProviderMfaAdministratorEmail, Roles.Administrator, enrol: false);
            Browser = await ConsoleBrowser.LaunchAsync(nameof(OidcBrowserTests));
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }

            if (System is not null)
            {
                await System.DisposeAsync();
            }

            Provider?.Dispose();
        }

        /// <summary>
        /// An account made as an Administrator would, with a password of its own that the test never types; enrolled,
        /// it has MFA on with an authenticator key, answered.
        /// </summary>
        static async Task<string?> CreateAccountAsync(SignageSystem system, string email, string role, bool enrol)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddDbContext<SignageDb>(o => o.UseNpgsql(system.Database.ConnectionString));
            services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<SignageDb>();
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, "Console-password-42")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            if (!enrol)
            {
                return null;
            }

            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
            return await users.GetAuthenticatorKeyAsync(user);
        }
    }
}
