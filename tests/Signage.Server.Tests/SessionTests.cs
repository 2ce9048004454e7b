using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;

namespace Signage.Server.Tests;

/// <summary>A session lives on the server: once it ends, the cookie that stood for it opens nothing, on any node.</summary>
public class SessionTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AfterSignOutTheOldCookieIsRefused()
    {
        var (_, email, _) = await server.PersonAsync(Roles.Publisher);
        var cookie = await server.SessionCookieAsync(email, ServerFactory.StaffPassword);
        using var browser = server.ClientWithCookie(cookie);
        using var before = await browser.GetAsync("/api/alerts");

        using var signOut = await browser.PostAsync("/account/signout", null);
        using var replayed = server.ClientWithCookie(cookie);
        using var api = await replayed.GetAsync("/api/alerts");
        using var page = await replayed.GetAsync("/alerts");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task DisablingAPersonEndsTheirSessionsAtOnceAndTheirSignInIsRefused()
    {
        var (_, _, admin) = await server.PersonAsync(Roles.Administrator);
        var (id, email, publisher) = await server.PersonAsync(Roles.Publisher);
        using var before = await publisher.GetAsync("/api/alerts");

        using var disabled = await admin.PostAsync($"/api/users/{id}/disable", null);
        using var after = await publisher.GetAsync("/api/alerts");
        using var browser = server.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await SignInTests.SignInAsync(browser, email, ServerFactory.StaffPassword);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", await signIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ADemotedPublisherLosesTheAlertsAtTheirNextSignIn()
    {
        var (_, _, admin) = await server.PersonAsync(Roles.Administrator);
        var (id, email, publisher) = await server.PersonAsync(Roles.Publisher);

        using var demoted = await admin.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { Roles.Editor } });
        using var oldSession = await publisher.GetAsync("/api/alerts");
        using var browser = server.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await SignInTests.SignInAsync(browser, email, ServerFactory.StaffPassword);
        using var newSession = await browser.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.NoContent, demoted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, newSession.StatusCode);
    }

    [Fact]
    public async Task AnAdministratorSeesAPersonsSessionsAndEndingOneSignsOutThatBrowserOnly()
    {
        var (_, _, admin) = await server.PersonAsync(Roles.Administrator);
        var (id, email, first) = await server.PersonAsync(Roles.Editor);
        var firstSession = Assert.Single(await admin.GetFromJsonAsync<List<SessionSummary>>($"/api/users/{id}/sessions") ?? []);
        using var second = server.ClientWithCookie(await server.SessionCookieAsync(email, ServerFactory.StaffPassword));

        var sessions = await admin.GetFromJsonAsync<List<SessionSummary>>($"/api/users/{id}/sessions");
        var secondSession = Assert.Single(sessions!, s => s.Id != firstSession.Id);
        using var end = await admin.DeleteAsync($"/api/users/{id}/sessions/{secondSession.Id}");
        using var endedAgain = await admin.DeleteAsync($"/api/users/{id}/sessions/{secondSession.Id}");
        using var secondAfter = await second.GetAsync($"/api/screens/{Guid.NewGuid()}/preview");
        using var firstAfter = await first.GetAsync($"/api/screens/{Guid.NewGuid()}/preview");

        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, endedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, secondAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, firstAfter.StatusCode);
        Assert.True(secondSession.CreatedAt <= secondSession.LastSeenAt);
    }
}
