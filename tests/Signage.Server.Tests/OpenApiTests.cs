using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;

namespace Signage.Server.Tests;

/// <summary>The API describes itself, for Administrators, from the endpoints actually mapped.</summary>
public partial class OpenApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task TheDocumentListsEveryApiEndpointWithItsResponseCodes()
    {
        using var admin = await server.ClientAsAsync(Roles.Administrator);

        using var response = await admin.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var endpoints = ApiEndpoints();
        Assert.NotEmpty(endpoints);
        var missing = new List<string>();
        foreach (var (endpoint, path, method) in endpoints)
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                missing.Add($"{method} {path}");
                continue;
            }

            var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            var declared = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(m => m.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            missing.AddRange(declared.Concat(["400", "401", "403"]).Where(code => !documented.Contains(code)).Select(code => $"{method} {path} {code}"));
            if (!documented.Any(code => code.StartsWith('2')))
            {
                missing.Add($"{method} {path} 2xx");
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task UnknownIdsAndConflictsAreDocumented()
    {
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        var paths = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        string[] Codes(string path, string method) => [.. paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name)];

        Assert.Contains("404", Codes("/api/announcements/{id}/approve", "post"));
        Assert.Contains("409", Codes("/api/announcements/{id}/approve", "post"));
        Assert.Contains("404", Codes("/api/sites/{id}/closures/{date}", "delete"));
        Assert.Contains("201", Codes("/api/schedules", "post"));
    }

    [Fact]
    public async Task OnlyAdministratorsReadTheDocumentAndTheReference()
    {
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        using var publisher = await server.ClientAsAsync(Roles.Publisher);
        using var anonymous = server.CreateClient(new() { AllowAutoRedirect = false });

        using var reference = await admin.GetAsync("/api-reference/");
        using var publisherDocument = await publisher.GetAsync("/openapi/v1.json");
        using var publisherReference = await publisher.GetAsync("/api-reference/");
        using var anonymousDocument = await anonymous.GetAsync("/openapi/v1.json");
        using var anonymousReference = await anonymous.GetAsync("/api-reference/");

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var page = await reference.Content.ReadAsStringAsync();
        Assert.Contains("openapi", page, StringComparison.Ordinal);
        // The page's script is served by the server itself: an Administrator's browser calls no CDN.
        Assert.DoesNotContain("cdn.", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, publisherDocument.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, publisherReference.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, anonymousDocument.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, anonymousReference.StatusCode);
    }

    /// <summary>Every endpoint checks who is calling: without a sign-in or a device token, each one answers 401 and does nothing.</summary>
    [Fact]
    public async Task EveryApiEndpointRefusesAnonymousCallers()
    {
        using var anonymous = server.CreateClient(new() { AllowAutoRedirect = false });

        var answers = new List<string>();
        foreach (var (_, path, method) in ApiEndpoints())
        {
            var url = RouteValue().Replace(path, m => m.Groups[1].Value switch
            {
                "date" => "2030-01-02",
                "sha256" => new string('0', 64),
                _ => Guid.NewGuid().ToString(),
            });
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method is "GET" or "DELETE" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            using var response = await anonymous.SendAsync(request);
            answers.Add($"{method} {path} {(int)response.StatusCode}");
        }

        Assert.All(answers, a => Assert.EndsWith(" 401", a, StringComparison.Ordinal));
    }

    /// <summary>Every mapped endpoint under /api, by its OpenAPI path (route constraints dropped) and method.</summary>
    List<(Endpoint Endpoint, string Path, string Method)> ApiEndpoints() =>
        [.. server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                ((Endpoint)e, Constraint().Replace(e.RoutePattern.RawText!, "{$1}").TrimEnd('/'), m)))];

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteValue();
}
