using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Audit;
using Signage.Core.Data;

namespace Signage.Server.Tests;

public class AuditApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    sealed record Line(long Id, DateTimeOffset At, string Actor, string Action, Guid? SubjectId, string? Details);

    sealed record Lines(List<Line> Entries, int Total, int Page, int PageSize);

    [Fact]
    public async Task AnAdministratorFindsAPersonsActionsOnOneKindOfObjectBetweenTwoParisDays()
    {
        var actor = $"agent-{Guid.NewGuid():N}@mairie.test";
        // Paris is UTC+1 until 29 March 2026 02:00: 23:30 UTC on the 28th is 00:30 on the 29th in Paris.
        await SeedAsync(
            new(actor, "announcement.published", "2026-03-28T22:59:00Z", "la veille, 23 h 59 à Paris"),
            new(actor, "announcement.published", "2026-03-28T23:30:00Z", "le 29, 0 h 30 à Paris"),
            new(actor, "site.hours-set", "2026-03-29T08:00:00Z", "autre objet"),
            new(actor, "announcement.submitted", "2026-03-30T21:59:00Z", "le 30, 23 h 59 à Paris (UTC+2)"),
            new(actor, "announcement.approved", "2026-03-30T22:00:00Z", "le 31, minuit à Paris"),
            new("quelqu-un-d-autre@mairie.test", "announcement.published", "2026-03-29T09:00:00Z", "autre personne"));
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        var found = await admin.GetFromJsonAsync<Lines>($"/api/audit?actor={Uri.EscapeDataString(actor)}&kind=announcement&from=2026-03-29&until=2026-03-30");

        Assert.Equal(2, found!.Total);
        Assert.Equal(["le 30, 23 h 59 à Paris (UTC+2)", "le 29, 0 h 30 à Paris"], found.Entries.Select(e => e.Details));
    }

    [Fact]
    public async Task TheCsvExportOpensInAFrenchSpreadsheetAndNeverRunsAFormula()
    {
        var actor = $"agent-{Guid.NewGuid():N}@mairie.test";
        await SeedAsync(
            new(actor, "announcement.published", "2026-07-14T08:05:09Z", "=HYPERLINK(\"http://example.test\")"),
            new(actor, "site.closure-added", "2026-07-15T10:00:00Z", "2026-07-16; grève"));
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var response = await admin.GetAsync($"/api/audit/csv?actor={Uri.EscapeDataString(actor)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).SelectMany(l => l).ToList();
        Assert.Equal("Date (Paris);Instant (UTC);Personne;Action;Objet;Détails", lines[0]);
        Assert.Equal($"15/07/2026 12:00:00;2026-07-15T10:00:00Z;{actor};site.closure-added;;\"2026-07-16; grève\"", lines[1]);
        Assert.Equal($"14/07/2026 10:05:09;2026-07-14T08:05:09Z;{actor};announcement.published;;\"'=HYPERLINK(\"\"http://example.test\"\")\"", lines[2]);
        Assert.Equal(3, lines.Count);
    }

    [Theory]
    [InlineData(Roles.Publisher)]
    [InlineData(Roles.Editor)]
    public async Task OnlyAdministratorsReadTheLog(string role)
    {
        using var staff = await server.ClientAsAsync(role);
        using var anonymous = server.CreateClient(new() { AllowAutoRedirect = false });

        using var page = await staff.GetAsync("/api/audit");
        using var csv = await staff.GetAsync("/api/audit/csv");
        using var nobody = await anonymous.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
    }

    [Theory]
    [InlineData("from=2026-13-45", "from")]
    [InlineData("from=2026-03-30&until=2026-03-29", "until")]
    [InlineData("kind=chaussettes", "kind")]
    [InlineData("subject=pas-un-guid", "subject")]
    public async Task ABadFilterIsRefusedWithItsFieldNamedAndNoFileIsSent(string query, string field)
    {
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        foreach (var path in new[] { "/api/audit", "/api/audit/csv" })
        {
            using var response = await admin.GetAsync($"{path}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task APageLargerThanTheLimitIsRefused()
    {
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var response = await admin.GetAsync("/api/audit?pageSize=100000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _), problem.ToString());
    }

    sealed record Seed(string Actor, string Action, string At, string Details);

    Task<int> SeedAsync(params Seed[] entries) => server.WithAsync(async s =>
    {
        var db = s.GetRequiredService<SignageDb>();
        db.AuditEntries.AddRange(entries.Select(e => new AuditEntry
        {
            Actor = e.Actor,
            Action = e.Action,
            At = DateTimeOffset.Parse(e.At, System.Globalization.CultureInfo.InvariantCulture),
            Details = e.Details,
        }));
        return await db.SaveChangesAsync();
    });
}
