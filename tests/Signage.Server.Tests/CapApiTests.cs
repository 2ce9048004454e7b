using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Alerts.Cap;
using Signage.TestSupport;

namespace Signage.Server.Tests;

public sealed class CapApiTests(ServerFactory server) : IClassFixture<ServerFactory>, IDisposable
{
    readonly RSA key = RSA.Create(2048);

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task AnAdministratorSetsUpASourceAndItsSignedMessageRaisesAnAlertOthersAreRefused()
    {
        var (_, group) = await server.ScreenAsync("CAP hall");
        var admin = await server.ClientAsAsync(Roles.Administrator);
        var publisher = await server.ClientAsAsync(Roles.Publisher);
        using var forbidden = await publisher.PostAsJsonAsync("/api/cap/sources", new { name = "Préfecture", publicKeyPem = key.ExportSubjectPublicKeyInfoPem() });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var added = await admin.PostAsJsonAsync("/api/cap/sources", new { name = "Préfecture", publicKeyPem = key.ExportSubjectPublicKeyInfoPem() });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("no-store", added.Headers.CacheControl?.ToString());
        var source = (await added.Content.ReadFromJsonAsync<CreatedCapSource>())!;
        using var rule = await admin.PostAsJsonAsync("/api/cap/rules",
            new { sourceId = source.Id, @event = "Confinement", template = "confinement", targets = new[] { new { kind = "Group", id = group.Id } } });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var signed = CapMessages.Sign(CapMessages.Message(now, CapMessages.NewId(), "Alert", "Confinement"), key);
        using var anonymous = server.CreateClient();

        using var noKey = await PostCapAsync(anonymous, null, signed);
        using var wrongKey = await PostCapAsync(anonymous, "clé-inventée", signed);
        using var unsigned = await PostCapAsync(anonymous, source.Key, CapMessages.Message(now, CapMessages.NewId(), "Alert", "Confinement"));
        using var malformed = await PostCapAsync(anonymous, source.Key, "<alert>");
        using var accepted = await PostCapAsync(anonymous, source.Key, signed);
        using var duplicate = await PostCapAsync(anonymous, source.Key, signed);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "cap-unsigned"), (unsigned.StatusCode, await CodeAsync(unsigned)));
        Assert.Equal((HttpStatusCode.BadRequest, "cap-malformed"), (malformed.StatusCode, await CodeAsync(malformed)));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var outcome = (await accepted.Content.ReadFromJsonAsync<CapOutcome>())!;
        var status = await publisher.GetFromJsonAsync<JsonElement>($"/api/alerts/{outcome.AlertId}");
        Assert.Equal("Confinement", status.GetProperty("title").GetString());
        Assert.True(status.GetProperty("active").GetBoolean());
        using var ended = await publisher.PostAsync($"/api/alerts/{outcome.AlertId}/end", null);
    }

    static async Task<HttpResponseMessage> PostCapAsync(HttpClient client, string? capKey, string xml)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cap") { Content = new StringContent(xml, Encoding.UTF8, "application/cap+xml") };
        if (capKey is not null)
        {
            request.Headers.Add("X-Cap-Key", capKey);
        }

        return await client.SendAsync(request);
    }

    static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
