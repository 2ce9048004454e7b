using Microsoft.AspNetCore.Identity;
using Signage.Core.Accounts;

namespace Signage.Server.Accounts;

public static class AccountApi
{
    public static void MapAccount(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/account/signout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/signin");
        }).RequireAuthorization();
}
