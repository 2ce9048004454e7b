using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Signage.Core.Data;

namespace Signage.Core.Accounts;

/// <summary>Adds the sites a Publisher or Editor is scoped to; a change of scope ends their sessions, so the claims stay true.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, SignageDb db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var sites = await db.StaffUserSites.Where(s => s.UserId == user.Id).Select(s => s.SiteId).ToListAsync();
        identity.AddClaims(sites.Select(s => new Claim(StaffClaims.Site, s.ToString())));
        return identity;
    }
}

/// <summary>A disabled person cannot sign in; the sign-in answers as for a wrong password.</summary>
public sealed class EnabledStaffOnly : IUserConfirmation<StaffUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(!user.Disabled);
}
