using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Plays;
using Signage.Server.Accounts;

namespace Signage.Server.Plays;

/// <summary>Proof of play for staff, within their sites: counts per announcement, screen and day, as JSON or CSV.</summary>
public static class PlayApi
{
    static readonly NumberFormatInfo Decimals = new() { NumberDecimalSeparator = "," };

    public static RouteGroupBuilder MapPlays(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/plays").WithTags("Plays").RequireAuthorization(Policies.Staff).ProducesRefusals();
        group.MapGet("", Report);
        group.MapGet("/csv", Csv).Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return group;
    }

    static async Task<Ok<PlayReport>> Report(DateOnly? from, DateOnly? until, Guid? siteId, PlayService plays, CancellationToken ct) =>
        TypedResults.Ok(await plays.ReportAsync(new PlayQuery(from, until, siteId), ct));

    /// <summary>One line per Paris day, screen and announcement, in French spreadsheet conventions (<see cref="FrenchCsv"/>).</summary>
    static async Task Csv(HttpContext http, DateOnly? from, DateOnly? until, Guid? siteId, PlayService plays, CancellationToken ct)
    {
        // Read (and refused) before the first byte: a refusal must still become a ProblemDetails, not a cut-off file.
        var report = await plays.ReportAsync(new PlayQuery(from, until, siteId), ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"diffusions-signage.csv\"";
        await using var writer = FrenchCsv.Writer(http.Response.Body);
        await writer.WriteLineAsync("Jour;Site;Écran;Annonce;Diffusions;Durée affichée (s)");
        foreach (var row in report.Rows)
        {
            await writer.WriteLineAsync(string.Join(';',
                FrenchCsv.Cell(row.Day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
                FrenchCsv.Cell(row.SiteName ?? row.SiteId.ToString()),
                FrenchCsv.Cell(row.ScreenName ?? row.ScreenId.ToString()),
                FrenchCsv.Cell(row.Title ?? row.ContentId.ToString()),
                row.Plays.ToString(CultureInfo.InvariantCulture),
                Math.Round(row.Seconds, 1).ToString("0.#", Decimals)));
        }
    }
}
