using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Alerts.Cap;
using Signage.Server.Accounts;

namespace Signage.Server.Alerts;

/// <summary>
/// Inbound CAP 1.2: <c>POST /api/cap</c> for sources (their key in <c>X-Cap-Key</c>, the signed XML message as
/// the body), and the sources and rules for Administrators.
/// </summary>
public static class CapApi
{
    public const string KeyHeader = "X-Cap-Key";

    public static void MapCap(this IEndpointRouteBuilder routes)
    {
        // The body is read by hand (any XML media type), after the key is checked: no body binding refuses a caller first.
        routes.MapPost("/api/cap", Receive).WithTags("CAP").AllowAnonymous().ProducesRefusals()
            .WithDescription("Body: one CAP 1.2 message (application/cap+xml), signed with an enveloped XML signature; header X-Cap-Key: the source's key.")
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        var admin = routes.MapGroup("/api/cap").WithTags("CAP").RequireAuthorization(Policies.Administrator).ProducesRefusals();
        admin.MapGet("/sources", Sources);
        admin.MapPost("/sources", AddSource);
        admin.MapGet("/rules", Rules);
        admin.MapPost("/rules", AddRule);
    }

    /// <summary>A signed CAP message from a known source: 201 with the alert raised, 200 for a Cancel; refused otherwise, with nothing changed.</summary>
    static async Task<Results<Created<CapOutcome>, Ok<CapOutcome>, ProblemHttpResult>> Receive(HttpRequest request, CapService cap, CancellationToken ct)
    {
        if (request.Headers[KeyHeader].ToString() is not { Length: > 0 } key || await cap.FindSourceAsync(key, ct) is not { } source)
        {
            return TypedResults.Problem($"Une source CAP s'authentifie par sa clé dans l'en-tête {KeyHeader}.", statusCode: StatusCodes.Status401Unauthorized,
                extensions: new Dictionary<string, object?> { ["code"] = "unauthenticated" });
        }

        if (request.ContentLength > CapDocument.MaxCharacters * 4L)
        {
            return TypedResults.Problem("Un message CAP pèse 1 Mo au plus.", statusCode: StatusCodes.Status413PayloadTooLarge,
                extensions: new Dictionary<string, object?> { ["code"] = "cap-too-large" });
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[CapDocument.MaxCharacters + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > CapDocument.MaxCharacters)
        {
            return TypedResults.Problem("Un message CAP pèse 1 Mo au plus.", statusCode: StatusCodes.Status413PayloadTooLarge,
                extensions: new Dictionary<string, object?> { ["code"] = "cap-too-large" });
        }

        var outcome = await cap.ReceiveAsync(source, new string(buffer, 0, read), ct);
        return outcome.MsgType == "Cancel" ? TypedResults.Ok(outcome) : TypedResults.Created($"/api/alerts/{outcome.AlertId}", outcome);
    }

    static async Task<Ok<List<CapSourceSummary>>> Sources(CapService cap, CancellationToken ct) => TypedResults.Ok(await cap.ListSourcesAsync(ct));

    /// <summary>Adds a source; its key is in this answer only.</summary>
    static async Task<Created<CreatedCapSource>> AddSource(NewCapSource source, HttpResponse response, CapService cap, CancellationToken ct)
    {
        var created = await cap.AddSourceAsync(source, ct);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/cap/sources/{created.Id}", created);
    }

    static async Task<Ok<List<CapRule>>> Rules(CapService cap, CancellationToken ct) => TypedResults.Ok(await cap.ListRulesAsync(ct));

    static async Task<Created<CapRule>> AddRule(NewCapRule rule, CapService cap, CancellationToken ct) =>
        TypedResults.Created("/api/cap/rules", await cap.AddRuleAsync(rule with { Targets = rule.Targets ?? [] }, ct));
}
