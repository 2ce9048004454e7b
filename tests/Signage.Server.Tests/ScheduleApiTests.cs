using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;

namespace Signage.Server.Tests;

public class ScheduleApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    static readonly string[] TuesdayAndThursday = ["Tuesday", "Thursday"];

    [Fact]
    public async Task PublisherAddsAnOfficeHoursRuleAndTheScreenGetsIt()
    {
        var (screen, group) = await server.ScreenAsync("Schedule ok");
        var announcement = await server.PublishAndRenderAsync(group.Id, "Permanence impôts");
        using var client = await server.ClientAsAsync(Roles.Publisher);

        using var response = await client.PostAsJsonAsync("/api/schedules", new
        {
            announcementId = announcement.Id,
            targets = new[] { new { kind = "Screen", id = screen.Screen.Id } },
            days = TuesdayAndThursday,
            times = new[] { new { start = "09:00:00", end = "12:00:00" } },
            tier = "Override",
            weight = 2,
            durationSeconds = 12,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var manifest = (await server.WithAsync(s => s.GetRequiredService<Signage.Core.Scheduling.ManifestService>().CurrentAsync(screen.Screen.Id)))!;
        Assert.Equal(2, manifest.Body.Items.Count);
        Assert.Contains(manifest.Body.Items, i => i.Tier == Signage.Contracts.Manifests.Tier.Override && i.Weight == 2 && i.Window!.Days!.Count == 2);
    }

    [Fact]
    public async Task BadRuleIsAValidationProblemNamingTheFieldAndNothingIsSaved()
    {
        var (_, group) = await server.ScreenAsync("Schedule bad");
        var announcement = await server.PublishAndRenderAsync(group.Id, "Fête de la musique");
        using var client = await server.ClientAsAsync(Roles.Publisher);
        await using var db = server.Database.CreateDb();
        var before = await db.ScheduleEntries.CountAsync();

        using var response = await client.PostAsJsonAsync("/api/schedules", new
        {
            announcementId = announcement.Id,
            targets = new[] { new { kind = "Group", id = group.Id } },
            from = "2026-06-21T20:00:00+02:00",
            until = "2026-06-21T18:00:00+02:00",
            days = Array.Empty<string>(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("until", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("days", out _));
        Assert.Equal(before, await db.ScheduleEntries.CountAsync());
    }

    [Fact]
    public async Task PublisherAddsATickerLineThatReachesTheScreen()
    {
        var (screen, group) = await server.ScreenAsync("Ticker ok");
        using var client = await server.ClientAsAsync(Roles.Publisher);

        using var created = await client.PostAsJsonAsync("/api/ticker", new { text = "Collecte des encombrants jeudi", targets = new[] { new { kind = "Group", id = group.Id } } });
        using var refused = await client.PostAsJsonAsync("/api/ticker", new { text = "", targets = new[] { new { kind = "Group", id = group.Id } } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var manifest = (await server.WithAsync(s => s.GetRequiredService<Signage.Core.Scheduling.ManifestService>().CurrentAsync(screen.Screen.Id)))!;
        Assert.Equal("Collecte des encombrants jeudi", Assert.Single(manifest.Body.Ticker!).Text);
    }

    [Fact]
    public async Task EditorsCannotScheduleAndMalformedJsonIsRefused()
    {
        using var editor = await server.ClientAsAsync(Roles.Editor);
        using var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var denied = await editor.PostAsJsonAsync("/api/schedules", new { announcementId = Guid.NewGuid() });
        using var malformed = await publisher.PostAsync("/api/schedules", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}
