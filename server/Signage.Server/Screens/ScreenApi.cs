using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Signage.Core;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Server.Accounts;

namespace Signage.Server.Screens;

public static class ScreenApi
{
    public static RouteGroupBuilder MapScreens(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/screens").WithTags("Screens").RequireAuthorization(Policies.Staff).ProducesRefusals();
        group.MapGet("/{id:guid}/preview", Preview);
        group.MapGet("/{id:guid}/timeline", Timeline);
        group.MapGet("/", List);
        group.MapPost("/", Create).RequireAuthorization(Policies.Administrator);
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Administrator).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.Administrator).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}/groups", SetGroups).RequireAuthorization(Policies.Administrator).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/revoke", Revoke).RequireAuthorization(Policies.Administrator)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>The screens on the caller's sites (every screen for an Administrator or unscoped staff).</summary>
    static async Task<Ok<List<ScreenSummary>>> List(ScreenService screens, CancellationToken ct) =>
        TypedResults.Ok(await screens.ListScreensAsync(ct));

    /// <summary>Renames, moves, sets the audience, street visibility and (optionally) groups; the manifest is rebuilt and pushed at once.</summary>
    static async Task<NoContent> Update(Guid id, ScreenChange body, ScreenService screens, CancellationToken ct)
    {
        await screens.UpdateScreenAsync(id, body, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Deletes the screen with the schedule entries and ticker lines aimed at it alone; its player is cut.</summary>
    static async Task<NoContent> Delete(Guid id, ScreenService screens, CancellationToken ct)
    {
        await screens.DeleteScreenAsync(id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Revokes the screen's device token and cuts its player; 409 when it is already revoked.</summary>
    static async Task<NoContent> Revoke(Guid id, ScreenService screens, SignageDb db, CancellationToken ct)
    {
        if (await screens.RevokeTokenAsync(id, ct))
        {
            return TypedResults.NoContent();
        }

        throw await db.Screens.AnyAsync(s => s.Id == id, ct)
            ? new ConflictException("Le jeton de cet écran est déjà révoqué : associez-le à nouveau pour le remettre en service.")
            : new NotFoundException("Cet écran n'existe pas.");
    }

    public sealed record ScreenGroups(IReadOnlyList<Guid> GroupIds);

    /// <summary>The new screen and its device token: the only time the token is shown.</summary>
    public sealed record CreatedScreenView(Guid Id, string Name, string Token);

    static async Task<Created<CreatedScreenView>> Create(NewScreen body, ScreenService screens, HttpContext http, CancellationToken ct)
    {
        var created = await screens.CreateScreenAsync(body, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/screens/{created.Screen.Id}", new CreatedScreenView(created.Screen.Id, created.Screen.Name, created.Token));
    }

    /// <summary>Replaces the groups of a screen; its manifest is rebuilt and pushed at once.</summary>
    static async Task<NoContent> SetGroups(Guid id, ScreenGroups body, ScreenService screens, CancellationToken ct)
    {
        await screens.SetGroupsAsync(id, body.GroupIds ?? [], ct);
        return TypedResults.NoContent();
    }

    /// <summary>How far from now a preview or a timeline may start: schedules are planned months ahead, and beyond a year is a typo.</summary>
    static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    /// <summary>The longest timeline, in hours: eight days, so a whole week from any hour.</summary>
    static readonly int MaxHours = (int)PreviewService.MaxTimeline.TotalHours;

    /// <summary>"What does this screen show at T, and why?" — T is ISO 8601 with an offset, within a year of now; now when absent.</summary>
    static async Task<Results<Ok<ScreenPreview>, NotFound, ValidationProblem>> Preview(
        Guid id, string? at, PreviewService previews, TimeProvider clock, CancellationToken ct)
    {
        if (!TryInstant(at, clock, out var instant))
        {
            return BadInstant("at");
        }

        return await previews.AtAsync(id, instant, ct) is { } preview ? TypedResults.Ok(preview) : TypedResults.NotFound();
    }

    /// <summary>The periods of a screen from <paramref name="from"/> (now when absent, within a year of now) for <paramref name="hours"/> hours (24 by default, 1 to 192).</summary>
    static async Task<Results<Ok<IReadOnlyList<TimelinePeriod>>, NotFound, ValidationProblem>> Timeline(
        Guid id, string? from, int? hours, PreviewService previews, TimeProvider clock, CancellationToken ct)
    {
        if (!TryInstant(from, clock, out var start))
        {
            return BadInstant("from");
        }

        if (hours is < 1 || hours > MaxHours)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["hours"] = [$"La frise couvre de 1 à {MaxHours} heures (huit jours)."],
            });
        }

        return await previews.TimelineAsync(id, start, start.AddHours(hours ?? 24), ct) is { } periods
            ? TypedResults.Ok(periods)
            : TypedResults.NotFound();
    }

    static readonly string[] InstantFormats =
        ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    static bool TryInstant(string? text, TimeProvider clock, out DateTimeOffset instant)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            instant = clock.GetUtcNow();
            return true;
        }

        // An instant needs its offset: a bare local time would be ambiguous across time zones and DST.
        var now = clock.GetUtcNow();
        return DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant)
            && (instant - now).Duration() <= Horizon;
    }

    static ValidationProblem BadInstant(string field) => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        [field] = ["Indiquez un instant ISO 8601 avec son décalage, à moins d'un an d'aujourd'hui, par exemple 2026-11-28T10:42:00+01:00 ou 2026-11-28T09:42:00Z."],
    });
}
