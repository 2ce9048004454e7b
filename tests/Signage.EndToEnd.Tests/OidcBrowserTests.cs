using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Core.Accounts;
using Signage.Core.Data;

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

        public async Task InitializeAsync()
        {
            System = new SignageSystem(OidcProviderProcess.ServerSettings(Issuer, ProviderName));
            Provider = await OidcProviderProcess.StartAsync(System, Issuer, System.ServerUrl,
            [
                new ProviderUser("Agent.Publication@Mairie.test", ProviderPassword, "Camille", "Martin"),
                new ProviderUser(UnknownEmail, ProviderPassword, "Sacha", "Bernard"),
            ]);
            await System.InitializeAsync();
            await CreatePublisherAsync(System);
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

        /// <summary>The Publisher's account, made as an Administrator would, with a password of its own that the test never types.</summary>
        static async Task CreatePublisherAsync(SignageSystem system)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddDbContext<SignageDb>(o => o.UseNpgsql(system.Database.ConnectionString));
            services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<SignageDb>();
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = PublisherEmail, Email = PublisherEmail, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, "Console-password-42")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Publisher)).Succeeded);
        }
    }
}
