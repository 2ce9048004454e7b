using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Screens;
using Signage.Server.Accounts;

namespace Signage.Server.Screens;

public static class PairingApi
{
    public static RouteGroupBuilder MapPairing(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/pairing").WithTags("Pairing").RequireAuthorization(Policies.Administrator).ProducesRefusals();
        group.MapPost("/claims", Claim).ProducesProblems(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>Claims the code a player shows: a new screen, or (with screenId) an existing one moved to that player.</summary>
    static async Task<Created<PairedScreen>> Claim(PairingClaim body, PairingService pairing, HttpContext http, CancellationToken ct)
    {
        var paired = await pairing.ClaimAsync(body, http.Connection.RemoteIpAddress?.ToString(), ct);
        return TypedResults.Created($"/api/screens/{paired.ScreenId}", paired);
    }
}
