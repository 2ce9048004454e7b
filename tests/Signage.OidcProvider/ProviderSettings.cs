using OpenIddict.Abstractions;

namespace Signage.OidcProvider;

/// <summary>The provider's issuer, its one client and the people it knows; bound from the section "Provider".</summary>
internal sealed class ProviderSettings
{
    public string Issuer { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string RedirectUri { get; set; } = "";

    public List<ProviderUser> Users { get; set; } = [];

    public ProviderUser? Find(string? email) =>
        Users.Find(u => string.Equals(u.Email, email?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>One person the provider signs in, with the claims it gives about them, named as ProConnect names them.</summary>
internal sealed class ProviderUser
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public string GivenName { get; set; } = "";

    public string FamilyName { get; set; } = "";

    public bool EmailVerified { get; set; } = true;

    /// <summary>How the provider says it checked the person (RFC 8176 <c>amr</c> values of the ID token), e.g. <c>pwd otp</c>.</summary>
    public string Amr { get; set; } = "pwd";

    public IEnumerable<(string Type, string Value)> Claims()
    {
        yield return (OpenIddictConstants.Claims.Subject, "sub-" + Email.ToUpperInvariant());
        yield return (OpenIddictConstants.Claims.Email, Email);
        yield return (OpenIddictConstants.Claims.EmailVerified, EmailVerified ? "true" : "false");
        yield return (OpenIddictConstants.Claims.GivenName, GivenName);
        yield return ("usual_name", FamilyName);
    }
}
