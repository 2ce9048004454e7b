using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Signage.Core.Accounts;

namespace Signage.Server.Accounts;

/// <summary>
/// Identity's sign-in manager, with the sign-in that follows an OpenID Connect provider's answer: a person with
/// MFA whose provider did not check a second factor goes through the TOTP code step (<c>/signin/code</c>), as after a
/// password; one whose provider did gets a session carrying <c>amr=mfa</c> at once.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public async Task<SignInResult> ProviderSignInAsync(StaffUser user, string provider, bool providerCheckedSecondFactor)
    {
        if (!providerCheckedSecondFactor)
        {
            return await SignInOrTwoFactorAsync(user, isPersistent: false, loginProvider: provider);
        }

        await SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim(ClaimTypes.AuthenticationMethod, provider), new Claim(AdministratorMfaMiddleware.MethodClaim, "mfa")]);
        return SignInResult.Success;
    }
}
