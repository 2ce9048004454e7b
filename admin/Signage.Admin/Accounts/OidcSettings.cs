namespace Signage.Admin.Accounts;

/// <summary>
/// OpenID Connect sign-in, an option of each deployment; bound from the section "Signage:Oidc". Off while
/// <see cref="Authority"/> is empty. The defaults suit ProConnect; docs/SSO.md gives Entra ID's and Keycloak's.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The provider's issuer, whose <c>/.well-known/openid-configuration</c> describes it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c>, separated by spaces.</summary>
    public string Scopes { get; set; } = "email given_name usual_name";

    /// <summary>The provider's name on the sign-in page's button: « Se connecter avec ProConnect ».</summary>
    public string DisplayName { get; set; } = "ProConnect";

    /// <summary>Where the provider sends the browser back; registered with the provider as the redirect URI.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    public string EmailClaim { get; set; } = "email";

    /// <summary>
    /// A claim that must be <c>true</c> for the e-mail to be trusted (OpenID's <c>email_verified</c>); empty for a
    /// provider that only gives addresses it has verified (ProConnect).
    /// </summary>
    public string EmailVerifiedClaim { get; set; } = "";

    public string GivenNameClaim { get; set; } = "given_name";

    public string FamilyNameClaim { get; set; } = "usual_name";

    /// <summary>Reads the claims from the user-info endpoint too (ProConnect gives the e-mail there only).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; } = true;

    /// <summary>Refuses a provider reached over plain HTTP; only a test provider on this machine may turn it off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// <c>amr</c> values (RFC 8176) of the ID token that show the provider checked a second factor, separated by
    /// spaces; such a sign-in counts as one with MFA, and the console asks for no TOTP code.
    /// </summary>
    public string MfaAmrValues { get; set; } = "mfa otp hwk";

    /// <summary>
    /// <c>acr</c> values of the ID token that show a second factor, separated by spaces: ProConnect's eIDAS levels
    /// « substantiel » and « élevé ».
    /// </summary>
    public string MfaAcrValues { get; set; } = "eidas2 eidas3";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
