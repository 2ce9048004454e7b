using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Audit;
using Signage.Core.Sites;
using Signage.Server.Accounts;

namespace Signage.Server.Audit;

public sealed record AuditLine(long Id, DateTimeOffset At, string Actor, string Action, Guid? SubjectId, string? Details);

public sealed record AuditLines(IReadOnlyList<AuditLine> Entries, int Total, int Page, int PageSize);

/// <summary>The audit log for Administrators: a page as JSON, or everything the filters select as CSV.</summary>
public static class AuditApi
{
    static readonly TimeZoneInfo Paris = Site.DefaultZone;

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Administrator).ProducesRefusals();
        group.MapGet("", Search);
        group.MapGet("/csv", Csv).Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return group;
    }

    static async Task<Ok<AuditLines>> Search(
        string? actor, string? kind, Guid? subject, DateOnly? from, DateOnly? until, int? page, int? pageSize, AuditLog log, CancellationToken ct)
    {
        var found = await log.SearchAsync(new AuditQuery(actor, kind, subject, from, until), page ?? 1, pageSize ?? 50, ct);
        return TypedResults.Ok(new AuditLines(
            [.. found.Entries.Select(e => new AuditLine(e.Id, e.At, e.Actor, e.Action, e.SubjectId, e.Details))], found.Total, found.Page, found.PageSize));
    }

    /// <summary>French spreadsheet conventions (<see cref="FrenchCsv"/>), Paris wall-clock time beside the UTC instant.</summary>
    static async Task Csv(HttpContext http, string? actor, string? kind, Guid? subject, DateOnly? from, DateOnly? until, AuditLog log, CancellationToken ct)
    {
        var query = new AuditQuery(actor, kind, subject, from, until);
        // Validate before the first byte: a refusal must still become a ProblemDetails, not a cut-off file.
        AuditLog.Validate(query);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"journal-signage.csv\"";
        await using var writer = FrenchCsv.Writer(http.Response.Body);
        await writer.WriteLineAsync("Date (Paris);Instant (UTC);Personne;Action;Objet;Détails");
        await foreach (var entry in log.AllAsync(query, ct))
        {
            var paris = TimeZoneInfo.ConvertTime(entry.At, Paris);
            await writer.WriteLineAsync(string.Join(';',
                FrenchCsv.Cell(paris.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture)),
                FrenchCsv.Cell(entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                FrenchCsv.Cell(entry.Actor),
                FrenchCsv.Cell(entry.Action),
                FrenchCsv.Cell(entry.SubjectId?.ToString() ?? ""),
                FrenchCsv.Cell(entry.Details ?? "")));
        }
    }
}
