using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Screens;
using Signage.Server.Accounts;

namespace Signage.Server.Screens;

public sealed record GroupName(string Name);

public static class GroupApi
{
    public static RouteGroupBuilder MapGroups(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/groups").WithTags("Screens").RequireAuthorization(Policies.Staff).ProducesRefusals();
        group.MapGet("/", List);
        group.MapPost("/", Create).RequireAuthorization(Policies.Administrator).ProducesProblems(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", Rename).RequireAuthorization(Policies.Administrator).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.Administrator).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>The groups the caller may see, with how many screens each holds.</summary>
    static async Task<Ok<List<GroupSummary>>> List(ScreenService screens, CancellationToken ct) =>
        TypedResults.Ok(await screens.ListGroupSummariesAsync(ct));

    /// <summary>A new group; 409 when a group already has that name.</summary>
    static async Task<Created<ScreenGroup>> Create(GroupName body, ScreenService screens, CancellationToken ct)
    {
        var created = await screens.AddGroupAsync(body.Name, ct);
        return TypedResults.Created($"/api/groups/{created.Id}", created);
    }

    static async Task<Ok<ScreenGroup>> Rename(Guid id, GroupName body, ScreenService screens, CancellationToken ct) =>
        TypedResults.Ok(await screens.RenameGroupAsync(id, body.Name, ct));

    /// <summary>Refused (409) while a screen belongs to the group or content is aimed at it, naming them.</summary>
    static async Task<NoContent> Delete(Guid id, ScreenService screens, CancellationToken ct)
    {
        await screens.DeleteGroupAsync(id, ct);
        return TypedResults.NoContent();
    }
}
