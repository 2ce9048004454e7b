using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Hub;
using Signage.Core.Screens;

namespace Signage.Server.Tests;

public class AssetApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task ScreenDownloadsAnAssetOfItsManifestAndGetsTheExactBytes()
    {
        var (screen, sha) = await ScreenWithAssetAsync("Assets ok");

        using var response = await GetAsync(sha, screen.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task AssetIsRefusedWithoutTokenOrWithAWrongOne()
    {
        var (_, sha) = await ScreenWithAssetAsync("Assets anonymous");

        using var anonymous = await GetAsync(sha, null);
        using var wrong = await GetAsync(sha, "forged-token");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task AssetIsRefusedToARevokedScreen()
    {
        var (screen, sha) = await ScreenWithAssetAsync("Assets revoked");
        await server.WithAsync(s => s.GetRequiredService<ScreenService>().RevokeTokenAsync(screen.Screen.Id));

        using var response = await GetAsync(sha, screen.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ScreenCannotReadAnAssetItsManifestDoesNotReference()
    {
        var (_, sha) = await ScreenWithAssetAsync("Assets staff area");
        var (outsider, _) = await server.ScreenAsync("Assets public lobby");

        using var response = await GetAsync(sha, outsider.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MalformedAssetNameIsABadRequest()
    {
        var (screen, _) = await ScreenWithAssetAsync("Assets malformed");

        using var response = await GetAsync("../../etc/passwd", screen.Token);
        using var shortName = await GetAsync("abc", screen.Token);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, shortName.StatusCode);
    }

    async Task<(CreatedScreen Screen, string Sha)> ScreenWithAssetAsync(string group)
    {
        var (screen, g) = await server.ScreenAsync(group);
        var announcement = await server.PublishAndRenderAsync(g.Id, "Marché de Noël");
        await using var db = server.Database.CreateDb();
        var sha = await db.Announcements.Where(a => a.Id == announcement.Id).Select(a => a.AssetSha256!).SingleAsync();
        return (screen, sha);
    }

    async Task<HttpResponseMessage> GetAsync(string sha, string? token)
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, PlayerHubContract.AssetPath(sha));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
