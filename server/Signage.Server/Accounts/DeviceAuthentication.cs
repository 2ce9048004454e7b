using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Signage.Core.Screens;

namespace Signage.Server.Accounts;

/// <summary>Authenticates a player by its device token: "Authorization: Bearer" or, for WebSockets, ?access_token=.</summary>
public sealed class DeviceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ScreenService screens,
    DeviceTokenCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Device";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenFrom(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await cache.FindAsync(token, LoadAsync);
        return principal is null
            ? AuthenticateResult.Fail("Unknown or revoked device token.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    async Task<ClaimsPrincipal?> LoadAsync(string token)
    {
        var screen = await screens.FindByTokenAsync(token, Context.RequestAborted);
        if (screen is null)
        {
            return null;
        }

        // The site and groups let the hub join the screen to its alert channels without another look-up.
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, screen.Id.ToString()),
                new Claim(ClaimTypes.Name, screen.Name),
                new Claim(DeviceClaims.Site, screen.SiteId.ToString()),
                new Claim(DeviceClaims.Street, screen.VisibleFromStreet ? "true" : "false"),
                .. screen.GroupIds.Select(g => new Claim(DeviceClaims.Group, g.ToString())),
            ],
            SchemeName);
        return new ClaimsPrincipal(identity);
    }

    static string? TokenFrom(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments(Signage.Contracts.Hub.PlayerHubContract.Path)
            && request.Query.TryGetValue("access_token", out var query) ? query.ToString() : null;
    }
}

public static class DeviceClaims
{
    public const string Site = "signage:site";
    public const string Group = "signage:group";
    public const string Street = "signage:street";

    public static Guid ScreenId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public static Guid SiteId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Site)!);

    public static bool VisibleFromStreet(this ClaimsPrincipal user) => user.FindFirstValue(Street) == "true";

    public static IReadOnlyList<Guid> GroupIds(this ClaimsPrincipal user) => [.. user.FindAll(Group).Select(c => Guid.Parse(c.Value))];
}
