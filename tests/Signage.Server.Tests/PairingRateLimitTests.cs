using System.Net;
using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Hub;

namespace Signage.Server.Tests;

/// <summary>The anonymous pairing hub's connection limit, on a server of its own (the limit is per server).</summary>
public class PairingRateLimitTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task TheThirtyFirstPairingConnectionOfAMinuteFromOneAddressIsRefusedWith429AndNoSignInAudit()
    {
        using var client = server.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            using var response = await client.PostAsync($"{PairingContract.Path}/negotiate?negotiateVersion=1", null);
            answers.Add(response.StatusCode);
            if (i == 30)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        Assert.All(answers[..30], a => Assert.Equal(HttpStatusCode.OK, a));
        await using var db = server.Database.CreateDb();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "account.sign-in-rate-limited"));
    }
}
