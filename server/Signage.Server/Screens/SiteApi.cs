using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Contracts.Manifests;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.Server.Accounts;

namespace Signage.Server.Screens;

/// <summary>A site's week of opening hours and holiday rule; <c>Holidays</c> omitted keeps the site's calendar.</summary>
public sealed record SiteHours(IReadOnlyList<OpeningHours> Hours, bool ClosedOnPublicHolidays = true, HolidayCalendar? Holidays = null);

public sealed record SiteChange(string Name, string? TimeZone = null);

public sealed record NewClosure(DateOnly Date, string Reason);

public static class SiteApi
{
    public static RouteGroupBuilder MapSites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sites").WithTags("Sites").RequireAuthorization(Policies.Administrator).ProducesRefusals();
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapPut("/{id:guid}", Update).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/hours", SetHours).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/closures", Closures).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/closures", AddClosure).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}/closures/{date}", RemoveClosure).ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    static async Task<Ok<List<Site>>> List(SiteService sites, CancellationToken ct) => TypedResults.Ok(await sites.ListSitesAsync(ct));

    /// <summary>Creates a site (or returns the one of that name) with its time zone.</summary>
    static async Task<Created<Site>> Create(SiteChange body, SiteService sites, CancellationToken ct)
    {
        var site = await sites.CreateSiteAsync(body.Name, body.TimeZone ?? Site.DefaultTimeZone, ct);
        return TypedResults.Created($"/api/sites/{site.Id}", site);
    }

    /// <summary>Renames a site and sets its time zone.</summary>
    static async Task<Ok<Site>> Update(Guid id, SiteChange body, SiteService sites, CancellationToken ct) =>
        TypedResults.Ok(await sites.UpdateSiteAsync(id, body.Name, body.TimeZone ?? Site.DefaultTimeZone, ct));

    /// <summary>Refused (409) while screens belong to the site or content is aimed at it, with the reason.</summary>
    static async Task<NoContent> Delete(Guid id, SiteService sites, CancellationToken ct)
    {
        await sites.DeleteSiteAsync(id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Opening hours drive the screens' power plan: off outside them, on closed days and public holidays.</summary>
    static async Task<NoContent> SetHours(Guid id, SiteHours body, SiteService sites, CancellationToken ct)
    {
        await sites.SetOpeningHoursAsync(id, body.Hours ?? [], body.ClosedOnPublicHolidays, body.Holidays, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The site's closures from today on (the site's today).</summary>
    static async Task<Ok<List<NewClosure>>> Closures(Guid id, SiteService sites, CancellationToken ct) =>
        TypedResults.Ok((await sites.UpcomingClosuresAsync(id, ct)).Select(c => new NewClosure(c.Date, c.Reason)).ToList());

    static async Task<NoContent> RemoveClosure(Guid id, DateOnly date, SiteService sites, CancellationToken ct)
    {
        await sites.RemoveClosureAsync(id, date, ct);
        return TypedResults.NoContent();
    }

    static async Task<NoContent> AddClosure(Guid id, NewClosure body, SiteService sites, CancellationToken ct)
    {
        await sites.AddClosureAsync(id, body.Date, body.Reason, ct);
        return TypedResults.NoContent();
    }
}
