using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Accounts;

namespace Signage.Server.Accounts;

/// <summary>People managed by Administrators: every change ends the person's sessions, so it holds at their next request.</summary>
public static class UserApi
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Administrator).ProducesRefusals();
        group.MapGet("/", List);
        group.MapGet("/{id}", Get).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/", Create);
        group.MapPut("/{id}/roles", SetRoles).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPut("/{id}/sites", SetSites).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/disable", Disable).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id}/enable", Enable).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/password-reset", ResetPassword).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", Delete).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id}/sessions", Sessions).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}/sessions/{sessionId}", EndSession).ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    public sealed record UserRoles(IReadOnlyList<string> Roles);

    public sealed record UserSites(IReadOnlyList<Guid> SiteIds);

    /// <summary>The person and, for an invitation or a reset, the one-time address where they choose their password.</summary>
    public sealed record UserView(UserSummary User, string? SetPasswordLink);

    public sealed record SetPasswordView(string SetPasswordLink);

    static async Task<Ok<List<UserSummary>>> List(UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(ct));

    static async Task<Results<Ok<UserSummary>, NotFound>> Get(string id, UserService users, CancellationToken ct) =>
        await users.FindAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    /// <summary>Creates the person with a password, or invites them (no password) with a one-time link.</summary>
    static async Task<Created<UserView>> Create(NewUser body, UserService users, HttpContext http, CancellationToken ct)
    {
        var created = await users.CreateAsync(body, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/users/{created.User.Id}",
            new UserView(created.User, created.SetPasswordToken is { } token ? Link(http, created.User.Id, token) : null));
    }

    static async Task<NoContent> SetRoles(string id, UserRoles body, UserService users, CancellationToken ct)
    {
        await users.SetRolesAsync(id, body.Roles ?? [], ct);
        return TypedResults.NoContent();
    }

    /// <summary>Limits a Publisher or Editor to these sites; an empty list gives them every site.</summary>
    static async Task<NoContent> SetSites(string id, UserSites body, UserService users, CancellationToken ct)
    {
        await users.SetSitesAsync(id, body.SiteIds ?? [], ct);
        return TypedResults.NoContent();
    }

    static async Task<NoContent> Disable(string id, UserService users, CancellationToken ct)
    {
        await users.SetDisabledAsync(id, true, ct);
        return TypedResults.NoContent();
    }

    static async Task<NoContent> Enable(string id, UserService users, CancellationToken ct)
    {
        await users.SetDisabledAsync(id, false, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Removes the password, ends the sessions and answers the one-time link to choose a new one.</summary>
    static async Task<Ok<SetPasswordView>> ResetPassword(string id, UserService users, HttpContext http, CancellationToken ct)
    {
        var token = await users.ResetPasswordAsync(id, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SetPasswordView(Link(http, id, token)));
    }

    static async Task<NoContent> Delete(string id, UserService users, CancellationToken ct)
    {
        await users.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<List<SessionSummary>>, NotFound>> Sessions(string id, UserService users, SessionService sessions, CancellationToken ct) =>
        await users.FindAsync(id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await sessions.ListAsync(id, ct));

    static async Task<Results<NoContent, NotFound>> EndSession(string id, string sessionId, SessionService sessions, CancellationToken ct) =>
        (await sessions.ListAsync(id, ct)).Any(s => s.Id == sessionId) && await sessions.EndAsync(sessionId, ct)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    static string Link(HttpContext http, string userId, string token) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{SetPasswordLink.For(userId, token)}";
}
