using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Signage.TestSupport;

namespace Signage.Server.Tests;

/// <summary>The server reaches its database through a relay that the test cuts, as a database host gone from the network.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime, IDisposable
{
    readonly PostgresDatabase database = new();
    readonly TempFolder assets = new();
    TcpRelay? relay;
    OutageFactory? server;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        relay = new TcpRelay(direct.Host!, direct.Port);
        direct.Port = relay.Port;
        server = new OutageFactory(direct.ConnectionString, assets.Path);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    public void Dispose()
    {
        relay?.Dispose();
        server?.Dispose();
        assets.Dispose();
    }

    [Fact]
    public async Task WithPostgreSqlUnreachableReadinessFailsLivenessHoldsAndTheApiAnswers503NotA500()
    {
        var client = server!.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var signIn = await SignInTests.SignInAsync(client, "admin@mairie.test", "Correct-horse-42");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        relay!.Cut();

        // A supervisor probes without the console's cookie (whose session is kept in PostgreSQL).
        using var probe = server.CreateClient(new() { AllowAutoRedirect = false });
        using var readyWhileDown = await probe.GetAsync("/health/ready");
        using var live = await probe.GetAsync("/health/live");
        using var list = await client.GetAsync("/api/alerts");
        using var create = await client.PostAsJsonAsync($"/api/sites/{Guid.NewGuid()}/closures", new { date = "2026-12-24", reason = "Inventaire" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        foreach (var answer in new[] { list, create })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.NotNull(answer.Headers.RetryAfter);
            var problem = await answer.Content.ReadFromJsonAsync<Dictionary<string, object>>();
            Assert.Equal("database-unavailable", problem!["code"].ToString());
        }
    }

    sealed class OutageFactory(string connectionString, string assetRoot) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Signage", connectionString);
            builder.UseSetting("Signage:Jobs:Enabled", "false");
            builder.UseSetting("Signage:Storage:Root", assetRoot);
            builder.UseSetting("Signage:Admin:Email", "admin@mairie.test");
            builder.UseSetting("Signage:Admin:Password", "Correct-horse-42");
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(TestClock.New()));
        }
    }
}
