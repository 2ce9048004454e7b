using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Scheduling;
using Signage.TestSupport;

namespace Signage.Server.Tests;

public class SiteApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    static readonly object[] MondayMorning = [new { day = "Monday", open = "08:30:00", close = "12:00:00" }];
    static readonly object[] Backwards = [new { day = "Monday", open = "18:00:00", close = "08:00:00" }];

    [Fact]
    public async Task AdministratorSetsHoursAndTheScreensPowerPlanFollows()
    {
        var (screen, _) = await server.ScreenAsync("Site hours");
        var siteId = await server.WithAsync(async s => (await s.GetRequiredService<Signage.Core.Data.SignageDb>().Screens.FindAsync(screen.Screen.Id))!.SiteId);
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var response = await admin.PutAsJsonAsync($"/api/sites/{siteId}/hours", new { hours = MondayMorning, closedOnPublicHolidays = false });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var power = (await server.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screen.Screen.Id)))!.Body.Power!;
        Assert.Equal(DayOfWeek.Monday, Assert.Single(power.Hours).Day);
        Assert.Empty(power.ClosedDays);
        var audit = await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().AuditEntries
            .SingleAsync(a => a.SubjectId == siteId && a.Action == "site.hours-set"));
        Assert.StartsWith("administrator-", audit.Actor);
        Assert.EndsWith("@mairie.test", audit.Actor);
    }

    [Fact]
    public async Task AdministratorChoosesTheAlsaceMoselleHolidaysByName()
    {
        var (screen, _) = await server.ScreenAsync("Site Alsace");
        var siteId = await server.WithAsync(async s => (await s.GetRequiredService<Signage.Core.Data.SignageDb>().Screens.FindAsync(screen.Screen.Id))!.SiteId);
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var unknown = await admin.PutAsJsonAsync($"/api/sites/{siteId}/hours", new { hours = MondayMorning, holidays = "Bretagne" });
        using var response = await admin.PutAsJsonAsync($"/api/sites/{siteId}/hours", new { hours = MondayMorning, holidays = "AlsaceMoselle" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var power = (await server.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screen.Screen.Id)))!.Body.Power!;
        Assert.Contains(new DateOnly(TestClock.Start.Year, 12, 26), power.ClosedDays);
    }

    [Fact]
    public async Task AdministratorListsAndRemovesClosuresAndAMalformedDateIsRefused()
    {
        var (screen, _) = await server.ScreenAsync("Site closures");
        var siteId = await server.WithAsync(async s => (await s.GetRequiredService<Signage.Core.Data.SignageDb>().Screens.FindAsync(screen.Screen.Id))!.SiteId);
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        var day = $"{TestClock.Start.Year + 1}-02-03";

        using var added = await admin.PostAsJsonAsync($"/api/sites/{siteId}/closures", new { date = day, reason = "Grève" });
        var listed = await admin.GetFromJsonAsync<List<ClosureView>>($"/api/sites/{siteId}/closures");
        using var malformed = await admin.DeleteAsync($"/api/sites/{siteId}/closures/demain");
        using var removed = await admin.DeleteAsync($"/api/sites/{siteId}/closures/{day}");
        using var again = await admin.DeleteAsync($"/api/sites/{siteId}/closures/{day}");

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal(new ClosureView(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "Grève"), Assert.Single(listed!));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    sealed record ClosureView(DateOnly Date, string Reason);

    [Fact]
    public async Task BackwardHoursAreAValidationProblemAndPublishersMayNotChangeHours()
    {
        var (screen, _) = await server.ScreenAsync("Site bad hours");
        var siteId = await server.WithAsync(async s => (await s.GetRequiredService<Signage.Core.Data.SignageDb>().Screens.FindAsync(screen.Screen.Id))!.SiteId);
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        using var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var bad = await admin.PutAsJsonAsync($"/api/sites/{siteId}/hours", new { hours = Backwards });
        using var denied = await publisher.PostAsJsonAsync($"/api/sites/{siteId}/closures", new { date = "2026-12-24", reason = "Pont" });
        using var unknown = await admin.PostAsJsonAsync($"/api/sites/{Guid.NewGuid()}/closures", new { date = "2026-12-24", reason = "Pont" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
