using System.Net;
using System.Net.Http.Json;
using Signage.Core.Accounts;

namespace Signage.Server.Tests;

public class ContentApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    sealed record Created(Guid Id);

    [Fact]
    public async Task EditorDraftsAndSubmitsButOnlyAPublisherApprovesOrRaisesAlerts()
    {
        var (_, group) = await server.ScreenAsync("Content api");
        using var editor = await server.ClientAsAsync(Roles.Editor);
        using var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var drafted = await editor.PostAsJsonAsync("/api/announcements/drafts", new { title = "Vœux du maire", body = "Le 8 janvier à 18 h 30." });
        var id = (await drafted.Content.ReadFromJsonAsync<Created>())!.Id;
        using var submitted = await editor.PostAsync($"/api/announcements/{id}/submit", null);
        using var editorApproves = await editor.PostAsJsonAsync($"/api/announcements/{id}/approve", new { groupId = group.Id });
        using var editorAlerts = await editor.PostAsJsonAsync("/api/alerts", new { title = "Alerte", body = "", targets = new[] { new { kind = "Group", id = group.Id } } });
        using var approved = await publisher.PostAsJsonAsync($"/api/announcements/{id}/approve", new { groupId = group.Id });
        using var approvedTwice = await publisher.PostAsJsonAsync($"/api/announcements/{id}/approve", new { groupId = group.Id });
        using var unknown = await publisher.PostAsync($"/api/announcements/{Guid.NewGuid()}/submit", null);

        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, editorApproves.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, editorAlerts.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, approvedTwice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task PublisherRaisesAndEndsAnAlert()
    {
        var (_, group) = await server.ScreenAsync("Alert api");
        using var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var raised = await publisher.PostAsJsonAsync("/api/alerts", new { title = "Coupure d'eau", body = "Jusqu'à 16 h.", targets = new[] { new { kind = "Group", id = group.Id } }, minutes = 60 });
        var id = (await raised.Content.ReadFromJsonAsync<Created>())!.Id;
        using var ended = await publisher.PostAsync($"/api/alerts/{id}/end", null);
        using var endedTwice = await publisher.PostAsync($"/api/alerts/{id}/end", null);
        using var noTargets = await publisher.PostAsJsonAsync("/api/alerts", new { title = "Coupure d'eau", body = "" });

        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, endedTwice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTargets.StatusCode);
    }
}
