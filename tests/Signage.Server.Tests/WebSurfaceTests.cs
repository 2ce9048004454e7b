using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Alerts;
using Signage.Core.Scheduling;
using Signage.Server.Security;

namespace Signage.Server.Tests;

/// <summary>Unsafe API requests carried by the sign-in cookie, and the headers of every answer.</summary>
public partial class WebSurfaceTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Theory]
    [InlineData("same-site", "http://localhost:5999")]
    [InlineData("cross-site", "https://evil.example")]
    [InlineData(null, "http://localhost:5999")]
    [InlineData(null, null)]
    public async Task ACookieRequestFromAnotherOriginCannotEndAnAlert(string? fetchSite, string? origin)
    {
        var (alertId, publisher) = await AlertAndPublisherAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{alertId}/end");
        Browser(request, fetchSite, origin);

        using var response = await publisher.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(CrossSiteRequests.Code, problem.GetProperty("code").GetString());
        Assert.True(await IsActiveAsync(alertId));
    }

    [Theory]
    [InlineData("same-origin", null)]
    [InlineData(null, "http://localhost")]
    public async Task ACookieRequestFromTheConsolesOriginEndsTheAlert(string? fetchSite, string? origin)
    {
        var (alertId, publisher) = await AlertAndPublisherAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{alertId}/end");
        Browser(request, fetchSite, origin);

        using var response = await publisher.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await IsActiveAsync(alertId));
    }

    [Fact]
    public async Task ACookieRequestWithoutOriginHeadersEndsTheAlertWithTheSignedInPersonsAntiforgeryToken()
    {
        var (alertId, publisher) = await AlertAndPublisherAsync();
        var form = await publisher.GetStringAsync("/signin");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{alertId}/end");
        Browser(request, null, null);
        request.Headers.Add("RequestVerificationToken", AntiforgeryField().Match(form).Groups[1].Value);

        using var response = await publisher.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await IsActiveAsync(alertId));
    }

    [Fact]
    public async Task ConsolePagesAndTheJobDashboardForbidFramingSniffingAndInlineScript()
    {
        // An Administrator with a second factor: without one, MFA being required, /hangfire leads to enrolment.
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var page = await admin.GetAsync("/signin");
        using var dashboard = await admin.GetAsync("/hangfire");
        using var api = await admin.GetAsync("/api/nimporte-quoi");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        foreach (var answer in new[] { page, dashboard, api })
        {
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", answer.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", answer.Headers.GetValues("Content-Security-Policy").Single());
            // Plain HTTP, no proxy: no HSTS, which would lock browsers out of a server without a certificate.
            Assert.False(answer.Headers.Contains("Strict-Transport-Security"));
        }

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy);
    }

    async Task<(Guid AlertId, HttpClient Publisher)> AlertAndPublisherAsync()
    {
        var (screen, _) = await server.ScreenAsync($"Hall {Guid.NewGuid():N}");
        var alert = await server.WithAsync(s => s.GetRequiredService<AlertService>().RaiseAsync(
            new RaiseAlert("Évacuation", "Sortez par l'issue la plus proche.", [new Target(TargetKind.Screen, screen.Screen.Id)], 30)));
        var publisher = await server.ClientAsAsync(Roles.Publisher);
        // Each request says for itself what a browser would send.
        publisher.DefaultRequestHeaders.Remove("Origin");
        return (alert.Id, publisher);
    }

    Task<bool> IsActiveAsync(Guid alertId) =>
        server.WithAsync(async s => (await s.GetRequiredService<AlertService>().ActiveAsync()).Any(a => a.AlertId == alertId));

    /// <summary>The headers a browser sets itself (no page can forge them).</summary>
    static void Browser(HttpRequestMessage request, string? fetchSite, string? origin)
    {
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>Behind a configured reverse proxy that terminates HTTPS.</summary>
public sealed class ProxiedServerFactory : ServerFactory
{
    public const string Proxy = "10.0.0.5";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Signage:Network:KnownProxies:0"] = Proxy,
    };
}

public class ForwardedHeadersTests(ProxiedServerFactory server) : IClassFixture<ProxiedServerFactory>
{
    [Fact]
    public async Task BehindTheConfiguredProxyHttpsAnswersCarryHstsAndSecureCookies()
    {
        var context = await SignInPageFromAsync(ProxiedServerFactory.Proxy);

        Assert.StartsWith("max-age=", context.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        var cookies = context.Response.Headers.SetCookie.ToArray();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnotherSenderCannotPoseAsHttpsWithForwardedHeaders()
    {
        var context = await SignInPageFromAsync("10.0.0.9");

        Assert.Empty(context.Response.Headers.StrictTransportSecurity.ToString());
        var cookies = context.Response.Headers.SetCookie.ToArray();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    Task<HttpContext> SignInPageFromAsync(string sender) => server.Server.SendAsync(c =>
    {
        c.Request.Method = HttpMethods.Get;
        c.Request.Scheme = "http";
        c.Request.Host = new HostString("signage.mairie.test");
        c.Request.Path = "/signin";
        c.Connection.RemoteIpAddress = IPAddress.Parse(sender);
        c.Request.Headers["X-Forwarded-For"] = "192.0.2.10";
        c.Request.Headers["X-Forwarded-Proto"] = "https";
    });
}
