using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Signage.Admin.Accounts;
using Signage.Core.Accounts;
using Signage.Core.Writes;

namespace Signage.Server.Accounts;

/// <summary>
/// OpenID Connect sign-in (authorization code with PKCE) when Signage:Oidc:Authority is set. The provider only says
/// who the person is: the e-mail it vouches for must be that of an existing, enabled account, whose roles are those
/// set in the console; no account is ever created here. The person then holds the same application cookie as after
/// a password sign-in.
/// </summary>
public static class OidcSignIn
{
    public const string Scheme = "oidc";
    public const string StartPath = "/account/oidc";

    public static AuthenticationBuilder AddSignageOidc(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.Services.AddOptions<OidcSettings>().BindConfiguration("Signage:Oidc")
            .Validate(s => !s.Enabled || !string.IsNullOrWhiteSpace(s.ClientId), "Signage:Oidc:ClientId is required with Signage:Oidc:Authority.")
            .ValidateOnStart();
        authentication.Services.AddScoped<OidcAccounts>();
        var settings = configuration.GetSection("Signage:Oidc").Get<OidcSettings>() ?? new OidcSettings();
        if (!settings.Enabled)
        {
            return authentication;
        }

        return authentication.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.CallbackPath = settings.CallbackPath;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // Back by a top-level GET: SameSite=Lax correlation cookies come with it, over HTTP too, where the
            // SameSite=None cookies a form post needs would be refused for lack of Secure.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                o.Scope.Add(scope);
            }

            o.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfoEndpoint;
            o.MapInboundClaims = false;
            foreach (var claim in new[] { settings.EmailClaim, settings.EmailVerifiedClaim, settings.GivenNameClaim, settings.FamilyNameClaim })
            {
                if (claim.Length > 0)
                {
                    o.ClaimActions.MapUniqueJsonKey(claim, claim);
                }
            }

            o.SaveTokens = false;
            o.Events.OnTokenValidated = NoteSecondFactor;
            o.Events.OnTicketReceived = SignInAsync;
            o.Events.OnRemoteFailure = FailedAsync;
        });
    }

    /// <summary>The sign-in page's button leads here, which sends the browser to the provider.</summary>
    public static void MapOidc(this IEndpointRouteBuilder routes) =>
        routes.MapGet(StartPath, Results<ChallengeHttpResult, NotFound> (string? returnUrl, IOptions<OidcSettings> settings) => settings.Value.Enabled
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [Scheme])
            : TypedResults.NotFound());

    /// <summary>
    /// Whether the signed ID token says the provider checked a second factor (its <c>amr</c> or <c>acr</c> among
    /// those configured); read here, before the user-info endpoint's unsigned claims join the principal.
    /// </summary>
    static Task NoteSecondFactor(TokenValidatedContext context)
    {
        var settings = context.HttpContext.RequestServices.GetRequiredService<IOptions<OidcSettings>>().Value;
        var principal = context.Principal!;
        var checkedSecondFactor = Listed(settings.MfaAmrValues).Overlaps(principal.FindAll("amr").Select(c => c.Value))
            || Listed(settings.MfaAcrValues).Overlaps(principal.FindAll("acr").Select(c => c.Value));
        context.Properties!.Items[SecondFactorItem] = checkedSecondFactor ? "true" : "false";
        return Task.CompletedTask;

        static HashSet<string> Listed(string values) => new(values.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
    }

    const string SecondFactorItem = "signage.second-factor";

    static async Task SignInAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        var services = context.HttpContext.RequestServices;
        var match = await services.GetRequiredService<OidcAccounts>().MatchAsync(context.Principal!);
        if (match.User is null)
        {
            var unit = services.GetRequiredService<WriteUnit>();
            unit.Audit("account.sso-refused", null, $"{match.Email}{(match.Name.Length > 0 ? $" ({match.Name})" : "")} depuis {SignInRateLimits.Address(context.HttpContext)} : {match.Refusal}");
            await unit.CommitAsync(context.HttpContext.RequestAborted);
            await PageAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Connexion refusée",
                $"""
                <p>Le compte {WebUtility.HtmlEncode(match.Email)} n'a pas accès à la console Signage : {WebUtility.HtmlEncode(match.Refusal)}</p>
                <p>Demandez à un administrateur de Signage de créer votre compte avec cette adresse ou de le réactiver.</p>
                """);
            return;
        }

        var checkedSecondFactor = context.Properties?.Items.TryGetValue(SecondFactorItem, out var value) == true && value == "true";
        var result = await services.GetRequiredService<StaffSignInManager>().ProviderSignInAsync(match.User, Scheme, checkedSecondFactor);
        // A page of the console's own moves on: after the provider's cross-site redirect, the browser would not send
        // the SameSite=Strict cookie on a redirect of ours, but it does on a navigation that one of our pages starts.
        // A person with MFA whose provider did not check a second factor gives the TOTP code first.
        var returnUrl = LocalUrl(context.ReturnUri);
        var next = WebUtility.HtmlEncode(result.RequiresTwoFactor ? "/signin/code?ReturnUrl=" + Uri.EscapeDataString(returnUrl) : returnUrl);
        await PageAsync(context.HttpContext, StatusCodes.Status200OK, "Connexion réussie",
            result.RequiresTwoFactor
                ? $"""<p>Votre fournisseur d'identité vous a reconnu. <a href="{next}">Saisir le code de votre application d'authentification</a></p>"""
                : $"""<p>Vous êtes connecté. <a href="{next}">Continuer vers la console</a></p>""",
            $"""<meta http-equiv="refresh" content="0;url={next}">""");
    }

    static async Task FailedAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var unit = context.HttpContext.RequestServices.GetRequiredService<WriteUnit>();
        unit.Audit("account.sso-failed", null, $"depuis {SignInRateLimits.Address(context.HttpContext)} : {context.Failure?.Message}");
        await unit.CommitAsync(context.HttpContext.RequestAborted);
        await PageAsync(context.HttpContext, StatusCodes.Status400BadRequest, "Connexion interrompue",
            "<p>Le fournisseur d'identité n'a pas confirmé votre connexion. Recommencez depuis la page de connexion ; si cela se reproduit, prévenez un administrateur de Signage.</p>");
    }

    static Task PageAsync(HttpContext context, int status, string title, string body, string head = "")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8">{head}<title>{title} — Signage</title></head>
            <body><main><h1>{title}</h1>
            {body}
            <p><a href="/signin">Revenir à la connexion</a></p></main></body></html>
            """, context.RequestAborted);
    }

    /// <summary>Only local paths: an open redirect would let a phishing link bounce through the console.</summary>
    public static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}

/// <summary>
/// Who an OpenID Connect sign-in is: an existing, enabled account with that e-mail, or why not; with the name the
/// provider gives, which a refusal's audit entry shows so that an Administrator knows who asked.
/// </summary>
public sealed record OidcMatch(StaffUser? User, string Email, string Name, string? Refusal);

/// <summary>Matches the e-mail a provider vouches for to a staff account, ignoring case.</summary>
public sealed class OidcAccounts(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IOptions<OidcSettings> options)
{
    public async Task<OidcMatch> MatchAsync(ClaimsPrincipal principal)
    {
        var settings = options.Value;
        var email = principal.FindFirst(settings.EmailClaim)?.Value.Trim() ?? "";
        var name = string.Join(' ', new[] { settings.GivenNameClaim, settings.FamilyNameClaim }
            .Select(c => principal.FindFirst(c)?.Value.Trim()).Where(v => !string.IsNullOrEmpty(v)));
        if (email.Length == 0)
        {
            return new OidcMatch(null, "(sans adresse)", name, "le fournisseur d'identité n'a pas donné d'adresse e-mail.");
        }

        if (settings.EmailVerifiedClaim.Length > 0
            && !string.Equals(principal.FindFirst(settings.EmailVerifiedClaim)?.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new OidcMatch(null, email, name, "le fournisseur d'identité n'a pas vérifié cette adresse e-mail.");
        }

        var normalized = users.NormalizeEmail(email);
        var found = await users.Users.Where(u => u.NormalizedEmail == normalized).Take(2).ToListAsync();
        if (found.Count != 1)
        {
            // Two accounts with one address cannot be told apart: neither is chosen.
            return new OidcMatch(null, email, name, found.Count == 0 ? "aucun compte n'a cette adresse." : "plusieurs comptes ont cette adresse.");
        }

        var user = found[0];
        return await signIn.CanSignInAsync(user) && !await users.IsLockedOutAsync(user)
            ? new OidcMatch(user, email, name, null)
            : new OidcMatch(null, email, name, "ce compte est désactivé.");
    }
}
