using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Content;
using Signage.Core.Rendering;
using Signage.Server.Accounts;

namespace Signage.Server.Content;

/// <summary>
/// The editorial workflow (Editors draft and submit, Publishers approve) and the theme.
/// Unknown ids are 404 and wrong states 409; neither changes anything.
/// </summary>
public static class ContentApi
{
    public static void MapContent(this IEndpointRouteBuilder routes)
    {
        var announcements = routes.MapGroup("/api/announcements").WithTags("Announcements").RequireAuthorization(Policies.Staff).ProducesRefusals();
        announcements.MapGet("/", Recent);
        announcements.MapPost("/drafts", Draft);
        announcements.MapPost("/{id:guid}/submit", Submit).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        announcements.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Policies.Publisher)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapGet("/api/theme", Theme).WithTags("Theme").RequireAuthorization(Policies.Staff).ProducesRefusals();
        routes.MapPut("/api/theme", SetTheme).WithTags("Theme").RequireAuthorization(Policies.Administrator).ProducesRefusals();
        routes.MapGet("/api/templates", () => TypedResults.Ok(Templates.All)).WithTags("Theme").RequireAuthorization(Policies.Staff).ProducesRefusals();
    }

    public sealed record Approval(Guid GroupId);

    public sealed record ContentCreated(Guid Id);

    static async Task<Ok<List<AnnouncementSummary>>> Recent(AnnouncementService announcements, CancellationToken ct) =>
        TypedResults.Ok(await announcements.RecentAsync(50, ct));

    static async Task<Created<ContentCreated>> Draft(DraftAnnouncement draft, AnnouncementService announcements, CancellationToken ct)
    {
        var saved = await announcements.SaveDraftAsync(draft, ct);
        return TypedResults.Created($"/api/announcements/{saved.Id}", new ContentCreated(saved.Id));
    }

    static async Task<NoContent> Submit(Guid id, AnnouncementService announcements, CancellationToken ct)
    {
        await announcements.SubmitAsync(id, ct);
        return TypedResults.NoContent();
    }

    static async Task<NoContent> Approve(Guid id, Approval approval, AnnouncementService announcements, CancellationToken ct)
    {
        await announcements.ApproveAsync(id, approval.GroupId, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<OrganisationTheme>> Theme(ThemeService themes, CancellationToken ct) => TypedResults.Ok(await themes.CurrentAsync(ct));

    /// <summary>Sets the organisation's colours and logo; every published slide is drawn again.</summary>
    static async Task<Ok<OrganisationTheme>> SetTheme(ThemeChange change, ThemeService themes, CancellationToken ct) =>
        TypedResults.Ok(await themes.SetAsync(change, ct));
}
