using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Sites;
using Signage.Server.Screens;

namespace Signage.Server.Tests;

/// <summary>
/// Every endpoint the application maps and every player hub method, called as each kind of caller, against the table
/// below, written from the rules (who may do what), not from the code. An endpoint missing from the table fails.
/// </summary>
public sealed class AuthorizationMatrixTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    /// <summary>ScopedPublisher: a Publisher scoped to a site other than the one the test's screens stand on.</summary>
    public enum Caller { Anonymous, Device, Editor, Publisher, ScopedPublisher, Administrator }

    /// <summary>Who may call it. "Framework" rows are Blazor's own (the circuit and its scripts) and open to anyone.</summary>
    public enum Access { Anyone, CapSource, Device, SignedIn, Staff, StaffOrDevice, Publisher, Administrator }

    static readonly Dictionary<string, Access> Table = new()
    {
        ["GET /health/live"] = Access.Anyone,
        ["GET /health/ready"] = Access.Anyone,
        ["GET /{**path:file}"] = Access.Anyone, // the console's files from a build output (favicon, styles)
        ["POST /api/cap"] = Access.CapSource, // a CAP source's own key (X-Cap-Key), which none of these callers holds
        ["GET /signin"] = Access.Anyone,
        ["GET /account/oidc"] = Access.Anyone, // starts the OpenID Connect sign-in (not found without a provider)
        ["GET /signin/code"] = Access.Anyone, // the second step, meaningful only with Identity's two-factor cookie
        ["GET /compte/mot-de-passe"] = Access.Anyone, // choosing a password needs the one-time token, not a session
        ["GET /access-denied"] = Access.Anyone,
        ["GET /erreur/{Code:int}"] = Access.Anyone,
        ["GET /_framework/opaque-redirect"] = Access.Anyone,
        // Scalar's own script and icon, the same for everyone; the API description and its page are Administrators' only.
        ["GET /api-reference/scalar.js"] = Access.Anyone,
        ["GET /api-reference/scalar.aspnetcore.js"] = Access.Anyone,
        ["GET /api-reference/favicon.svg"] = Access.Anyone,
        ["GET /_blazor/negotiate"] = Access.Anyone,
        ["GET /_blazor"] = Access.Anyone,
        ["GET /_blazor/disconnect/"] = Access.Anyone,
        ["GET /_blazor/initializers/"] = Access.Anyone,
        // A player with no token waits here for its code and token: anonymous by design, rate-limited per address.
        ["GET /hubs/pairing/negotiate"] = Access.Anyone,
        ["GET /hubs/pairing"] = Access.Anyone,

        ["GET /hubs/player/negotiate"] = Access.Device,
        ["GET /hubs/player"] = Access.Device,
        // A device's own assets only: an asset outside its manifest is refused (the row's asset is nobody's).
        ["GET /api/assets/{sha256}"] = Access.StaffOrDevice,

        ["POST /account/signout"] = Access.SignedIn,
        ["GET /compte/mfa"] = Access.SignedIn,

        ["GET /screens"] = Access.Staff,
        ["GET /medias"] = Access.Staff,
        ["GET /screens/fleet"] = Access.Staff,
        ["GET /screens/{ScreenId:guid}/preview"] = Access.Staff,
        ["GET /api/theme"] = Access.Staff,
        ["GET /api/templates"] = Access.Staff,
        ["GET /api/media/"] = Access.Staff,
        ["GET /api/media/{id:guid}"] = Access.Staff,
        ["POST /api/media/"] = Access.Staff,
        ["PUT /api/media/{id:guid}"] = Access.Staff,
        ["GET /api/media/{id:guid}/uses"] = Access.Staff,
        ["DELETE /api/media/{id:guid}"] = Access.Publisher,
        ["GET /api/screens/{id:guid}/preview"] = Access.Staff,
        ["GET /api/screens/{id:guid}/timeline"] = Access.Staff,
        ["GET /api/screens/"] = Access.Staff, // a scoped person's own sites only
        ["GET /api/groups/"] = Access.Staff,
        ["GET /api/announcements/"] = Access.Staff,
        ["POST /api/announcements/drafts"] = Access.Staff,
        ["POST /api/announcements/{id:guid}/submit"] = Access.Staff,

        ["POST /api/announcements/{id:guid}/approve"] = Access.Publisher,
        ["POST /api/schedules/"] = Access.Publisher,
        ["POST /api/ticker/"] = Access.Publisher,
        ["GET /api/schedules/"] = Access.Publisher,
        ["PUT /api/schedules/{id:guid}"] = Access.Publisher,
        ["DELETE /api/schedules/{id:guid}"] = Access.Publisher,
        ["GET /api/ticker/"] = Access.Publisher,
        ["GET /schedule/week"] = Access.Publisher,
        ["PUT /api/ticker/{id:guid}"] = Access.Publisher,
        ["DELETE /api/ticker/{id:guid}"] = Access.Publisher,
        ["GET /publish"] = Access.Publisher,
        ["GET /schedule"] = Access.Publisher,
        ["GET /announcements"] = Access.Publisher,
        ["GET /announcements/{Id:guid}"] = Access.Publisher,
        ["GET /approvals"] = Access.Publisher,
        ["GET /"] = Access.Staff, // the home page: what plays, what waits, on the caller's sites
        ["GET /drafts"] = Access.Staff, // an Editor's home: write drafts and submit them
        ["GET /alerts"] = Access.Publisher,
        ["GET /api/alerts/"] = Access.Publisher,
        ["GET /api/alerts/templates"] = Access.Publisher,
        ["POST /api/alerts/"] = Access.Publisher,
        ["GET /api/alerts/{id:guid}"] = Access.Publisher,
        ["POST /api/alerts/{id:guid}/end"] = Access.Publisher,

        ["GET /screens/new"] = Access.Administrator,
        ["GET /screens/claim"] = Access.Administrator,
        ["GET /sites"] = Access.Administrator,
        ["GET /theme"] = Access.Administrator,
        ["GET /audit"] = Access.Administrator,
        ["GET /alerts/cap"] = Access.Administrator,
        ["GET /hangfire/{**path}"] = Access.Administrator,
        ["GET /openapi/{documentName}.json"] = Access.Administrator,
        ["GET /api-reference/{documentName?}"] = Access.Administrator,
        ["PUT /api/theme"] = Access.Administrator,
        ["POST /api/screens/"] = Access.Administrator,
        ["PUT /api/screens/{id:guid}/groups"] = Access.Administrator,
        ["PUT /api/screens/{id:guid}"] = Access.Administrator,
        ["DELETE /api/screens/{id:guid}"] = Access.Administrator,
        ["POST /api/screens/{id:guid}/revoke"] = Access.Administrator,
        ["POST /api/groups/"] = Access.Administrator,
        ["PUT /api/groups/{id:guid}"] = Access.Administrator,
        ["DELETE /api/groups/{id:guid}"] = Access.Administrator,
        ["POST /api/pairing/claims"] = Access.Administrator,
        ["GET /api/cap/sources"] = Access.Administrator,
        ["POST /api/cap/sources"] = Access.Administrator,
        ["GET /api/cap/rules"] = Access.Administrator,
        ["POST /api/cap/rules"] = Access.Administrator,
        ["GET /api/sites/"] = Access.Administrator,
        ["POST /api/sites/"] = Access.Administrator,
        ["PUT /api/sites/{id:guid}"] = Access.Administrator,
        ["DELETE /api/sites/{id:guid}"] = Access.Administrator,
        ["PUT /api/sites/{id:guid}/hours"] = Access.Administrator,
        ["GET /api/sites/{id:guid}/closures"] = Access.Administrator,
        ["POST /api/sites/{id:guid}/closures"] = Access.Administrator,
        ["DELETE /api/sites/{id:guid}/closures/{date}"] = Access.Administrator,
        ["GET /api/audit/"] = Access.Administrator,
        ["GET /api/audit/csv"] = Access.Administrator,
        ["GET /plays"] = Access.Staff,
        ["GET /api/plays/"] = Access.Staff,
        ["GET /api/plays/csv"] = Access.Staff,
        ["GET /utilisateurs"] = Access.Administrator,
        ["GET /api/users/"] = Access.Administrator,
        ["POST /api/users/"] = Access.Administrator,
        ["GET /api/users/{id}"] = Access.Administrator,
        ["DELETE /api/users/{id}"] = Access.Administrator,
        ["PUT /api/users/{id}/roles"] = Access.Administrator,
        ["PUT /api/users/{id}/sites"] = Access.Administrator,
        ["POST /api/users/{id}/disable"] = Access.Administrator,
        ["POST /api/users/{id}/enable"] = Access.Administrator,
        ["POST /api/users/{id}/password-reset"] = Access.Administrator,
        ["GET /api/users/{id}/sessions"] = Access.Administrator,
        ["DELETE /api/users/{id}/sessions/{sessionId}"] = Access.Administrator,
    };

    /// <summary>The player hub's methods a device may invoke (its own manifest, its own confirmations, its clock, its report and its plays).</summary>
    static readonly string[] HubMethods = ["AckAlert", "Report", "ReportPlays", "Sync", "Time"];

    [Fact]
    public void EveryEndpointOfTheApplicationIsInTheTableAndEveryRowStillExists()
    {
        var mapped = Endpoints().Select(e => e.Key).ToHashSet();

        Assert.Empty(mapped.Except(Table.Keys).Order());
        Assert.Empty(Table.Keys.Except(mapped).Order());
    }

    [Fact]
    public async Task EachCallerReachesExactlyWhatTheTableAllows()
    {
        var (screen, _) = await server.ScreenAsync("Matrix");
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.Anonymous] = server.CreateClient(new() { AllowAutoRedirect = false }),
            [Caller.Device] = server.CreateClient(new() { AllowAutoRedirect = false }),
            [Caller.Editor] = await server.ClientAsAsync(Roles.Editor),
            [Caller.Publisher] = await server.ClientAsAsync(Roles.Publisher),
            [Caller.ScopedPublisher] = await server.ClientAsAsync(Roles.Publisher, await OtherSiteAsync()),
            [Caller.Administrator] = await server.ClientAsAsync(Roles.Administrator),
        };
        clients[Caller.Device].DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", screen.Token);
        var wrong = new List<string>();
        try
        {
            // Signing out last: it ends the caller's session.
            foreach (var (key, endpoint) in Endpoints().OrderBy(e => e.Key == "POST /account/signout").ThenBy(e => e.Key))
            {
                var access = Table[key];
                foreach (var (caller, client) in clients)
                {
                    using var request = Request(key, endpoint);
                    using var response = await client.SendAsync(request);
                    var expected = Allows(access, caller);
                    var outcome = Outcome(response);
                    if (outcome == Result.Error)
                    {
                        wrong.Add($"{key} as {caller}: {(int)response.StatusCode} (a server error)");
                    }
                    else if ((outcome == Result.Allowed) != expected)
                    {
                        wrong.Add($"{key} as {caller}: {(int)response.StatusCode} {response.Headers.Location}, expected {(expected ? "allowed" : "refused")}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>
    /// The endpoints that act on or read a site's objects, each with a real request aimed at the screen's site: a
    /// Publisher scoped to another site is refused with <c>outside-your-sites</c>, an unscoped Publisher is not.
    /// </summary>
    [Fact]
    public async Task APublisherOfAnotherSiteIsRefusedEverySiteScopedEndpointAndChangesNothing()
    {
        var (screen, group) = await server.ScreenAsync("Matrix scope");
        var siteId = await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().Screens
            .Where(x => x.Id == screen.Screen.Id).Select(x => x.SiteId).SingleAsync());
        var announcement = await server.PublishAndRenderAsync(group.Id, "Matrice");
        using var everywhere = await server.ClientAsAsync(Roles.Publisher);
        using var raised = await everywhere.PostAsJsonAsync("/api/alerts", new { title = "Confinement", body = "Restez à l'intérieur.", targets = new[] { new { kind = "Site", id = siteId } } });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var alertId = JsonDocument.Parse(await raised.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var line = await everywhere.SendAsync(Post("/api/ticker", new { text = "Travaux dans le hall", targets = new[] { new { kind = "Site", id = siteId } } }));
        Assert.Equal(HttpStatusCode.Created, line.StatusCode);
        var lineId = JsonDocument.Parse(await line.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var entryId = await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().ScheduleEntries
            .Where(e => e.AnnouncementId == announcement.Id).Select(e => e.Id).SingleAsync());
        var requests = new Dictionary<string, Func<HttpRequestMessage>>
        {
            ["POST /api/schedules/"] = () => Post("/api/schedules", new { announcementId = announcement.Id, targets = new[] { new { kind = "Group", id = group.Id } } }),
            ["POST /api/ticker/"] = () => Post("/api/ticker", new { text = "Fermeture à 17 h", targets = new[] { new { kind = "Site", id = siteId } } }),
            ["POST /api/alerts/"] = () => Post("/api/alerts", new { title = "Évacuation", body = "Sortez.", targets = new[] { new { kind = "Screen", id = screen.Screen.Id } } }),
            ["POST /api/alerts/{id:guid}/end"] = () => Post($"/api/alerts/{alertId}/end", null),
            ["GET /api/screens/{id:guid}/preview"] = () => new HttpRequestMessage(HttpMethod.Get, $"/api/screens/{screen.Screen.Id}/preview"),
            ["GET /api/screens/{id:guid}/timeline"] = () => new HttpRequestMessage(HttpMethod.Get, $"/api/screens/{screen.Screen.Id}/timeline"),
            ["GET /api/alerts/{id:guid}"] = () => new HttpRequestMessage(HttpMethod.Get, $"/api/alerts/{alertId}"),
            ["GET /api/schedules/"] = () => new HttpRequestMessage(HttpMethod.Get, $"/api/schedules?kind=Group&targetId={group.Id}"),
            ["PUT /api/schedules/{id:guid}"] = () => Send(HttpMethod.Put, $"/api/schedules/{entryId}", new { announcementId = announcement.Id, targets = new[] { new { kind = "Group", id = group.Id } } }),
            ["DELETE /api/schedules/{id:guid}"] = () => Send(HttpMethod.Delete, $"/api/schedules/{entryId}", null),
            ["PUT /api/ticker/{id:guid}"] = () => Send(HttpMethod.Put, $"/api/ticker/{lineId}", new { text = "Hall rouvert", targets = new[] { new { kind = "Site", id = siteId } } }),
            ["DELETE /api/ticker/{id:guid}"] = () => Send(HttpMethod.Delete, $"/api/ticker/{lineId}", null),
            ["GET /api/plays/"] = () => new HttpRequestMessage(HttpMethod.Get, $"/api/plays/?from=2026-06-15&until=2026-06-15&siteId={siteId}"),
            ["GET /api/plays/csv"] = () => new HttpRequestMessage(HttpMethod.Get, $"/api/plays/csv?from=2026-06-15&until=2026-06-15&siteId={siteId}"),
        };
        // Lists: answered, without the other site's objects.
        var lists = new Dictionary<string, (string Path, Guid Hidden)>
        {
            ["GET /api/alerts/"] = ("/api/alerts", alertId),
            ["GET /api/schedules/"] = ($"/api/schedules?announcementId={announcement.Id}", entryId),
            ["GET /api/ticker/"] = ("/api/ticker", lineId),
        };
        Assert.Empty(requests.Keys.Concat(lists.Keys).Except(Table.Keys));
        using var scoped = await server.ClientAsAsync(Roles.Publisher, await OtherSiteAsync());
        var wrong = new List<string>();
        foreach (var (key, (path, hidden)) in lists)
        {
            var seen = await scoped.GetStringAsync(path);
            var seenEverywhere = await everywhere.GetStringAsync(path);
            if (seen.Contains(hidden.ToString(), StringComparison.Ordinal) || !seenEverywhere.Contains(hidden.ToString(), StringComparison.Ordinal))
            {
                wrong.Add($"{key} ({path}): the other site's {hidden} was shown to {Caller.ScopedPublisher}, or not to {Caller.Publisher}");
            }
        }

        var entriesBefore = await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().ScheduleEntries.CountAsync());
        foreach (var (key, request) in requests)
        {
            using var message = request();
            using var response = await scoped.SendAsync(message);
            var code = response.StatusCode == HttpStatusCode.Forbidden
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null
                : null;
            if (code != "outside-your-sites")
            {
                wrong.Add($"{key} as {Caller.ScopedPublisher}: {(int)response.StatusCode} {code}, expected 403 outside-your-sites");
            }
        }

        // Nothing that was refused happened: no entry, ticker line or alert was added, changed or deleted, and the alert is still in force.
        Assert.Equal(entriesBefore, await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().ScheduleEntries.CountAsync()));
        Assert.Equal("Travaux dans le hall", await server.WithAsync(s => s.GetRequiredService<Signage.Core.Data.SignageDb>().TickerMessages
            .Where(m => m.Id == lineId).Select(m => m.Text).SingleAsync()));
        Assert.Contains(await server.WithAsync(s => s.GetRequiredService<Signage.Core.Alerts.AlertService>().ActiveAsync()), a => a.AlertId == alertId);
        foreach (var (key, request) in requests)
        {
            using var message = request();
            using var response = await everywhere.SendAsync(message);
            if (response.StatusCode == HttpStatusCode.Forbidden || (int)response.StatusCode >= 500)
            {
                wrong.Add($"{key} as {Caller.Publisher}: {(int)response.StatusCode}, expected to be let through");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task OnlyADeviceConnectsToThePlayerHubAndItsMethodsAreTheOnesInTheTable()
    {
        var declared = typeof(PlayerHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(PlayerHub)).Select(m => m.Name).Order();
        Assert.Equal(HubMethods, declared);

        var (screen, _) = await server.ScreenAsync("Matrix hub");
        await using (var anonymous = server.PlayerConnection(null))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        }

        await using (var revoked = server.PlayerConnection("not-a-device-token"))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => revoked.StartAsync());
        }

        await using var device = server.PlayerConnection(screen.Token);
        await device.StartAsync();
        Assert.NotNull(await device.InvokeAsync<Signage.Contracts.Manifests.ScreenManifest?>("Sync", 0L));
        Assert.False(await device.InvokeAsync<bool>("AckAlert", Guid.NewGuid()));
        Assert.NotEqual(default, await device.InvokeAsync<DateTimeOffset>("Time"));
        await device.InvokeAsync("Report", new Signage.Contracts.Hub.PlayerReport(null, 1, 0, 0, "matrix", 1, true, 0));
        Assert.Equal(0, await device.InvokeAsync<int>("ReportPlays", Array.Empty<Signage.Contracts.Hub.PlayRecord>()));

        // The anonymous pairing hub offers none of them: a caller with no token reaches the player's methods nowhere.
        await using var pairing = server.PairingConnection();
        await pairing.StartAsync();
        foreach (var method in HubMethods)
        {
            await Assert.ThrowsAsync<HubException>(() => pairing.InvokeAsync(method));
        }
    }

    enum Result { Allowed, Refused, Error }

    /// <summary>A site with no screen: a Publisher scoped to it reaches none of the test's screens.</summary>
    Task<Guid> OtherSiteAsync() =>
        server.WithAsync(async s => (await s.GetRequiredService<SiteService>().CreateSiteAsync($"Autre site {Guid.NewGuid():N}", Site.DefaultTimeZone)).Id);

    /// <summary>A same-origin JSON request, as the console's own pages would send it.</summary>
    static HttpRequestMessage Post(string path, object? body) => Send(HttpMethod.Post, path, body);

    static HttpRequestMessage Send(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return request;
    }

    static bool Allows(Access access, Caller caller) => access switch
    {
        Access.Anyone => true,
        Access.CapSource => false,
        Access.Device => caller == Caller.Device,
        Access.SignedIn or Access.Staff => caller is Caller.Editor or Caller.Publisher or Caller.ScopedPublisher or Caller.Administrator,
        // A device reads only the files its own manifest names: the made-up hash is refused to it.
        Access.StaffOrDevice => caller is Caller.Editor or Caller.Publisher or Caller.ScopedPublisher or Caller.Administrator,
        Access.Publisher => caller is Caller.Publisher or Caller.ScopedPublisher or Caller.Administrator,
        Access.Administrator => caller == Caller.Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    /// <summary>Refused: 401/403, or the console's challenge (a redirect to sign in, with the address to come back to) or access-denied page.</summary>
    static Result Outcome(HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 500)
        {
            return Result.Error;
        }

        var location = response.Headers.Location?.ToString() ?? "";
        return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/signin?ReturnUrl=", StringComparison.Ordinal) || location.Contains("/access-denied", StringComparison.Ordinal)))
            ? Result.Refused
            : Result.Allowed;
    }

    /// <summary>The request a console page would send (same origin), with made-up ids and an empty JSON body.</summary>
    static HttpRequestMessage Request(string key, RouteEndpoint endpoint)
    {
        var method = key[..key.IndexOf(' ')];
        var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => Value(parameter.Name),
            _ => "",
        }))));
        if (endpoint.RoutePattern.RawText?.EndsWith('/') == true && !path.EndsWith('/'))
        {
            path += "/";
        }

        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("//", "/", StringComparison.Ordinal));
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    static string Value(string parameter) => parameter switch
    {
        "id" or "ScreenId" => Guid.NewGuid().ToString(),
        "sha256" => new string('0', 64),
        "date" => "2030-01-01",
        "Code" => "404",
        "documentName" => "v1",
        "path" => "favicon.svg",
        "sessionId" => "0123456789abcdef",
        _ => "",
    };

    /// <summary>The application's endpoints as "METHOD /route", without the console's static files (public by design).</summary>
    IEnumerable<(string Key, RouteEndpoint Endpoint)> Endpoints() =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Select(e => (Key(e), e))
            .DistinctBy(e => e.Item1);

    static string Key(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var method = methods is null || methods.Count == 0 ? "GET" : methods[0];
        return $"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";
    }
}
