using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Signage.Contracts.Manifests;
using Signage.Core.Accounts;
using Signage.Core.Scheduling;

namespace Signage.Server.Tests;

public class PreviewApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task PreviewSaysWhatAScreenShowsAtAnInstantAndWhy()
    {
        var (screen, group) = await server.ScreenAsync("Preview");
        var announcement = await server.PublishAndRenderAsync(group.Id, "Permanence du maire");
        using var client = await StaffClientAsync();

        var preview = await client.GetFromJsonAsync<ScreenPreview>($"/api/screens/{screen.Screen.Id}/preview?at=2026-11-28T10:42:00%2B01:00", Json);

        Assert.NotNull(preview);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 42, 0, TimeSpan.Zero), preview.At);
        Assert.Equal(announcement.Id, preview.Showing!.ContentId);
        Assert.Equal(Tier.Scheduled, preview.Showing.Tier);
        Assert.Contains("Permanence du maire", preview.Showing.Rule);
        Assert.Contains("Preview", preview.Showing.Rule);
        Assert.True(preview.StartedAt <= preview.At && preview.At < preview.NextAt);
    }

    [Fact]
    public async Task TimelineCoversTheNext24HoursByDefault()
    {
        var (screen, group) = await server.ScreenAsync("Timeline");
        await server.PublishAndRenderAsync(group.Id, "Conseil municipal");
        using var client = await StaffClientAsync();

        var periods = await client.GetFromJsonAsync<List<TimelinePeriod>>($"/api/screens/{screen.Screen.Id}/timeline?from=2026-11-28T00:00:00Z", Json);

        var period = Assert.Single(periods!);
        Assert.Equal(TimeSpan.FromHours(24), period.End - period.Start);
        Assert.StartsWith("Conseil municipal", Assert.Single(period.Rotating).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preview?at=2026-11-28T10:42:00", HttpStatusCode.BadRequest)]
    [InlineData("preview?at=demain", HttpStatusCode.BadRequest)]
    [InlineData("timeline?hours=0", HttpStatusCode.BadRequest)]
    [InlineData("timeline?hours=1000", HttpStatusCode.BadRequest)]
    public async Task BadInstantsAndRangesAreRefusedClearly(string query, HttpStatusCode expected)
    {
        var (screen, _) = await server.ScreenAsync("Bad preview");
        using var client = await StaffClientAsync();

        using var response = await client.GetAsync($"/api/screens/{screen.Screen.Id}/{query}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownScreenIsNotFoundAndAnonymousCallersAreRefused()
    {
        using var staff = await StaffClientAsync();
        using var anonymous = server.CreateClient(new() { AllowAutoRedirect = false });

        using var unknown = await staff.GetAsync($"/api/screens/{Guid.NewGuid()}/preview");
        using var refused = await anonymous.GetAsync($"/api/screens/{Guid.NewGuid()}/preview");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    Task<HttpClient> StaffClientAsync() => server.ClientAsAsync(Roles.Editor);
}
