using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Hub;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Plays;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.Server.Tests;

public class PlayApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    static readonly TimeZoneInfo Paris = Site.DefaultZone;

    sealed record Count(string Key, string Label, int Plays, double Seconds);

    sealed record Report(int Plays, double Seconds, List<Count> ByAnnouncement, List<Count> ByScreen, List<Count> ByDay);

    sealed record Problem(string Code, Dictionary<string, string[]>? Errors);

    [Fact]
    public async Task AFullBatchSentTwiceIsCountedOnce()
    {
        var (screen, _) = await server.ScreenAsync("Plays twice");
        await using var device = await ConnectedAsync(screen.Token);
        var batch = Enumerable.Range(0, PlayRecord.MaxBatch).Select(i => Play(screen.Screen.Id, Guid.NewGuid(), "2026-06-01T08:00:00Z", i * 10, 10)).ToList();

        Assert.Equal(PlayRecord.MaxBatch, await device.InvokeAsync<int>(PlayerHubContract.ReportPlays, batch));
        Assert.Equal(0, await device.InvokeAsync<int>(PlayerHubContract.ReportPlays, batch));
        // A batch overlapping the first (its answer was lost after a new play was journalled) adds only the new one.
        Assert.Equal(1, await device.InvokeAsync<int>(PlayerHubContract.ReportPlays, batch.Skip(1).Append(Play(screen.Screen.Id, Guid.NewGuid(), "2026-06-02T08:00:00Z", 0, 10)).ToList()));

        Assert.Equal(PlayRecord.MaxBatch + 1, await StoredAsync(screen.Screen.Id));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("other-screen")]
    [InlineData("unknown-screen")]
    [InlineData("end-before-start")]
    [InlineData("no-duration")]
    [InlineData("too-long")]
    [InlineData("too-many")]
    public async Task ABatchWithABadPlayIsRefusedWholeAndNothingIsStored(string fault)
    {
        var (screen, _) = await server.ScreenAsync($"Bad plays {fault}");
        var (other, _) = await server.ScreenAsync($"Other screen {fault}");
        await using var device = await ConnectedAsync(screen.Token);
        var good = Play(screen.Screen.Id, Guid.NewGuid(), "2026-06-02T08:00:00Z", 0, 10);
        var id = screen.Screen.Id;
        List<PlayRecord?> batch = fault switch
        {
            "null" => [good, null],
            "other-screen" => [good, Play(other.Screen.Id, Guid.NewGuid(), "2026-06-02T08:00:10Z", 0, 10)],
            "unknown-screen" => [good, Play(Guid.NewGuid(), Guid.NewGuid(), "2026-06-02T08:00:10Z", 0, 10)],
            "end-before-start" => [good, Play(id, Guid.NewGuid(), "2026-06-02T08:00:10Z", 0, -5)],
            "no-duration" => [good, Play(id, Guid.NewGuid(), "2026-06-02T08:00:10Z", 0, 0)],
            "too-long" => [good, Play(id, Guid.NewGuid(), "2026-06-02T08:00:10Z", 0, 25 * 3600)],
            _ => [.. Enumerable.Range(0, PlayRecord.MaxBatch + 1).Select(i => Play(id, Guid.NewGuid(), "2026-06-02T08:00:00Z", i, 1))],
        };

        await Assert.ThrowsAsync<HubException>(() => device.InvokeAsync<int>(PlayerHubContract.ReportPlays, batch));

        Assert.Equal(0, await StoredAsync(screen.Screen.Id));
        Assert.Equal(0, await StoredAsync(other.Screen.Id));
        // The connection stays usable: the player sends its good plays next.
        Assert.Equal(1, await device.InvokeAsync<int>(PlayerHubContract.ReportPlays, new[] { good }));
    }

    [Fact]
    public async Task TheReportCountsPlaysAndSecondsPerAnnouncementScreenAndParisDay()
    {
        var (hall, group) = await server.ScreenAsync("Report hall");
        var lobby = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync("Report lobby", group.Id));
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());
        // July: Paris is UTC+2. 21:30 UTC on the 6th is 23:30 on the 6th in Paris; 22:10 UTC on the 6th is 00:10 on the 7th.
        PlayRecord[] hallPlays =
        [
            Play(hall.Screen.Id, x, "2026-07-06T08:00:00Z", 0, 10),
            Play(hall.Screen.Id, x, "2026-07-06T08:00:00Z", 30, 10),
            Play(hall.Screen.Id, y, "2026-07-06T08:00:00Z", 10, 20),
            Play(hall.Screen.Id, x, "2026-07-06T21:30:00Z", 0, 45.5),
            Play(hall.Screen.Id, y, "2026-07-06T22:10:00Z", 0, 12),
            Play(hall.Screen.Id, x, "2026-07-08T22:00:00Z", 0, 10), // the 9th in Paris: outside the range
        ];
        PlayRecord[] lobbyPlays =
        [
            Play(lobby.Screen.Id, x, "2026-07-07T09:00:00Z", 0, 15),
            Play(lobby.Screen.Id, y, "2026-07-05T21:59:59Z", 0, 30), // 23:59:59 on the 5th in Paris: outside
            Play(lobby.Screen.Id, y, "2026-07-05T22:00:00Z", 0, 30), // midnight on the 6th: inside
        ];
        await ReportAsync(hall.Token, hallPlays);
        await ReportAsync(lobby.Token, lobbyPlays);
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        var report = (await admin.GetFromJsonAsync<Report>("/api/plays?from=2026-07-06&until=2026-07-08"))!;

        // The oracle, from the rules: a play counts on the Paris day it started, the range includes both ends.
        var inRange = hallPlays.Concat(lobbyPlays).Where(p => ParisDay(p.StartedAt) is var d && d >= new DateOnly(2026, 7, 6) && d <= new DateOnly(2026, 7, 8)).ToList();
        Assert.Equal(7, inRange.Count);
        Assert.Equal(inRange.Count, report.Plays);
        Assert.Equal(inRange.Sum(Seconds), report.Seconds, 3);
        Assert.Equal(Totals(inRange, p => p.ContentId.ToString()), Totals(report.ByAnnouncement));
        Assert.Equal(Totals(inRange, p => p.ScreenId.ToString()), Totals(report.ByScreen));
        Assert.Equal(Totals(inRange, p => ParisDay(p.StartedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Totals(report.ByDay));
        Assert.Equal(["2026-07-06", "2026-07-07"], report.ByDay.Select(d => d.Key));
        Assert.Equal(["Report lobby", "Hall"], report.ByScreen.OrderBy(s => s.Plays).Select(s => s.Label));
    }

    [Fact]
    public async Task TheCsvOpensInAFrenchSpreadsheetWithOneLinePerDayScreenAndAnnouncement()
    {
        var (screen, _) = await server.ScreenAsync("Csv plays");
        var content = Guid.NewGuid();
        await ReportAsync(screen.Token,
            Play(screen.Screen.Id, content, "2026-08-03T07:00:00Z", 0, 10),
            Play(screen.Screen.Id, content, "2026-08-03T07:00:00Z", 20, 2.5),
            Play(screen.Screen.Id, content, "2026-08-04T07:00:00Z", 0, 60));
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var response = await admin.GetAsync("/api/plays/csv?from=2026-08-03&until=2026-08-04");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var site = await server.WithAsync(s => s.GetRequiredService<SignageDb>().Sites.Where(x => x.Id == screen.Screen.SiteId).Select(x => x.Name).SingleAsync());
        Assert.Equal(
        [
            "Jour;Site;Écran;Annonce;Diffusions;Durée affichée (s)",
            $"03/08/2026;{site};Hall;{content};2;12,5",
            $"04/08/2026;{site};Hall;{content};1;60",
        ], lines);
    }

    [Fact]
    public async Task AScopedPublisherCountsOnlyThePlaysOfTheirSites()
    {
        var (home, group) = await server.ScreenAsync("Scope home");
        var library = await server.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Médiathèque {Guid.NewGuid():N}", Site.DefaultTimeZone));
        var away = await server.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Médiathèque hall", group.Id, library.Id)));
        await ReportAsync(home.Token, Play(home.Screen.Id, Guid.NewGuid(), "2026-09-01T08:00:00Z", 0, 10));
        await ReportAsync(away.Token, Play(away.Screen.Id, Guid.NewGuid(), "2026-09-01T08:00:00Z", 0, 10), Play(away.Screen.Id, Guid.NewGuid(), "2026-09-01T09:00:00Z", 0, 10));
        using var scoped = await server.ClientAsAsync(Roles.Publisher, library.Id);
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        var mine = (await scoped.GetFromJsonAsync<Report>("/api/plays?from=2026-09-01&until=2026-09-01"))!;
        Assert.Equal(2, mine.Plays);
        Assert.Equal(["Médiathèque hall"], mine.ByScreen.Select(s => s.Label));
        using var csv = await scoped.GetAsync("/api/plays/csv?from=2026-09-01&until=2026-09-01");
        Assert.DoesNotContain(";Hall;", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var outside = await scoped.GetAsync($"/api/plays?from=2026-09-01&until=2026-09-01&siteId={home.Screen.SiteId}");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal("outside-your-sites", (await outside.Content.ReadFromJsonAsync<Problem>())!.Code);
        using var outsideCsv = await scoped.GetAsync($"/api/plays/csv?from=2026-09-01&until=2026-09-01&siteId={home.Screen.SiteId}");
        Assert.Equal(HttpStatusCode.Forbidden, outsideCsv.StatusCode);

        Assert.Equal(3, (await admin.GetFromJsonAsync<Report>("/api/plays?from=2026-09-01&until=2026-09-01"))!.Plays);
        Assert.Equal(1, (await admin.GetFromJsonAsync<Report>($"/api/plays?from=2026-09-01&until=2026-09-01&siteId={home.Screen.SiteId}"))!.Plays);
    }

    [Theory]
    [InlineData("/api/plays?until=2026-09-01", "from")]
    [InlineData("/api/plays?from=2026-09-01", "until")]
    [InlineData("/api/plays?from=2026-09-02&until=2026-09-01", "until")]
    [InlineData("/api/plays?from=2025-01-01&until=2026-09-01", "until")]
    [InlineData("/api/plays/csv?from=2026-09-02&until=2026-09-01", "until")]
    [InlineData("/api/plays?from=2026-09-01&until=2026-09-01&siteId=8d7e5a3c-2c46-4a8e-9b1e-3f4c2a1b0c9d", "siteId")]
    [InlineData("/api/plays?from=hier&until=2026-09-01", "from")]
    public async Task AReportThatCannotBeAnsweredIsABadRequestNamingTheField(string address, string field)
    {
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var response = await admin.GetAsync(address);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Problem>())!;
        Assert.Contains(field, problem.Errors!.Keys);
    }

    [Fact]
    public async Task TheRetentionJobPurgesPlaysOlderThanTheSettingAndKeepsTheOthers()
    {
        var (screen, _) = await server.ScreenAsync("Retention plays");
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var old = Play(screen.Screen.Id, Guid.NewGuid(), now.AddDays(-401).ToString("O", CultureInfo.InvariantCulture), 0, 10);
        var kept = Play(screen.Screen.Id, Guid.NewGuid(), now.AddDays(-399).ToString("O", CultureInfo.InvariantCulture), 0, 10);
        await ReportAsync(screen.Token, old, kept);

        var purged = await server.WithAsync(s => s.GetRequiredService<PlayRetentionJob>().RunAsync(CancellationToken.None));

        Assert.True(purged >= 1);
        var left = await server.WithAsync(s => s.GetRequiredService<SignageDb>().Plays.Where(p => p.ScreenId == screen.Screen.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal([kept.Id], left);
        Assert.True(await server.WithAsync(s => s.GetRequiredService<SignageDb>().AuditEntries.AnyAsync(a => a.Action == "plays.purged")));
    }

    static PlayRecord Play(Guid screenId, Guid contentId, string at, double offsetSeconds, double seconds)
    {
        var start = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture).AddSeconds(offsetSeconds);
        return new PlayRecord(Guid.NewGuid(), screenId, Guid.NewGuid(), contentId, 1, start, start.AddSeconds(seconds));
    }

    static DateOnly ParisDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    static double Seconds(PlayRecord p) => (p.EndedAt - p.StartedAt).TotalSeconds;

    static List<(string, int, double)> Totals(IEnumerable<PlayRecord> plays, Func<PlayRecord, string> key) =>
        [.. plays.GroupBy(key).Select(g => (g.Key, g.Count(), Math.Round(g.Sum(Seconds), 3))).OrderBy(t => t.Key, StringComparer.Ordinal)];

    static List<(string, int, double)> Totals(IEnumerable<Count> counts) =>
        [.. counts.Select(c => (c.Key, c.Plays, Math.Round(c.Seconds, 3))).OrderBy(t => t.Item1, StringComparer.Ordinal)];

    async Task<HubConnection> ConnectedAsync(string token)
    {
        var connection = server.PlayerConnection(token);
        await connection.StartAsync();
        return connection;
    }

    async Task ReportAsync(string token, params PlayRecord[] plays)
    {
        await using var device = await ConnectedAsync(token);
        Assert.Equal(plays.Length, await device.InvokeAsync<int>(PlayerHubContract.ReportPlays, plays));
    }

    Task<int> StoredAsync(Guid screenId) =>
        server.WithAsync(s => s.GetRequiredService<SignageDb>().Plays.CountAsync(p => p.ScreenId == screenId));
}
