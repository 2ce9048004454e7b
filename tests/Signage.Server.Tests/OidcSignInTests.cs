using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Server.Accounts;

namespace Signage.Server.Tests;

/// <summary>A server whose deployment signs in through an OpenID Connect provider that checks e-mail addresses.</summary>
public sealed class OidcServerFactory : ServerFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Signage:Oidc:Authority"] = "https://connexion.example.test/",
        ["Signage:Oidc:ClientId"] = "signage",
        ["Signage:Oidc:ClientSecret"] = "secret",
        ["Signage:Oidc:DisplayName"] = "Mairie Connect",
        ["Signage:Oidc:EmailVerifiedClaim"] = "email_verified",
    };
}

/// <summary>Who a provider's sign-in becomes: an existing, enabled account with the vouched-for e-mail, or nobody.</summary>
public sealed class OidcSignInTests(OidcServerFactory server) : IClassFixture<OidcServerFactory>
{
    [Fact]
    public async Task TheSignInPageOffersTheProviderByTheNameTheDeploymentGaveIt()
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.GetStringAsync("/signin?ReturnUrl=%2Fschedule");

        Assert.Contains("Se connecter avec Mairie Connect", page);
        Assert.Contains("href=\"/account/oidc?returnUrl=%2Fschedule\"", page);
    }

    [Fact]
    public async Task AVouchedForEmailBecomesTheAccountWithThatAddressWhateverItsCaseWithItsRoles()
    {
        var email = await CreateAsync(Roles.Publisher);

        var match = await MatchAsync(Principal(email.ToUpperInvariant(), verified: "true"));

        Assert.Null(match.Refusal);
        Assert.Equal(email, match.User!.Email);
        var principal = await server.WithAsync(s => s.GetRequiredService<SignInManager<StaffUser>>().CreateUserPrincipalAsync(match.User));
        Assert.True(principal.IsInRole(Roles.Publisher));
        Assert.False(principal.IsInRole(Roles.Administrator));
    }

    [Fact]
    public async Task AnUnknownEmailIsRefusedAndNoAccountIsCreated()
    {
        var before = await UserCountAsync();

        var match = await MatchAsync(Principal("inconnu@ailleurs.test", verified: "true"));

        Assert.Null(match.User);
        Assert.Equal("aucun compte n'a cette adresse.", match.Refusal);
        Assert.Equal("Camille Martin", match.Name);
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task AnEmailTheProviderHasNotVerifiedIsRefusedEvenForAnExistingAccount()
    {
        var email = await CreateAsync(Roles.Administrator);

        Assert.Null((await MatchAsync(Principal(email, verified: "false"))).User);
        Assert.Null((await MatchAsync(Principal(email, verified: null))).User);
    }

    [Fact]
    public async Task ADisabledAccountIsRefused()
    {
        var email = await CreateAsync(Roles.Editor);
        await server.WithAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            return await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.MaxValue);
        });

        var match = await MatchAsync(Principal(email, verified: "true"));

        Assert.Null(match.User);
        Assert.Equal("ce compte est désactivé.", match.Refusal);
    }

    [Fact]
    public async Task TwoAccountsWithOneAddressAreNeitherChosen()
    {
        var email = await CreateAsync(Roles.Editor);
        // The console refuses a second account with an address in use: this one comes from before that rule.
        await server.WithAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            var homonym = new StaffUser { UserName = "homonyme-" + email, Email = "homonyme-" + email };
            Assert.True((await users.CreateAsync(homonym, "Staff-password-42")).Succeeded);
            return await s.GetRequiredService<SignageDb>().Set<StaffUser>().Where(u => u.Id == homonym.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, email.ToUpperInvariant()).SetProperty(x => x.NormalizedEmail, email.ToUpperInvariant()));
        });

        Assert.Equal("plusieurs comptes ont cette adresse.", (await MatchAsync(Principal(email, verified: "true"))).Refusal);
    }

    [Fact]
    public async Task AForgedAnswerAtTheCallbackSignsNobodyInAndIsAuditedWithAFrenchPage()
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });

        using var answer = await client.GetAsync("/signin-oidc?code=vole&state=forge");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Connexion interrompue", await answer.Content.ReadAsStringAsync());
        Assert.DoesNotContain(answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("signage.auth=", StringComparison.Ordinal));
        var failed = await server.WithAsync(s => s.GetRequiredService<SignageDb>().AuditEntries.CountAsync(a => a.Action == "account.sso-failed"));
        Assert.True(failed >= 1);
    }

    [Theory]
    [InlineData("https://ailleurs.example/", "/")]
    [InlineData("//ailleurs.example/", "/")]
    [InlineData("/\\ailleurs.example/", "/")]
    [InlineData("/schedule", "/schedule")]
    public void TheAddressToComeBackToIsAlwaysOneOfTheConsole(string given, string kept) => Assert.Equal(kept, OidcSignIn.LocalUrl(given));

    static ClaimsPrincipal Principal(string email, string? verified)
    {
        var claims = new List<Claim> { new("sub", "agent-1"), new("email", email), new("given_name", "Camille"), new("usual_name", "Martin") };
        if (verified is not null)
        {
            claims.Add(new Claim("email_verified", verified));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc"));
    }

    Task<OidcMatch> MatchAsync(ClaimsPrincipal principal) => server.WithAsync(s => s.GetRequiredService<OidcAccounts>().MatchAsync(principal));

    async Task<string> CreateAsync(string role)
    {
        var email = $"Agent.{role}-{Guid.NewGuid():N}@Mairie.test";
        await server.WithAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email };
            Assert.True((await users.CreateAsync(user, "Staff-password-42")).Succeeded);
            return await users.AddToRoleAsync(user, role);
        });
        return email;
    }

    Task<int> UserCountAsync() => server.WithAsync(s => s.GetRequiredService<SignageDb>().Users.CountAsync());
}

/// <summary>A deployment without a provider: no button, and the start address is not found.</summary>
public sealed class WithoutOidcTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task WithoutAProviderTheSignInPageOffersOnlyThePasswordAndTheStartAddressIsNotFound()
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });

        Assert.DoesNotContain("Se connecter avec", await client.GetStringAsync("/signin"));
        using var start = await client.GetAsync(OidcSignIn.StartPath);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }
}
