using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Signage.OidcProvider;
using static OpenIddict.Abstractions.OpenIddictConstants;

// A real OpenID Connect provider for the end-to-end tests: its own sign-in form, one registered client that must use
// PKCE, the people it knows from its settings (Provider:Users:N:Email, Password, GivenName, FamilyName, EmailVerified, Amr).
var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection("Provider").Get<ProviderSettings>()
    ?? throw new InvalidOperationException("The Provider section is missing.");

builder.Services.AddDbContext<DbContext>(o => o.UseInMemoryDatabase("provider").UseOpenIddict());
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o => o.LoginPath = "/login");
builder.Services.AddOpenIddict()
    .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
    .AddServer(o =>
    {
        o.SetIssuer(new Uri(settings.Issuer));
        o.SetAuthorizationEndpointUris("connect/authorize")
            .SetTokenEndpointUris("connect/token")
            .SetUserInfoEndpointUris("connect/userinfo");
        o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
        o.RegisterScopes(Scopes.Email, Scopes.Profile);
        o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
        o.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableUserInfoEndpointPassthrough()
            .DisableTransportSecurityRequirement();
    });

var app = builder.Build();
await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
    {
        ClientId = settings.ClientId,
        ClientSecret = settings.ClientSecret,
        ClientType = ClientTypes.Confidential,
        ConsentType = ConsentTypes.Implicit,
        RedirectUris = { new Uri(settings.RedirectUri) },
        Permissions =
        {
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Email,
            Permissions.Scopes.Profile,
        },
        Requirements = { Requirements.Features.ProofKeyForCodeExchange },
    });
}

app.UseAuthentication();

app.MapGet("/login", (string? returnUrl) => LoginPage(returnUrl, error: null));
app.MapPost("/login", async (HttpContext context) =>
{
    var form = await context.Request.ReadFormAsync();
    var returnUrl = form["returnUrl"].ToString();
    var user = settings.Find(form["email"].ToString());
    if (user is null || user.Password != form["password"].ToString())
    {
        return LoginPage(returnUrl, "Identifiant ou mot de passe incorrect.");
    }

    var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Email)], CookieAuthenticationDefaults.AuthenticationScheme);
    await context.SignInAsync(new ClaimsPrincipal(identity));
    return Results.LocalRedirect(returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal) ? returnUrl : "/");
});

app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext context) =>
{
    var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
    var signedIn = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    if (!signedIn.Succeeded || settings.Find(signedIn.Principal.Identity?.Name) is not { } user)
    {
        return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString },
            [CookieAuthenticationDefaults.AuthenticationScheme]);
    }

    var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
    foreach (var (type, value) in user.Claims())
    {
        identity.SetClaim(type, value);
    }

    identity.SetClaims(Claims.AuthenticationMethodReference, [.. user.Amr.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
    identity.SetScopes(request.GetScopes());
    identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
    return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
});

app.MapMethods("/connect/userinfo", ["GET", "POST"], async (HttpContext context) =>
{
    var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    return settings.Find(token.Principal?.GetClaim(Claims.Email)) is { } user
        ? Results.Ok(user.Claims().ToDictionary(c => c.Type, c => c.Value))
        : Results.Challenge(properties: null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
});

await app.RunAsync();

static IResult LoginPage(string? returnUrl, string? error) => Results.Content($"""
    <!DOCTYPE html>
    <html lang="fr"><head><meta charset="utf-8"><title>Fournisseur d'identité de test</title></head>
    <body><main><h1>Fournisseur d'identité de test</h1>
    {(error is null ? "" : $"<p role=\"alert\">{error}</p>")}
    <form method="post" action="/login">
    <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
    <p><label for="email">Identifiant</label> <input id="email" name="email" type="email"></p>
    <p><label for="password">Mot de passe du fournisseur</label> <input id="password" name="password" type="password"></p>
    <p><button type="submit">Valider</button></p>
    </form></main></body></html>
    """, "text/html; charset=utf-8");
