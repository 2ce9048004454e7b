namespace Signage.EndToEnd.Tests;

/// <summary>One person the test provider knows, with the claims it gives about them; <paramref name="Amr"/> how it says it checked them.</summary>
public sealed record ProviderUser(string Email, string Password, string GivenName, string FamilyName, string Amr = "pwd");

/// <summary>
/// The test OpenID Connect provider (tests/Signage.OidcProvider) as a process of its own on a free port of
/// <c>localhost</c>: another site than the server's 127.0.0.1, as a real provider is.
/// </summary>
public sealed class OidcProviderProcess : IDisposable
{
    public const string ClientId = "signage-console";
    public const string ClientSecret = "secret-du-client-signage";

    readonly SystemProcess process;

    OidcProviderProcess(SystemProcess process, Uri issuer)
    {
        this.process = process;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    public bool HasExited => process.HasExited;

    /// <summary>An address for the provider, chosen before the server that must be told it starts.</summary>
    public static Uri NewIssuer() => new($"http://localhost:{SignageSystem.FreePort()}/");

    /// <summary>The server's settings for signing in at <paramref name="issuer"/> under <paramref name="displayName"/>.</summary>
    public static Dictionary<string, string> ServerSettings(Uri issuer, string displayName) => new()
    {
        ["Signage__Oidc__Authority"] = issuer.ToString(),
        ["Signage__Oidc__ClientId"] = ClientId,
        ["Signage__Oidc__ClientSecret"] = ClientSecret,
        ["Signage__Oidc__Scopes"] = "email profile",
        ["Signage__Oidc__DisplayName"] = displayName,
        ["Signage__Oidc__EmailVerifiedClaim"] = "email_verified",
        // The test provider speaks plain HTTP on this machine.
        ["Signage__Oidc__RequireHttpsMetadata"] = "false",
    };

    /// <summary>Starts the provider at <paramref name="issuer"/> for a client coming back to <paramref name="server"/>; waits for its discovery document.</summary>
    public static async Task<OidcProviderProcess> StartAsync(SignageSystem system, Uri issuer, Uri server, IEnumerable<ProviderUser> users)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = issuer.GetLeftPart(UriPartial.Authority),
            ["Provider__Issuer"] = issuer.ToString(),
            ["Provider__ClientId"] = ClientId,
            ["Provider__ClientSecret"] = ClientSecret,
            ["Provider__RedirectUri"] = new Uri(server, "/signin-oidc").ToString(),
        };
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
        {
            environment[$"Provider__Users__{i}__Email"] = user.Email;
            environment[$"Provider__Users__{i}__Password"] = user.Password;
            environment[$"Provider__Users__{i}__GivenName"] = user.GivenName;
            environment[$"Provider__Users__{i}__FamilyName"] = user.FamilyName;
            environment[$"Provider__Users__{i}__Amr"] = user.Amr;
        }

        var provider = new OidcProviderProcess(
            SystemProcess.Start("oidc", SignageSystem.ProductDll("tests", "Signage.OidcProvider"), environment, [], (_, _) => { }), issuer);
        try
        {
            await system.WaitAsync(async () =>
            {
                if (provider.HasExited)
                {
                    throw new SystemUnderTestException($"The test OpenID Connect provider exited with code {provider.process.ExitCode}:\n{string.Join('\n', provider.process.Output)}");
                }

                using var discovery = await system.Http.GetAsync(new Uri(issuer, ".well-known/openid-configuration"));
                return discovery.IsSuccessStatusCode ? "up" : null;
            }, TimeSpan.FromSeconds(60), "the OpenID Connect provider to answer");
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>What the provider wrote, for a failure report.</summary>
    public string Output => string.Join('\n', process.Output);

    public void Dispose() => process.Dispose();
}
