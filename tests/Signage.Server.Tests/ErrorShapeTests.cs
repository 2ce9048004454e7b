using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core;
using Signage.Core.Accounts;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.TestSupport;

namespace Signage.Server.Tests;

/// <summary>Every refusal is one ProblemDetails shape with a stable code, and a refused request changes nothing.</summary>
public class ErrorShapeTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AnUnknownIdInARouteIsNotFoundEverywhereAndChangesNothing()
    {
        var (_, group) = await server.ScreenAsync("Errors unknown ids");
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        var unknown = Guid.NewGuid();
        var requests = new (string Method, string Url, object? Body)[]
        {
            ("POST", $"/api/announcements/{unknown}/submit", null),
            ("POST", $"/api/announcements/{unknown}/approve", new { groupId = group.Id }),
            ("POST", $"/api/alerts/{unknown}/end", null),
            ("PUT", $"/api/screens/{unknown}/groups", new { groupIds = new[] { group.Id } }),
            ("GET", $"/api/screens/{unknown}/preview", null),
            ("GET", $"/api/screens/{unknown}/timeline", null),
            ("GET", $"/api/media/{unknown}", null),
            ("PUT", $"/api/sites/{unknown}/hours", new { hours = Array.Empty<object>() }),
            ("GET", $"/api/sites/{unknown}/closures", null),
            ("POST", $"/api/sites/{unknown}/closures", new { date = $"{TestClock.Start.Year + 1}-01-02", reason = "Inventaire" }),
            ("DELETE", $"/api/sites/{unknown}/closures/{TestClock.Start.Year + 1}-01-02", null),
        };
        var before = await CountsAsync();

        var answers = new List<string>();
        foreach (var (method, url, body) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await admin.SendAsync(request);
            var problem = await ProblemAsync(response);
            answers.Add($"{method} {url} {(int)response.StatusCode} {Code(problem)}");
        }

        Assert.All(answers, a => Assert.EndsWith(" 404 not-found", a, StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ApprovingTwiceIsAConflictAndValidationProblemsNameTheirFields()
    {
        var (_, group) = await server.ScreenAsync("Errors conflict");
        using var publisher = await server.ClientAsAsync(Roles.Publisher);
        using var drafted = await publisher.PostAsJsonAsync("/api/announcements/drafts", new { title = "Marché de Noël", body = "Place de la mairie." });
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var approved = await publisher.PostAsJsonAsync($"/api/announcements/{id}/approve", new { groupId = group.Id });
        var before = await CountsAsync();

        using var again = await publisher.PostAsJsonAsync($"/api/announcements/{id}/approve", new { groupId = group.Id });
        using var submitted = await publisher.PostAsync($"/api/announcements/{id}/submit", null);
        using var badWeight = await publisher.PostAsJsonAsync("/api/schedules", new { announcementId = id, targets = new[] { new { kind = "Group", id = group.Id } }, weight = 0 });

        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("conflict", Code(await ProblemAsync(again)));
        Assert.Equal(HttpStatusCode.Conflict, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badWeight.StatusCode);
        var validation = await ProblemAsync(badWeight);
        Assert.Equal("validation", Code(validation));
        Assert.StartsWith("Le poids", validation.GetProperty("errors").GetProperty("weight")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string, string> ScheduleBodies => new()
    {
        { """{"targets":[],"weight":"abc"}""", "weight", "nombre entier" },
        { """{"targets":[{"kind":"Group","id":"pas-un-guid"}]}""", "targets[0].id", "identifiant" },
        { """{"targets":[{"kind":"Quartier","id":"6d1f1f4e-0b4e-4a8a-9c39-1b9d2c3e4f50"}]}""", "targets[0].kind", "Site, Group, Screen" },
        { """{"targets":[],"colour":"rouge"}""", "colour", "« colour »" },
        { """{"targets":[null]}""", "targets[0]", "null" },
        { """{"targets":[],"times":[null]}""", "times[0]", "null" },
        { """{"targets":[],"days":[null]}""", "days[0]", "Sunday, Monday" },
        { """{"targets":[],"days":[99]}""", "days[0]", "Sunday, Monday" },
        { """{"targets":[],"tier":7}""", "tier", "Default, Scheduled, Override, Alert" },
        { """{"targets":[],"tier":"7"}""", "tier", "Default, Scheduled, Override, Alert" },
        { """{"targets":[],"from":"demain"}""", "from", "ISO 8601" },
    };

    [Theory]
    [MemberData(nameof(ScheduleBodies))]
    public async Task AScheduleBodyThatDoesNotBindNamesTheFieldInFrenchAndSavesNothing(string body, string field, string hint)
    {
        using var publisher = await server.ClientAsAsync(Roles.Publisher);
        var before = await CountsAsync();

        using var response = await publisher.PostAsync("/api/schedules", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("bad-request", Code(problem));
        var message = Assert.Single(problem.GetProperty("errors").EnumerateObject(), p => p.Name == field).Value[0].GetString();
        Assert.Contains(hint, message, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestWithACode()
    {
        using var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var response = await publisher.PostAsync("/api/schedules", new StringContent("{ pas du json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("bad-request", Code(problem));
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Nulls inside arrays and undefined enum values on every other endpoint that takes them: 400, never 500, nothing saved.</summary>
    [Fact]
    public async Task NullsInArraysAndUndefinedEnumsAreRefusedOnEveryEndpoint()
    {
        var (screen, group) = await server.ScreenAsync("Errors arrays");
        var siteId = await server.WithAsync(async s => (await s.GetRequiredService<SignageDb>().Screens.FindAsync(screen.Screen.Id))!.SiteId);
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        var target = $$"""{"kind":"Group","id":"{{group.Id}}"}""";
        var requests = new (string Method, string Url, string Body, string Field)[]
        {
            ("PUT", $"/api/sites/{siteId}/hours", """{"hours":[null]}""", "hours[0]"),
            ("PUT", $"/api/sites/{siteId}/hours", """{"hours":[{"day":9,"open":"08:00:00","close":"12:00:00"}]}""", "hours[0].day"),
            ("PUT", $"/api/sites/{siteId}/hours", """{"hours":[],"holidays":42}""", "holidays"),
            ("PUT", $"/api/screens/{screen.Screen.Id}/groups", """{"groupIds":[null]}""", "groupIds[0]"),
            ("POST", "/api/ticker", """{"text":"Collecte","targets":[null]}""", "targets[0]"),
            ("POST", "/api/ticker", $$"""{"text":"Collecte","targets":[{{target}}],"audience":5}""", "audience"),
            ("POST", "/api/alerts", """{"title":"Alerte","body":"Évacuation","targets":[null]}""", "targets[0]"),
            ("POST", "/api/alerts", """{"title":"Alerte","body":"Évacuation","targets":[{"kind":9,"id":"6d1f1f4e-0b4e-4a8a-9c39-1b9d2c3e4f50"}]}""", "targets[0].kind"),
            ("POST", "/api/screens", $$"""{"name":"Hall","groupId":"{{group.Id}}","audience":5}""", "audience"),
            ("POST", "/api/announcements/drafts", """{"title":"Titre","body":"Texte","audience":5}""", "audience"),
            ("POST", "/api/announcements/drafts", """{"title":"Titre","body":"Texte","category":42}""", "category"),
        };
        var before = await CountsAsync();

        var answers = new List<string>();
        foreach (var (method, url, body, field) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await admin.SendAsync(request);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? await ProblemAsync(response) : default;
            var named = problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
            answers.Add($"{method} {url} {body} {(int)response.StatusCode} {(named ? "names" : "misses")} {field}");
        }

        Assert.All(answers, a => Assert.Contains(" 400 names ", a, StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>The console calls Core directly, without JSON: the services check enums themselves.</summary>
    [Fact]
    public async Task CoreRefusesUndefinedEnumsFromTheConsoleToo()
    {
        var (screen, group) = await server.ScreenAsync("Errors core enums");
        var announcement = await server.PublishAndRenderAsync(group.Id, "Piscine fermée");
        var siteId = await server.WithAsync(async s => (await s.GetRequiredService<SignageDb>().Screens.FindAsync(screen.Screen.Id))!.SiteId);
        Target[] targets = [new(TargetKind.Group, group.Id)];
        var before = await CountsAsync();

        var tier = await RefusedAsync(s => s.GetRequiredService<ScheduleService>().AddAsync(new NewScheduleEntry(announcement.Id, targets, Tier: (Tier)7)));
        var days = await RefusedAsync(s => s.GetRequiredService<ScheduleService>().AddAsync(new NewScheduleEntry(announcement.Id, targets, Days: [(DayOfWeek)99])));
        var hours = await RefusedAsync(s => s.GetRequiredService<SiteService>().SetOpeningHoursAsync(
            siteId, [new OpeningHours((DayOfWeek)9, new TimeOnly(8, 0), new TimeOnly(12, 0))], true, null));
        var ticker = await RefusedAsync(s => s.GetRequiredService<TickerService>().AddAsync(new NewTickerLine("Collecte", targets, Audience: (Audience)5)));
        var draft = await RefusedAsync(s => s.GetRequiredService<AnnouncementService>().SaveDraftAsync(new DraftAnnouncement("Titre", "Texte", (Audience)5)));
        var published = await RefusedAsync(s => s.GetRequiredService<AnnouncementService>().PublishAsync(new PublishAnnouncement("Titre", "Texte", group.Id, (Audience)5)));

        Assert.Contains("tier", tier.Errors.Keys);
        Assert.Contains("days", days.Errors.Keys);
        Assert.Contains("hours", hours.Errors.Keys);
        Assert.Contains("audience", ticker.Errors.Keys);
        Assert.Contains("audience", draft.Errors.Keys);
        Assert.Contains("audience", published.Errors.Keys);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("timeline?hours=2147483647", "hours")]
    [InlineData("timeline?hours=-5", "hours")]
    [InlineData("timeline?hours=193", "hours")]
    [InlineData("timeline?hours=abc", "hours")]
    [InlineData("timeline?from=9999-12-31T00:00:00Z", "from")]
    [InlineData("timeline?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("preview?at=9999-12-31T23:59:00Z", "at")]
    [InlineData("preview?at=demain", "at")]
    public async Task TimelineAndPreviewRefuseInstantsAndSpansOutOfBounds(string query, string field)
    {
        var (screen, _) = await server.ScreenAsync("Errors bounds");
        using var staff = await server.ClientAsAsync(Roles.Editor);

        using var response = await staff.GetAsync($"/api/screens/{screen.Screen.Id}/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.NotNull(Code(problem));
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), query);
        Assert.DoesNotContain("Failed to bind", messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelineAcceptsEightDaysFromAnyInstantWithinAYear()
    {
        var (screen, _) = await server.ScreenAsync("Errors bounds ok");
        using var staff = await server.ClientAsAsync(Roles.Editor);
        var from = TestClock.Start.AddDays(360).ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await staff.GetAsync($"/api/screens/{screen.Screen.Id}/timeline?from={from}&hours=192");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    async Task<ValidationException> RefusedAsync(Func<IServiceProvider, Task> action) =>
        await Assert.ThrowsAsync<ValidationException>(() => server.WithAsync(async s =>
        {
            await action(s);
            return 0;
        }));

    /// <summary>What a refused request must leave untouched: every table an endpoint writes, and the audit trail.</summary>
    async Task<string> CountsAsync()
    {
        await using var db = server.Database.CreateDb();
        var hours = await db.Sites.Select(s => s.OpeningHours).ToListAsync();
        return string.Join(",",
            await db.AuditEntries.CountAsync(), await db.Announcements.CountAsync(), await db.ScheduleEntries.CountAsync(),
            await db.TickerMessages.CountAsync(), await db.Screens.CountAsync(), await db.SiteClosures.CountAsync(),
            hours.Sum(h => h.Count), await db.MediaItems.CountAsync());
    }

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    static string? Code(JsonElement problem) => problem.TryGetProperty("code", out var code) ? code.GetString() : null;
}
