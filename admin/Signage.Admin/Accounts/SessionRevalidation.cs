using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Signage.Core.Accounts;

namespace Signage.Admin.Accounts;

/// <summary>
/// An open console circuit outlives the request that signed it in: every minute it checks that its session still
/// exists, so a session ended elsewhere (sign-out, an Administrator, a change of role) also closes the open pages.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory logger, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.FindFirstValue(StaffClaims.Session) is not { } session)
        {
            return authenticationState.User.Identity?.IsAuthenticated != true;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionService>().ExistsAsync(session, cancellationToken);
    }
}
