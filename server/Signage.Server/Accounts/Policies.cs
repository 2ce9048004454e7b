using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Signage.Core.Accounts;

namespace Signage.Server.Accounts;

public static class Policies
{
    public const string Screen = "Screen";
    public const string AssetReader = "AssetReader";
    public const string Administrator = "Administrator";
    public const string Staff = "Staff";
    public const string Publisher = "Publisher";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Screen, p => p.AddAuthenticationSchemes(DeviceAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        options.AddPolicy(AssetReader, p => p
            .AddAuthenticationSchemes(DeviceAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser());
        options.AddPolicy(Staff, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireRole(Roles.All));
        options.AddPolicy(Publisher, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireRole(Roles.Administrator, Roles.Publisher));
        options.AddPolicy(Administrator, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireRole(Roles.Administrator));
    }
}
