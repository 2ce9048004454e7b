using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Alerts;
using Signage.Server.Accounts;
using static Signage.Server.Content.ContentApi;

namespace Signage.Server.Alerts;

/// <summary>Emergency alerts, for Publishers: raise, follow the confirmations, end.</summary>
public static class AlertApi
{
    public static void MapAlerts(this IEndpointRouteBuilder routes)
    {
        var alerts = routes.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(Policies.Publisher).ProducesRefusals();
        alerts.MapGet("/", Active);
        alerts.MapGet("/templates", () => TypedResults.Ok(AlertTemplates.All));
        alerts.MapPost("/", Raise);
        alerts.MapGet("/{id:guid}", Status).ProducesProblems(StatusCodes.Status404NotFound);
        alerts.MapPost("/{id:guid}/end", End).ProducesProblems(StatusCodes.Status404NotFound);
    }

    static async Task<Ok<IReadOnlyList<ActiveAlert>>> Active(AlertService alerts, CancellationToken ct) =>
        TypedResults.Ok(await alerts.ActiveAsync(ct));

    /// <summary>Raises an alert: drawn in the request, sent to its screens at once, until it ends.</summary>
    static async Task<Created<ContentCreated>> Raise(RaiseAlert alert, AlertService alerts, CancellationToken ct)
    {
        var raised = await alerts.RaiseAsync(alert with { Targets = alert.Targets ?? [] }, ct);
        return TypedResults.Created($"/api/alerts/{raised.Id}", new ContentCreated(raised.Id));
    }

    /// <summary>How many targeted screens confirmed the alert on their display, and which have not.</summary>
    static async Task<Results<Ok<AlertStatus>, NotFound>> Status(Guid id, AlertService alerts, CancellationToken ct) =>
        await alerts.StatusAsync(id, ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound();

    static async Task<Results<NoContent, NotFound>> End(Guid id, AlertService alerts, CancellationToken ct) =>
        await alerts.EndAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
